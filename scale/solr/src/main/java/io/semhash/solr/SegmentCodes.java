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
 * The codes of one field of one segment as a {@link HammingIndex} of the field's {@link CodeShape}, whose ids are the segment's
 * document numbers: built once per segment core from the binary docValues and shared by every
 * searcher that holds the segment, released when the segment core closes.
 *
 * <p>Keyed by the reader's core cache key: deletes do not change a segment's codes (they are
 * applied per query, as a filter of live documents) and Solr never updates binary docValues in
 * place, so the codes of a core are fixed for its life. Documents without a code are deleted ids
 * of the index, so a search never returns them.
 */
final class SegmentCodes {

  private record Key(IndexReader.CacheKey core, String field, CodeShape shape) {}

  private static final Map<Key, HammingIndex> CACHE = new ConcurrentHashMap<>();

  private SegmentCodes() {}

  /**
   * The index of {@code field}'s codes in {@code reader}, built on first use; it ranks by the
   * distance of {@code shape} (Hamming, or symbol distance for a categorical shape).
   */
  static HammingIndex of(LeafReader reader, String field, CodeShape shape) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return build(reader, field, shape);
    }
    Key key = new Key(helper.getKey(), field, shape);
    HammingIndex index = CACHE.get(key);
    if (index != null) {
      return index;
    }
    index = build(reader, field, shape);
    if (CACHE.putIfAbsent(key, index) == null) {
      helper.addClosedListener(core -> CACHE.remove(key));
    }
    return CACHE.getOrDefault(key, index);
  }

  /** Number of segment indexes held, for tests of the release. */
  static int cachedCount() {
    return CACHE.size();
  }

  private static HammingIndex build(LeafReader reader, String field, CodeShape shape) throws IOException {
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
    HammingIndex index = HammingIndex.create(shape);
    index.addAll(codes);
    if (!missing.isEmpty()) {
      index.deleteAll(missing.toArray());
    }
    return index;
  }
}
