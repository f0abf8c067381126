package io.semhash.store;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * The document store's Lucene codec: Lucene 9.12's default codec, except that stored fields are
 * LZ4-compressed one document at a time.
 *
 * <p>Why: a search returns its documents' stored fields, and the default format compresses 80 KB
 * blocks of many documents with a shared dictionary, so reading one document decompresses the
 * dictionary and every 8 KB sub-block it overlaps: about ten times the document's own bytes. Under
 * load that decompression was the largest single cost of a semantic search. Compressing each
 * document on its own makes a read decompress just that document, for a somewhat larger store
 * (no dictionary, no redundancy shared across documents).
 *
 * <p>Registered as a Lucene SPI codec under {@value #NAME}: Lucene records each segment's codec
 * by name, so segments written by this codec are read by it, and segments an older semhash wrote
 * with the default codec are still read by that one (and rewritten with this codec when merged).
 * The name must change if the format ever changes, or if the delegate moves to a newer default
 * codec, since old segments must keep reading with what wrote them.
 */
public final class StoreCodec extends FilterCodec {
  /** The codec's SPI name, recorded in every segment it writes. */
  public static final String NAME = "SemhashStore912";

  /**
   * Compression slice: a document of at least twice this is compressed in slices of this size
   * (by Lucene's format), so a read of a huge document still decompresses only what it needs.
   */
  private static final int CHUNK_BYTES = 16 * 1024;

  private final StoredFieldsFormat storedFields =
      new Lucene90CompressingStoredFieldsFormat(
          "SemhashStoredFieldsPerDocument", CompressionMode.FAST_DECOMPRESSION, CHUNK_BYTES, 1, 10);

  /** For Lucene's SPI lookup by name; use it as {@code new StoreCodec()} when writing. */
  public StoreCodec() {
    super(NAME, new Lucene912Codec());
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }
}
