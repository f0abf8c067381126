package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.explain.BitContrast;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.Coherence;
import io.semhash.explain.ContrastedMeanings;
import io.semhash.eval.RandomHyperplaneLsh;
import io.semhash.eval.RetrievalProtocol;
import io.semhash.eval.RetrievalScores;
import io.semhash.model.HashingModel;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.Vectorizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation protocol ({@link RetrievalProtocol}, docs/ARCHITECTURE.md): database = the train split, queries = the test split,
 * relevant = sharing a label, P@k and mAP@k with ties broken by database order. In the same run
 * and on the model's own vocabulary, two baselines: exact tf-idf cosine k-NN (the continuous
 * reference) and random-hyperplane LSH of the tf-idf vectors at the model's number of bits. Also
 * the model's {@link BitHealth} over the database codes: how many bits are dead and how many
 * redundant.
 */
public final class ModelEvaluation {
  /** Seed of the LSH hyperplanes, fixed so the baseline is reproducible. */
  public static final long LSH_SEED = 20_26_11_26L;
  /** The method row of the model's codes re-ranked by the query's likelihood ({@code rerank=asymmetric}). */
  public static final String ASYMMETRIC = "semhash-asymmetric";

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
   * @param coherence NPMI coherence of the bits' top words, the lists made from the database (its
   *     codes' contrast, and the decoder's), scored over the queries' documents, which the lists
   *     have not seen; null for categorical codes
   */
  public record Report(
      int bits, String estimator, int k, int queries, int database, List<MethodScores> methods,
      int deadBits, int redundantBits, Coherence coherence, double seconds) {
    public MethodScores method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }
  }

  public static Report run(HashingModel model, List<Document> docs, int k) {
    long t0 = System.nanoTime();
    RetrievalProtocol.Sides<Document> sides = RetrievalProtocol.trainAgainstTest(docs, docs);
    if (!sides.scorable()) {
      throw new IllegalArgumentException("evaluation needs labelled documents in both splits; the corpus has "
          + sides.database().size() + " labelled train and " + sides.queries().size() + " labelled test documents");
    }
    Vectorizer vz = model.vectorizer();
    RetrievalProtocol.Sides<SparseVector> counts = sides.with(
        sides.database().parallelStream().map(d -> vz.counts(d.fullText())).toList(),
        sides.queries().parallelStream().map(d -> vz.counts(d.fullText())).toList());
    RetrievalProtocol.Sides<SparseVector> tfidf = counts.with(
        counts.database().parallelStream().map(vz::tfidf).toList(), counts.queries().parallelStream().map(vz::tfidf).toList());
    int kk = RetrievalProtocol.cutOff(sides, k);

    // the model's codes from its own input weighting; the baselines always from tf-idf
    List<BitCode> dbCodes = counts.database().parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    List<float[]> queryLogits = counts.queries().parallelStream().map(c -> model.encoder().logits(model.input(c))).toList();
    RetrievalProtocol.Sides<BitCode> codes = counts.with(dbCodes, queryLogits.stream().map(model.codeSpec()::code).toList());
    RetrievalScores semhash = RetrievalProtocol.codes(codes, model.codeShape(), kk);
    // the search option rerank=asymmetric: the first Hamming (or symbol) candidates by the query's likelihood
    RetrievalScores asymmetric = RetrievalProtocol.asymmetric(codes, model.codeSpec(), queryLogits, kk);

    CosineKnnIndex cosine = CosineKnnIndex.build(tfidf.database(), vz.vocabulary().size());
    RetrievalScores tfidfScores = RetrievalProtocol.ranked(tfidf, cosine.topK(tfidf.queries(), kk, false), kk);

    RandomHyperplaneLsh lsh = RandomHyperplaneLsh.create(model.bits(), vz.vocabulary().size(), LSH_SEED);
    RetrievalScores lshScores = RetrievalProtocol.hamming(tfidf.with(
        tfidf.database().parallelStream().map(lsh::code).toList(), tfidf.queries().parallelStream().map(lsh::code).toList()), kk);

    BitHealth health = BitHealth.of(model.bits(), dbCodes);
    Coherence coherence = !model.codeShape().isBinary() ? null // these codes are scored as bits here
        : ContrastedMeanings.of(BitMeanings.of(model.weights(), vz.vocabulary()), vz.vocabulary(),
            dbCodes, counts.database(), BitContrast.Options.DEFAULT, counts.queries()).coherence();
    return new Report(model.bits(), model.manifest().options().estimator(), kk, sides.queries().size(), sides.database().size(),
        methods(semhash, asymmetric, tfidfScores, lshScores),
        health.deadBits(), health.redundantBits(), coherence, (System.nanoTime() - t0) / 1e9);
  }

  private static List<MethodScores> methods(RetrievalScores semhash, RetrievalScores asymmetric, RetrievalScores tfidf,
      RetrievalScores lsh) {
    List<MethodScores> methods = new ArrayList<>();
    methods.add(MethodScores.of("semhash", semhash));
    methods.add(MethodScores.of(ASYMMETRIC, asymmetric));
    methods.add(MethodScores.of("tfidf-cosine", tfidf));
    methods.add(MethodScores.of("lsh", lsh));
    return methods;
  }
}
