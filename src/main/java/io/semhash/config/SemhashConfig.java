package io.semhash.config;

import io.semhash.corpus.CorpusOptions;
import io.semhash.estimator.BinaryEstimators;
import io.semhash.estimator.CategoricalEstimators;
import io.semhash.estimator.EstimatorParams;
import io.semhash.codes.CodeSpec;
import io.semhash.model.TrainingOptions;
import io.semhash.text.VocabularyOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting semhash reads, with the defaults that apply when neither
 * {@code config/semhash.yaml} nor a flag says otherwise. The YAML file uses the same names in
 * kebab-case (e.g. {@code text.vocabulary-size}); {@link ConfigLoader} reads it.
 *
 * @param byBits settings of the {@code model} section for one code length, over the section's own:
 *     the recipe that suits a width is not the one that suits another (the KL weight, for one,
 *     falls as bits are added; docs/RESULTS.md). Keys are code lengths, values {@code model} keys
 *     ({@code beta}) with their values; a flag still wins ({@link ConfigLoader#atWidth}). A file's
 *     table replaces the built-in one whole; {@code by-bits: {}} turns it off
 */
public record SemhashConfig(Corpus corpus, Text text, Model model, Server server, Solr solr,
    Map<Integer, Map<String, Object>> byBits) {

  public SemhashConfig {
    Map<Integer, Map<String, Object>> copy = new TreeMap<>();
    if (byBits != null) {
      byBits.forEach((bits, settings) -> copy.put(bits,
          Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings))));
    }
    byBits = Collections.unmodifiableMap(copy);
  }

  /** Settings without a per-width table: every code length trains with {@code model} as it is. */
  public SemhashConfig(Corpus corpus, Text text, Model model, Server server, Solr solr) {
    this(corpus, text, model, server, solr, Map.of());
  }

  public static SemhashConfig defaults() {
    return new SemhashConfig(
        new Corpus(0.2, false),
        new Text(10_000, 3, 0.8, true),
        new Model(64, "zgr", 0.5, 10, 500, 40, 3e-3, 128, 1.0, 20.0, 10, "tfidf", 0.0, 1.0, "tfidf", 0.0, 0.0, "squared", 0.0, 0.0, 42L, 0.1, 5, 0, CodeSpec.BINARY, 0, 16, 0.0),
        new Server("127.0.0.1", 7070, 1_048_576L, 1000, "", Server.DEFAULT_THREADS, 0, "asymmetric"),
        new Solr("", "semhash", "", 30, 500),
        // chosen on validation P@100 at each width (docs/RESULTS.md, 20 Newsgroups)
        Map.of(16, Map.of("beta", 2.0), 32, Map.of("beta", 1.5)));
  }

  /**
   * @param testFraction share of documents without a split that become queries (by id hash);
   *     its range is {@link CorpusOptions}'
   */
  public record Corpus(double testFraction, boolean skipBad) {
    public Corpus {
      new CorpusOptions(testFraction, skipBad); // checks the range now, when the file is read
    }

    public CorpusOptions options() {
      return new CorpusOptions(testFraction, skipBad);
    }
  }

  /** The vocabulary: see {@link VocabularyOptions}. */
  public record Text(int vocabularySize, int minDf, double maxDf, boolean stem) {
    public Text {
      new VocabularyOptions(vocabularySize, minDf, maxDf, stem); // checks the ranges now, when the file is read
    }

    public VocabularyOptions options() {
      return new VocabularyOptions(vocabularySize, minDf, maxDf, stem);
    }
  }

  /**
   * The hashing model and its training.
   *
   * @param tau temperature of the Gumbel estimators
   * @param samples K of Gumbel-Rao MC
   * @param neighbourWeight weight of the term tying a document's bits to a tf-idf neighbour's
   * @param neighbours how many nearest tf-idf neighbours the partner is drawn from
   * @param neighbourWeighting term weighting of the vectors the neighbours are found by (tfidf, log-tf)
   * @param neighbourMinSimilarity neighbours below this cosine are left out
   * @param neighbourMaxSimilarity neighbours above this cosine (near-duplicates) are left out, 1 = off
   * @param inputWeighting term weighting of the encoder's input (tfidf, log-tf)
   * @param neighbourReconstruction weight of the partner's words in each document's reconstruction target
   * @param inputDropout probability of dropping each input term at a training step
   * @param neighbourLoss form of the neighbour term (squared, cross-entropy, hard-target)
   * @param bitBalance weight pulling each bit's batch mean towards ½
   * @param bitDecorrelation weight pushing the batch covariance of every two bits towards 0
   * @param validationFraction share of the train split held out for model selection
   * @param patience epochs without a better validation P@100 before training stops
   * @param threads threads of the training step's Java loops, 0 for one per core; the model does
   *     not depend on it (same seed, same model on any number)
   * @param code {@code binary} or {@code categorical} (see {@code io.semhash.codes.CodeSpec})
   * @param groups symbols of a categorical code, 0 for bits / log2 classes
   * @param classes classes per symbol of a categorical code, a power of two in [2, 256]
   * @param neighbourTitleWeight how many times more the title's terms count in the neighbour graph's vectors, 0 = off
   */
  public record Model(
      int bits,
      String estimator,
      double tau,
      int samples,
      int hidden,
      int epochs,
      double learningRate,
      int batchSize,
      double beta,
      double neighbourWeight,
      int neighbours,
      String neighbourWeighting,
      double neighbourMinSimilarity,
      double neighbourMaxSimilarity,
      String inputWeighting,
      double neighbourReconstruction,
      double inputDropout,
      String neighbourLoss,
      double bitBalance,
      double bitDecorrelation,
      long seed,
      double validationFraction,
      int patience,
      int threads,
      String code,
      int groups,
      int classes,
      double neighbourTitleWeight) {

    /**
     * The training options these settings give, validated (there, and the estimator with its τ and
     * K here), naming the bad one.
     */
    public TrainingOptions options() {
      CodeSpec spec = CodeSpec.of(code, bits, groups, classes);
      EstimatorParams params = new EstimatorParams(tau, samples);
      if (spec.categorical()) {
        CategoricalEstimators.byName(estimator, params);
      } else {
        BinaryEstimators.byName(estimator, params);
      }
      return new TrainingOptions(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours,
          neighbourWeighting, neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction, inputDropout,
          neighbourLoss, bitBalance, bitDecorrelation, learningRate, batchSize, epochs, patience, validationFraction, seed, spec,
          neighbourTitleWeight);
    }
  }

  /**
   * The HTTP server. Every range is checked here, whether the value comes from the file, a flag
   * or code ({@link InvalidSettingException} names the key).
   *
   * @param host bind address, not empty
   * @param port 0..65535, 0 for a free port
   * @param maxBodyBytes largest request body, at least 1
   * @param maxK largest {@code k} a request may ask for, at least 1
   * @param token bearer token for write endpoints; empty disables them (the environment variable
   *     SEMHASH_TOKEN is used when this is empty); null is empty
   * @param threads the most threads the HTTP server runs (its acceptor and selector included);
   *     see {@link #DEFAULT_THREADS}
   * @param searchThreads the most requests doing search work at once, the others waiting their
   *     turn in arrival order; 0 = one per core ({@link #searchSlots()})
   * @param rerank the re-rank of a semantic or hybrid search that names none: {@code asymmetric}
   *     (the first Hamming candidates by the query's likelihood of each code; better P@100 on
   *     every corpus and width measured, docs/RESULTS.md) or {@code none}; a service that cannot
   *     re-rank (no model) is served without it
   */
  public record Server(String host, int port, long maxBodyBytes, int maxK, String token, int threads, int searchThreads,
      String rerank) {
    /**
     * A small pool: a search is CPU work, so on a few cores more threads than cores only share
     * them out, and with hundreds of threads every request in flight advanced at once and the
     * slowest waited longest (docs/BENCHMARKS.md, "Search under load").
     */
    public static final int DEFAULT_THREADS = 8;
    /** Fewest threads: the acceptor and the selector hold one each, and at least two must serve requests. */
    public static final int MIN_THREADS = 4;
    public static final int MAX_THREADS = 1000;
    /** The values of {@code server.rerank}: the API's {@code rerank} values, by their names. */
    public static final List<String> RERANKS = List.of("none", "asymmetric");

    public Server {
      InvalidSettingException.checkNotBlank("server.host", host);
      InvalidSettingException.checkRange("server.port", port, 0, 65535, "");
      InvalidSettingException.checkAtLeast("server.max-body-bytes", maxBodyBytes, 1);
      InvalidSettingException.checkAtLeast("server.max-k", maxK, 1);
      InvalidSettingException.checkRange("server.threads", threads, MIN_THREADS, MAX_THREADS, "");
      InvalidSettingException.checkRange("server.search-threads", searchThreads, 0, MAX_THREADS, " (0 = one per core)");
      token = token == null ? "" : token;
      rerank = rerank == null ? "none" : rerank.strip();
      InvalidSettingException.checkOneOf("server.rerank", rerank, RERANKS);
    }

    /**
     * Settings with the default thread counts and no re-rank: searches answer in the Hamming
     * order the index returns unless a request asks for a re-rank.
     */
    public Server(String host, int port, long maxBodyBytes, int maxK, String token) {
      this(host, port, maxBodyBytes, maxK, token, DEFAULT_THREADS, 0, "none");
    }

    /** The same settings with another default re-rank. */
    public Server withRerank(String value) {
      return new Server(host, port, maxBodyBytes, maxK, token, threads, searchThreads, value);
    }

    /** How many requests may do search work at once: {@code searchThreads}, or 0 for one per core. */
    public int searchSlots() {
      return searchThreads == 0 ? Runtime.getRuntime().availableProcessors() : searchThreads;
    }
  }

  /**
   * A SolrCloud collection to serve ({@code serve --solr}) or load ({@code solr-load}).
   *
   * @param url one or more of the cluster's node URLs, comma-separated ({@code http://HOST:8983/solr});
   *     empty: serve the local index
   * @param collection the collection's name
   * @param model the model directory (or an index directory holding one) that encodes queries and
   *     new documents for the collection
   * @param timeoutSeconds longest wait for one Solr request
   * @param batchSize documents per update request of {@code solr-load}
   */
  public record Solr(String url, String collection, String model, int timeoutSeconds, int batchSize) {
    public Solr {
      url = url == null ? "" : url.strip();
      model = model == null ? "" : model.strip();
      InvalidSettingException.checkNotBlank("solr.collection", collection);
      InvalidSettingException.checkRange("solr.timeout-seconds", timeoutSeconds, 1, 3600, "");
      InvalidSettingException.checkRange("solr.batch-size", batchSize, 1, 100_000, "");
    }
  }
}
