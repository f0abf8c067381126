package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingIndex;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.roaringbitmap.RoaringBitmap;

/**
 * The codes of one field of one segment, read once per segment core from the binary docValues and
 * shared by every searcher that holds the segment, released when the segment core closes: one
 * code per document number (zeros for a document without a code, which is listed as {@link
 * #missing()}), and, built on first use, a {@link HammingIndex} of the field's {@link CodeShape}
 * whose ids are the segment's document numbers.
 *
 * <p>The code array is what {@link ReaderCodes} concatenates into the index of a whole reader of
 * several segments, so that a new reader after a commit reads only its new segments' docValues;
 * the segment's own index is built only for the per-segment search (a reader of one segment).
 *
 * <p>Keyed by the reader's core cache key: deletes do not change a segment's codes (they are
 * applied per query, as a filter of live documents, or per reader by {@link ReaderCodes}) and
 * Solr never updates binary docValues in place, so the codes of a core are fixed for its life.
 * Documents without a code are deleted ids of the index, so a search never returns them.
 */
final class SegmentCodes {

  private record Key(IndexReader.CacheKey core, String field, CodeShape shape) {}

  private static final Map<Key, SegmentCodes> CACHE = new ConcurrentHashMap<>();

  private final CodeShape shape;
  private final CodeArray codes;
  private final RoaringBitmap missing;
  private volatile HammingIndex index;

  private SegmentCodes(CodeShape shape, CodeArray codes, RoaringBitmap missing) {
    this.shape = shape;
    this.codes = codes;
    this.missing = missing;
  }

  /**
   * The codes of {@code field} in {@code reader}, read on first use, of {@code shape}: its index
   * ranks by that shape's distance (Hamming, or symbol distance for a categorical shape).
   */
  static SegmentCodes of(LeafReader reader, String field, CodeShape shape) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return read(reader, field, shape);
    }
    Key key = new Key(helper.getKey(), field, shape);
    SegmentCodes codes = CACHE.get(key);
    if (codes != null) {
      return codes;
    }
    codes = read(reader, field, shape);
    if (CACHE.putIfAbsent(key, codes) == null) {
      helper.addClosedListener(core -> CACHE.remove(key));
    }
    return CACHE.getOrDefault(key, codes);
  }

  /** One code per document number, zeros for a document without one; not to be modified. */
  CodeArray codes() {
    return codes;
  }

  /** The document numbers without a code; not to be modified. */
  RoaringBitmap missing() {
    return missing;
  }

  /** The segment's index, document numbers as ids, built on first use and kept with the codes. */
  HammingIndex index() {
    HammingIndex i = index;
    if (i == null) {
      synchronized (this) {
        i = index;
        if (i == null) {
          i = HammingIndex.create(shape);
          i.addAll(codes);
          if (!missing.isEmpty()) {
            i.deleteAll(missing.toArray());
          }
          index = i;
        }
      }
    }
    return i;
  }

  /** Number of segments whose codes are held, for tests of the release. */
  static int cachedCount() {
    return CACHE.size();
  }

  private static SegmentCodes read(LeafReader reader, String field, CodeShape shape) throws IOException {
    int bits = shape.bits();
    int maxDoc = reader.maxDoc();
    CodeArray codes = CodeArray.create(bits, maxDoc);
    RoaringBitmap missing = new RoaringBitmap();
    BitCode none = BitCode.zeros(bits);
    BinaryDocValues values = DocValues.getBinary(reader, field);
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      for (int gap = codes.size(); gap < doc; gap++) {
        missing.add(gap);
        codes.add(none);
      }
      BytesRef b = values.binaryValue();
      // every w-bit value is a class (C is a power of two), so a code of the right length is valid for the shape
      try {
        codes.add(BitCode.fromBytes(bits, b.bytes, b.offset, b.length));
      } catch (IllegalArgumentException e) {
        // HammingCodeField refuses such values, so only a schema whose length changed gets here
        throw new SolrException(
            ErrorCode.SERVER_ERROR,
            "field " + field + ", document " + doc + " of segment " + reader + ": " + e.getMessage()
                + "; the field's codes must be reindexed after a change of length");
      }
    }
    for (int gap = codes.size(); gap < maxDoc; gap++) {
      missing.add(gap);
      codes.add(none);
    }
    missing.runOptimize();
    return new SegmentCodes(shape, codes, missing);
  }
}
