package io.semhash.search;

import io.semhash.explain.ClassUsage;
import io.semhash.codes.CodeSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /api/stats} shows. Everything a keyword-only service cannot know is null or empty;
 * the UI draws what is present.
 *
 * @param documents how many documents are stored
 * @param defaultMode the mode a search without {@code mode} gets
 * @param modes the modes this service answers
 * @param defaultRerank the re-rank a semantic or hybrid search without {@code rerank} gets
 * @param reranks the re-ranks this service applies ({@link SearchService#reranks()})
 * @param bits code length; null without a model
 * @param code the model's code type and shape; null without a model
 * @param classUsage per group, the share of the stored codes in each class, the classes never
 *     used and the groups one class fills (see {@link ClassUsage}); null without a categorical model
 * @param model the model's manifest (estimator, bits, vocabulary size, ...) as free-form JSON
 *     values under the API's snake_case names, without history and checksums; empty without a model
 * @param training per epoch of training, in order; empty when unknown
 * @param precisionAtK precision@k of the evaluation run, for increasing k; empty when unknown
 * @param distances how many (query, document) pairs of the evaluation lay at each distance, for
 *     distance 0..bits (0..groups, in symbols, for categorical codes); empty when unknown
 * @param labels documents per label, most frequent first
 * @param coherence mean NPMI coherence of the bits' word lists over the indexed documents,
 *     measured when the index was built; null when unknown (no model, or an index built before
 *     it was kept)
 */
public record ServiceStats(
    long documents,
    SearchMode defaultMode,
    List<SearchMode> modes,
    Rerank defaultRerank,
    List<Rerank> reranks,
    Integer bits,
    CodeSpec code,
    ClassUsage classUsage,
    Map<String, Object> model,
    List<Epoch> training,
    List<PrecisionAtK> precisionAtK,
    List<DistanceCount> distances,
    Map<String, Long> labels,
    MeanCoherence coherence) {
  public ServiceStats {
    Objects.requireNonNull(defaultMode, "defaultMode");
    modes = List.copyOf(modes);
    Objects.requireNonNull(defaultRerank, "defaultRerank");
    reranks = List.copyOf(reranks);
    model = model == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
    training = List.copyOf(training == null ? List.of() : training);
    precisionAtK = List.copyOf(precisionAtK == null ? List.of() : precisionAtK);
    distances = List.copyOf(distances == null ? List.of() : distances);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
  }

  /** The same figures with another default re-rank: the server's, from its configuration. */
  public ServiceStats withDefaultRerank(Rerank rerank) {
    return new ServiceStats(documents, defaultMode, modes, rerank, reranks, bits, code, classUsage, model, training,
        precisionAtK, distances, labels, coherence);
  }

  /**
   * One epoch of training.
   *
   * @param loss mean training loss (negative ELBO per document)
   * @param validationPrecision precision@100 on the validation part; null when not measured
   */
  public record Epoch(int epoch, double loss, Double validationPrecision) {}

  /** Precision at one cut-off k. */
  public record PrecisionAtK(int k, double precision) {}

  /** How many pairs lay at one Hamming distance. */
  public record DistanceCount(int distance, long count) {}

  /**
   * Mean over bits of the NPMI coherence of each bit's top {@code words} words; each null when no
   * bit has two words.
   *
   * @param contrast the lists as shown (by contrast over the documents)
   * @param decoder the lists by decoder weight ({@code /api/bits?rank=decoder}'s order)
   * @param randomFrequent random frequent words, the baseline
   */
  public record MeanCoherence(int words, Double contrast, Double decoder, Double randomFrequent) {}
}
