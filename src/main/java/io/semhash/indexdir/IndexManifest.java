package io.semhash.indexdir;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
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
 * @param code the codes' shape; absent (null) in manifests written before code shapes, whose
 *     codes are binary, and then left out when the manifest is written again
 * @param split which split was indexed (all, train or test)
 * @param precisionAtK P@k of test queries (at most 20,000, evenly spaced) against the train documents at build time, empty
 *     when the corpus has no labels or no test split
 * @param distances distribution of query-to-document distances in that evaluation (bits, or
 *     symbols for categorical codes)
 * @param coherence mean NPMI coherence of the bits' word lists over the indexed documents at
 *     build time (the lists {@code /api/bits} shows); null for indexes built before it was kept,
 *     and for codes whose features cannot be counted
 */
public record IndexManifest(
    String format,
    int version,
    String createdAt,
    int documents,
    int bits,
    @JsonInclude(JsonInclude.Include.NON_NULL) CodeSpec code,
    String split,
    List<PrecisionAtK> precisionAtK,
    List<DistanceCount> distances,
    @JsonInclude(JsonInclude.Include.NON_NULL) MeanCoherence coherence) {
  public static final String FORMAT = "semhash-index";
  public static final int VERSION = 1;

  public IndexManifest {
    precisionAtK = List.copyOf(precisionAtK == null ? List.of() : precisionAtK);
    distances = List.copyOf(distances == null ? List.of() : distances);
  }

  /**
   * The codes' shape: the recorded one, or binary for a manifest from before code shapes.
   *
   * @throws IllegalArgumentException when the recorded shape is invalid or not {@link #bits()} long
   */
  public CodeShape shape() {
    return CodeSpec.shapeOf(code, bits);
  }

  /** Precision at one cut-off k. */
  public record PrecisionAtK(int k, double precision) {}

  /** How many (query, document) pairs lay at one distance. */
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
