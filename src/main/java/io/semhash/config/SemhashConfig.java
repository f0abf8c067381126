package io.semhash.config;

import io.semhash.corpus.CorpusOptions;
import io.semhash.text.VocabularyOptions;

/**
 * Every setting semhash reads, with the defaults that apply when neither
 * {@code config/semhash.yaml} nor a flag says otherwise. The YAML file uses the same names in
 * kebab-case (e.g. {@code text.vocabulary-size}); {@link ConfigLoader} reads it.
 */
public record SemhashConfig(Corpus corpus, Text text, Model model, Server server) {

  public static SemhashConfig defaults() {
    return new SemhashConfig(
        new Corpus(0.2, false),
        new Text(10_000, 3, 0.8, false),
        new Model(64, "zgr", 500, 40, 1e-3, 64, 1.0, 42L, 0.1, 5),
        new Server("127.0.0.1", 7070, 1_048_576L, 1000, ""));
  }

  /** @param testFraction share of documents without a split that become queries (by id hash) */
  public record Corpus(double testFraction, boolean skipBad) {
    public CorpusOptions options() {
      return new CorpusOptions(testFraction, skipBad);
    }
  }

  /** The vocabulary: see {@link VocabularyOptions}. */
  public record Text(int vocabularySize, int minDf, double maxDf, boolean stem) {
    public VocabularyOptions options() {
      return new VocabularyOptions(vocabularySize, minDf, maxDf, stem);
    }
  }

  /**
   * The hashing model and its training.
   *
   * @param validationFraction share of the train split held out for model selection
   * @param patience epochs without a better validation P@100 before training stops
   */
  public record Model(
      int bits,
      String estimator,
      int hidden,
      int epochs,
      double learningRate,
      int batchSize,
      double beta,
      long seed,
      double validationFraction,
      int patience) {}

  /**
   * The HTTP server.
   *
   * @param token bearer token for write endpoints; empty disables them (the environment variable
   *     SEMHASH_TOKEN is used when this is empty)
   */
  public record Server(String host, int port, long maxBodyBytes, int maxK, String token) {}
}
