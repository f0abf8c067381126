package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.HammingRanking;
import io.semhash.explain.BitHealth;
import io.semhash.eval.RandomHyperplaneLsh;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.model.HashingModel;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.Vectorizer;
import java.util.List;

/**
 * The evaluation protocol of design.md: database = the train split, queries = the test split,
 * relevant = sharing a label, P@k and mAP@k with ties broken by database order. In the same run
 * and on the model's own vocabulary, two baselines: exact tf-idf cosine k-NN (the continuous
 * reference) and random-hyperplane LSH of the tf-idf vectors at the model's number of bits. Also
 * the model's {@link BitHealth} over the database codes: how many bits are dead and how many
 * redundant.
 */
public final class ModelEvaluation {
  /** Seed of the LSH hyperplanes, fixed so the baseline is reproducible. */
  public static final long LSH_SEED = 20_26_11_26L;

  private ModelEvaluation() {}

  /** Scores of one method. */
  public record MethodScores(String method, double precision, double map) {
    static MethodScores of(String method, RetrievalScores s) {
      return new MethodScores(method, s.precision(), s.map());
    }
  }

  /**
   * The evaluation report, also the JSON of {@code semhash eval --json}.
   *
   * @param deadBits bits on for fewer than 1% or more than 99% of the database (see {@link BitHealth})
   * @param redundantBits live bits correlated above 0.9 in absolute value with a lower live bit
   */
  public record Report(
      int bits, String estimator, int k, int queries, int database, List<MethodScores> methods,
      int deadBits, int redundantBits, double seconds) {
    public MethodScores method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }
  }

  public static Report run(HashingModel model, List<Document> docs, int k) {
    long t0 = System.nanoTime();
    List<Document> database = docs.stream().filter(d -> d.split() == Split.TRAIN && !d.labels().isEmpty()).toList();
    List<Document> queries = docs.stream().filter(d -> d.split() == Split.TEST && !d.labels().isEmpty()).toList();
    if (database.isEmpty() || queries.isEmpty()) {
      throw new IllegalArgumentException("evaluation needs labelled documents in both splits; the corpus has "
          + database.size() + " labelled train and " + queries.size() + " labelled test documents");
    }
    Vectorizer vz = model.vectorizer();
    List<SparseVector> dbCounts = database.parallelStream().map(d -> vz.counts(d.fullText())).toList();
    List<SparseVector> qCounts = queries.parallelStream().map(d -> vz.counts(d.fullText())).toList();
    List<SparseVector> dbTfidf = dbCounts.parallelStream().map(vz::tfidf).toList();
    List<SparseVector> qTfidf = qCounts.parallelStream().map(vz::tfidf).toList();
    RelevanceLabels labels = RelevanceLabels.of(
        queries.stream().map(Document::labels).toList(), database.stream().map(Document::labels).toList());
    int kk = Math.min(k, database.size());

    // the model's codes from its own input weighting; the baselines always from tf-idf
    List<BitCode> dbCodes = dbCounts.parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    List<BitCode> qCodes = qCounts.parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    RetrievalScores semhash = RetrievalScores.of(HammingRanking.rank(dbCodes, qCodes, kk), labels, kk);

    CosineKnnIndex cosine = CosineKnnIndex.build(dbTfidf, vz.vocabulary().size());
    RetrievalScores tfidf = RetrievalScores.of(cosine.topK(qTfidf, kk, false), labels, kk);

    RandomHyperplaneLsh lsh = RandomHyperplaneLsh.create(model.bits(), vz.vocabulary().size(), LSH_SEED);
    RetrievalScores lshScores = RetrievalScores.of(
        HammingRanking.rank(dbTfidf.parallelStream().map(lsh::code).toList(), qTfidf.parallelStream().map(lsh::code).toList(), kk),
        labels, kk);

    BitHealth health = BitHealth.of(model.bits(), dbCodes);
    return new Report(model.bits(), model.manifest().options().estimator(), kk, queries.size(), database.size(),
        List.of(MethodScores.of("semhash", semhash), MethodScores.of("tfidf-cosine", tfidf), MethodScores.of("lsh", lshScores)),
        health.deadBits(), health.redundantBits(), (System.nanoTime() - t0) / 1e9);
  }
}
