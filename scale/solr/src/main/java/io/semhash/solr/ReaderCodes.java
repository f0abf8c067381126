package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingIndex;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;
import org.roaringbitmap.RoaringBitmap;

/**
 * The codes of one field of a whole (top-level) reader as one {@link HammingIndex}, whose ids are
 * the reader's document numbers ({@code docBase + doc}): built once per reader from its segments'
 * {@link SegmentCodes} (the code arrays concatenated, no docValues read again for a segment a
 * previous reader held) and released when the reader closes.
 *
 * <p><b>Why one index per reader.</b> Searching each segment's index costs the multi-index hashing
 * probes once per segment, and those do not shrink with the segment, so a shard of many segments
 * pays a near query many times over; one index over the reader pays them once. The price is a
 * build per reader: every commit that opens a new searcher (including one that only deletes)
 * rebuilds it, in time linear in the reader's documents (docs/BENCHMARKS.md has the figure), which
 * {@link CodeIndexWarmer} pays while Solr warms the new searcher, before it serves a query. A
 * reader of one segment keeps the per-segment index instead ({@link HammingQuery}), which lives as
 * long as the segment's core and so survives such reopens.
 *
 * <p><b>Deletes.</b> A reader's live documents are fixed for its life, so its deleted documents,
 * with the documents without a code, are deleted ids of the index: a search never returns them and
 * a query without a filter needs no bitmap of live documents.
 *
 * <p>Keyed by the reader's cache key ({@link IndexReader#getReaderCacheHelper()}); a reader without
 * one has no index here ({@link #of} answers null) and is searched per segment. Concurrent first
 * uses of a reader build its index once; the others wait for it.
 */
final class ReaderCodes {

  private record Key(IndexReader.CacheKey reader, String field, CodeShape shape) {}

  /** One reader's index, built by the first query (or warmer) that asks for it. */
  private static final class Entry {
    private HammingIndex index;

    synchronized HammingIndex get(IndexReader reader, String field, CodeShape shape) throws IOException {
      if (index == null) {
        index = build(reader, field, shape);
      }
      return index;
    }

    synchronized boolean isBuilt() {
      return index != null;
    }
  }

  private static final Map<Key, Entry> CACHE = new ConcurrentHashMap<>();

  private ReaderCodes() {}

  /**
   * The index of {@code field}'s codes of {@code shape} in the whole of {@code reader}, built on
   * first use, or null when the reader has no cache key to hold it by.
   */
  static HammingIndex of(IndexReader reader, String field, CodeShape shape) throws IOException {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return null;
    }
    Key key = new Key(helper.getKey(), field, shape);
    Entry entry = CACHE.get(key);
    if (entry == null) {
      Entry fresh = new Entry();
      entry = CACHE.putIfAbsent(key, fresh);
      if (entry == null) {
        entry = fresh;
        helper.addClosedListener(closed -> CACHE.remove(key));
      }
    }
    return entry.get(reader, field, shape);
  }

  /** Whether the index of {@code field}'s codes in {@code reader} is built and held, for tests of the warming. */
  static boolean isBuilt(IndexReader reader, String field, CodeShape shape) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    Entry entry = helper == null ? null : CACHE.get(new Key(helper.getKey(), field, shape));
    return entry != null && entry.isBuilt();
  }

  /** Number of reader indexes held (built or being built), for tests of the release. */
  static int cachedCount() {
    return CACHE.size();
  }

  /** The reader's codes in document order, its deleted documents and those without a code deleted. */
  static HammingIndex build(IndexReader reader, String field, CodeShape shape) throws IOException {
    int bits = shape.bits();
    int wpc = BitCode.wordsFor(bits);
    int maxDoc = reader.maxDoc();
    long[] words = new long[Math.multiplyExact(maxDoc, wpc)];
    RoaringBitmap deleted = new RoaringBitmap();
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader r = leaf.reader();
      SegmentCodes segment = SegmentCodes.of(r, field, shape);
      System.arraycopy(segment.codes().rawWords(), 0, words, leaf.docBase * wpc, r.maxDoc() * wpc);
      if (!segment.missing().isEmpty()) {
        deleted.or(RoaringBitmap.addOffset(segment.missing(), leaf.docBase));
      }
      Bits live = r.getLiveDocs();
      if (live != null) {
        for (int doc = 0; doc < r.maxDoc(); doc++) {
          if (!live.get(doc)) {
            deleted.add(leaf.docBase + doc);
          }
        }
      }
    }
    HammingIndex index = HammingIndex.create(shape);
    index.addAll(CodeArray.wrap(bits, words, maxDoc));
    if (!deleted.isEmpty()) {
      index.deleteAll(deleted.toArray());
    }
    return index;
  }
}
