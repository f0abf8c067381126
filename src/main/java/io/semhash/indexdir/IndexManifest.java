package io.semhash.indexdir;

import java.util.List;

/**
 * The JSON manifest of an index directory, which holds as one unit the model ({@value
 * IndexLayout#MODEL}/), the Hamming index ({@value IndexLayout#HAMMING}/) and the Lucene store
 * ({@value IndexLayout#LUCENE}/).
 *
 * @param format always {@value #FORMAT}
 * @param version {@value #VERSION}
 * @param documents documents indexed at build time
 * @param bits code length
 * @param split which split was indexed (all, train or test)
 * @param precisionAtK P@k of test queries against the train documents at build time, empty
 *     when the corpus has no labels or no test split
 * @param distances distribution of query-to-document Hamming distances in that evaluation
 * @param coherence mean NPMI coherence of the bits' word lists over the indexed documents at
 *     build time (the lists {@code /api/bits} shows); null for indexes built before it was kept
 */
public record IndexManifest(
    String format,
    int version,
    String createdAt,
    int documents,
    int bits,
    String split,
    List<PrecisionAtK> precisionAtK,
    List<DistanceCount> distances,
    MeanCoherence coherence) {
  public static final String FORMAT = "semhash-index";
  public static final int VERSION = 1;

  public IndexManifest {
    precisionAtK = List.copyOf(precisionAtK == null ? List.of() : precisionAtK);
    distances = List.copyOf(distances == null ? List.of() : distances);
  }

  /** Precision at one cut-off k. */
  public record PrecisionAtK(int k, double precision) {}

  /** How many (query, document) pairs lay at one Hamming distance. */
  public record DistanceCount(int distance, long count) {}

  /**
   * Mean over bits of the NPMI coherence of each bit's top {@code words} words (null where no bit
   * has two words).
   *
   * @param decoder the lists by decoder weight
   * @param contrast the lists by contrast over the documents, as shown
   * @param randomFrequent random frequent words, the baseline
   */
  public record MeanCoherence(int words, Double decoder, Double contrast, Double randomFrequent) {}
}
