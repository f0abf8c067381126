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
 */
public record IndexManifest(
    String format,
    int version,
    String createdAt,
    int documents,
    int bits,
    String split,
    List<PrecisionAtK> precisionAtK,
    List<DistanceCount> distances) {
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
}
