package io.semhash.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.Bits;

/**
 * Finds the Lucene document that holds an internal number (the Hamming-index id), without a query.
 *
 * <p>Why: every semantic result is a number that has to become a stored document. A point query
 * per number walks the BKD tree of every segment and showed up as the second-largest cost of a
 * search under load. Here each segment's numbers are read once from its doc values into a sorted
 * array, so a lookup is a binary search per segment.
 *
 * <p>The arrays are kept per segment <em>core</em> (the immutable part a segment keeps across
 * near-real-time reopens), so a reopen after a write only reads the segments that are new; an
 * entry is dropped when Lucene closes its core (e.g. after a merge). Deletions are not part of
 * the core: they are checked against the reader's live docs at each lookup, so a deleted
 * document's number is never returned even though it stays in the array until its segment merges.
 *
 * <p>Thread-safe.
 */
final class NumberLookup {
  /** A document that is not found. */
  static final int ABSENT = -1;

  private final String field;
  private final Map<IndexReader.CacheKey, SegmentNumbers> segments = new ConcurrentHashMap<>();

  /** A lookup of the numbers held in the numeric doc values of {@code field}. */
  NumberLookup(String field) {
    this.field = field;
  }

  /**
   * The top-level doc ids, in {@code reader}, of the live documents holding {@code numbers}, in
   * the same order; {@link #ABSENT} for a number no live document holds.
   */
  int[] docs(IndexReader reader, int[] numbers) throws IOException {
    int[] docs = new int[numbers.length];
    Arrays.fill(docs, ABSENT);
    List<LeafReaderContext> leaves = reader.leaves();
    for (LeafReaderContext leaf : leaves) {
      SegmentNumbers segment = segment(leaf.reader());
      Bits live = leaf.reader().getLiveDocs();
      for (int i = 0; i < numbers.length; i++) {
        if (docs[i] == ABSENT) {
          int doc = segment.liveDoc(numbers[i], live);
          if (doc != ABSENT) {
            docs[i] = leaf.docBase + doc;
          }
        }
      }
    }
    return docs;
  }

  /** How many segment cores have their numbers cached: for tests of the eviction. */
  int cachedSegments() {
    return segments.size();
  }

  private SegmentNumbers segment(LeafReader leaf) throws IOException {
    IndexReader.CacheHelper core = leaf.getCoreCacheHelper();
    if (core == null) {
      return SegmentNumbers.read(leaf, field); // a reader that cannot be cached: read every time
    }
    SegmentNumbers cached = segments.get(core.getKey());
    if (cached != null) {
      return cached;
    }
    // Two threads may both read a new segment; the loser's array is dropped. Reading outside the
    // map's lock keeps an IOException out of computeIfAbsent and other segments' lookups unblocked.
    SegmentNumbers read = SegmentNumbers.read(leaf, field);
    if (segments.putIfAbsent(core.getKey(), read) == null) {
      core.addClosedListener(segments::remove);
    }
    return read;
  }

  /**
   * One segment's (number, doc) pairs, every document of the core including deleted ones, packed
   * as {@code number << 32 | doc} and sorted, so the pairs of one number are adjacent.
   */
  private record SegmentNumbers(long[] pairs) {
    static SegmentNumbers read(LeafReader leaf, String field) throws IOException {
      NumericDocValues values = leaf.getNumericDocValues(field);
      if (values == null) {
        return new SegmentNumbers(new long[0]);
      }
      long[] pairs = new long[leaf.maxDoc()];
      int n = 0;
      for (int d = values.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = values.nextDoc()) {
        pairs[n++] = values.longValue() << 32 | d;
      }
      long[] sorted = Arrays.copyOf(pairs, n);
      Arrays.sort(sorted);
      return new SegmentNumbers(sorted);
    }

    /** The live document of this segment holding {@code number}, or {@link #ABSENT}. */
    int liveDoc(int number, Bits live) {
      long first = (long) number << 32;
      int i = Arrays.binarySearch(pairs, first);
      if (i < 0) {
        i = -i - 1;
      }
      // a number can be held by several documents of a segment when all but one are deleted
      for (; i < pairs.length && (int) (pairs[i] >>> 32) == number; i++) {
        int doc = (int) pairs[i];
        if (live == null || live.get(doc)) {
          return doc;
        }
      }
      return ABSENT;
    }
  }
}
