package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.study.ComparisonReport;
import io.semhash.study.EstimatorComparison;
import io.semhash.study.RealProblemData;
import io.semhash.text.CorpusVectors;
import io.semhash.text.SparseVector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code semhash estimators}: bias², variance, MSE and cosine of every estimator against the exact
 * (enumerated) gradient, on a quadratic, a cubic and a small decoder loss over real documents.
 */
@Command(
    name = "estimators",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Compare the gradient estimators against exact gradients (quadratic, cubic, decoder on real documents).")
final class EstimatorsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the problems and the sampling (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    CorpusVectors vectors = CorpusVectors.build(corpus.documents(), config.text().options(), null);
    ComparisonReport report = EstimatorComparison.run(seed, realProblem(corpus.documents(), vectors, seed));
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? report.toJson() : report.toTable());
    out.flush();
    return 0;
  }

  /** A few train documents (10 to 40 distinct in-vocabulary terms) drawn by the seed. */
  static RealProblemData realProblem(List<Document> docs, CorpusVectors vectors, long seed) {
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      int nnz = vectors.counts().get(i).nnz();
      if (docs.get(i).split() == Split.TRAIN && nnz >= 10 && nnz <= 40) {
        eligible.add(i);
      }
    }
    if (eligible.size() < EstimatorComparison.DOCUMENTS) {
      throw new IllegalArgumentException("the corpus has only " + eligible.size()
          + " train documents with 10 to 40 distinct vocabulary terms; the decoder problem needs " + EstimatorComparison.DOCUMENTS);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[][] ids = new int[EstimatorComparison.DOCUMENTS][];
    float[][] counts = new float[EstimatorComparison.DOCUMENTS][];
    for (int d = 0; d < ids.length; d++) {
      SparseVector v = vectors.counts().get(eligible.remove(random.nextInt(eligible.size())));
      ids[d] = v.indices().clone();
      counts[d] = v.values().clone();
    }
    return new RealProblemData(ids, counts, vectors.vocabulary().size());
  }
}
