package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.json.ApiJson;
import io.semhash.pipeline.BuildSummary;
import io.semhash.pipeline.IndexBuild;
import io.semhash.tune.TuneReport;
import io.semhash.tune.Tuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash build}: corpus in, servable index directory out, in one command. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Read a corpus, fit the vocabulary, train the model, encode and index every document (atomically).")
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;
  @Mixin ModelArgs modelArgs;

  @Option(names = "--out", required = true, paramLabel = "INDEX_DIR", description = "index directory to write")
  Path out;

  @Option(names = "--train-seconds", paramLabel = "S", description = "stop training after the epoch that passes this many seconds (default: no limit)")
  Double trainSeconds;

  @Option(names = "--json", description = "print the summary as JSON")
  boolean json;

  @Option(names = "--tune", description = "run semhash tune on the corpus first (its --budget, --trials, ... apply) and build with the chosen settings")
  boolean tune;

  @Option(names = "--tune-out", paramLabel = "CONFIG",
      description = "where --tune writes the chosen configuration (default: INDEX_DIR.tuned.yaml beside the index)")
  Path tuneOut;

  @Mixin TuneCommand.TuneArgs tuneArgs;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    int threads = modelArgs.threads();
    if (tune) {
      config = tuned(config, threads);
    }
    BuildSummary s = IndexBuild.run(corpusArgs.corpus, corpusArgs.options(), config, tune ? config.model().options() : modelArgs.options(config), threads,
        trainSeconds != null ? trainSeconds : Double.POSITIVE_INFINITY, out, System.err);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      pw.println(ApiJson.pretty(s));
    } else {
      print(pw, s);
    }
    pw.flush();
    return 0;
  }

  /** The configuration {@code semhash tune} chooses for this corpus from the flags and {@code config}, also written to {@link #tuneOut}. */
  private SemhashConfig tuned(SemhashConfig config, int threads) throws IOException {
    SemhashConfig base = new SemhashConfig(config.corpus(), config.text(), modelArgs.model(config), config.server(), config.solr());
    base.model().options();
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    TuneReport report = tuneArgs.tuner(base, modelArgs.givenKeys(), threads).run(corpus.documents());
    SemhashConfig chosen = Tuner.chosen(base, report);
    Path file = tuneOut != null ? tuneOut : out.resolveSibling(out.getFileName() + ".tuned.yaml");
    TuneCommand.write(file, chosen, report, corpusArgs.corpus);
    PrintWriter err = new PrintWriter(System.err, true);
    TuneCommand.print(err, report, file);
    return chosen;
  }

  static void print(PrintWriter pw, BuildSummary s) {
    pw.printf(Locale.ROOT, "index %s: %,d documents, %d bits (%s)%n", s.index(), s.documents(), s.bits(), s.estimator());
    if (s.testPrecisionAt100() != null) {
      pw.printf(Locale.ROOT, "P@100 of the test split against the train split: %.4f%n", s.testPrecisionAt100());
    }
    s.stageSeconds().forEach((stage, secs) -> pw.printf(Locale.ROOT, "  %-11s %7.1f s%n", stage, secs));
  }
}
