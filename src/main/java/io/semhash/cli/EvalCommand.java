package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.explain.Coherence;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.ModelEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash eval}: retrieval precision of a model and of two baselines on a labelled corpus. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "P@k and mAP@k (database = train split, queries = test split, relevant = shares a label) for the model,"
        + " exact tf-idf cosine k-NN and random-hyperplane LSH at the same bits.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;

  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory from 'semhash train'")
  Path modelDir;

  @Option(names = "--k", paramLabel = "K", description = "cut-off, 1..10000 (default: ${DEFAULT-VALUE})")
  int k = 100;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (k < 1 || k > 10_000) {
      throw new IllegalArgumentException("--k must be in [1, 10000], got " + k);
    }
    SemhashConfig config = common.load();
    HashingModel model = HashingModel.load(modelDir);
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    ModelEvaluation.Report report = ModelEvaluation.run(model, corpus.documents(), k);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ApiJson.pretty(report));
    } else {
      out.printf(Locale.ROOT, "%d bits, estimator %s: %d queries (test) against %d documents (train), k = %d%n",
          report.bits(), report.estimator(), report.queries(), report.database(), report.k());
      out.printf(Locale.ROOT, "%-14s %8s %8s%n", "method", "P@" + report.k(), "mAP@" + report.k());
      for (ModelEvaluation.MethodScores m : report.methods()) {
        out.printf(Locale.ROOT, "%-14s %8.4f %8.4f%n", m.method(), m.precision(), m.map());
      }
      out.printf(Locale.ROOT, "bits: %d dead (on for < 1%% or > 99%% of the database), %d redundant (|correlation| > 0.9 with a lower bit)%n",
          report.deadBits(), report.redundantBits());
      Coherence c = report.coherence();
      if (c != null) {
        out.printf(Locale.ROOT, "bit words: mean NPMI coherence of the top %d over the test documents: contrast %s, decoder %s,"
          + " random frequent words %.4f%n", c.words(), fourDecimals(c.contrast()), fourDecimals(c.decoder()),
            c.randomFrequent());
      }
    }
    out.flush();
    return 0;
  }

  private static String fourDecimals(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%.4f", x);
  }
}
