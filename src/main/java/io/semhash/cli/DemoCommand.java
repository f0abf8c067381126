package io.semhash.cli;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.pipeline.BuildSummary;
import io.semhash.pipeline.IndexBuild;
import io.semhash.indexdir.IndexLayout;
import io.semhash.search.SemanticSearchService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code semhash demo}: on first run builds an index of the embedded 20 Newsgroups corpus with the
 * default configuration into {@value #DEFAULT_DIR} (git-ignored), then serves it; later runs serve
 * the cached index at once.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Build (once, cached in work/demo-index) and serve an index of the embedded 20 Newsgroups corpus.")
final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_DIR = "work/demo-index";

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Mixin ServerAddress address;

  @Option(names = "--dir", paramLabel = "INDEX_DIR", description = "where the demo index is cached (default: ${DEFAULT-VALUE})")
  Path dir = Path.of(DEFAULT_DIR);

  @Option(names = "--rebuild", description = "build the index again even when a cached one exists")
  boolean rebuild;

  @Option(names = "--train-seconds", paramLabel = "S",
      description = "training time budget of the first-run build, so the demo is up in minutes (default: ${DEFAULT-VALUE})")
  double trainSeconds = DEFAULT_TRAIN_SECONDS;

  /** Keeps the first run (read, train, index) within about five minutes on a 2-core machine. */
  static final double DEFAULT_TRAIN_SECONDS = 210;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    SemhashConfig.Server configured = config.server();
    SemhashConfig.Server settings = ConfigDefaults.build(spec,
        () -> ServerSettings.of(configured, address.host, address.port, configured.threads(), configured.searchThreads(),
            configured.rerank()));
    if (rebuild || !Files.exists(dir.resolve(IndexLayout.MANIFEST))) {
      if (!Files.exists(CorpusArgs.EMBEDDED)) {
        throw new IllegalStateException(CorpusArgs.EMBEDDED + ": the embedded corpus is missing; run from the repository root");
      }
      System.err.println("semhash demo: first run, building " + dir + " from " + CorpusArgs.EMBEDDED + " (cached afterwards)");
      int threads = ModelArgs.threads(config);
      BuildSummary s = IndexBuild.run(CorpusArgs.EMBEDDED, config.corpus().options(), config, ConfigLoader.atWidth(config, java.util.Set.of(), "configuration").model().options(), threads,
          trainSeconds, dir, System.err);
      PrintWriter err = new PrintWriter(System.err, true);
      BuildCommand.print(err, s);
    }
    ServerSettings.serveUntilStopped(SemanticSearchService.open(dir), settings, "the 20 Newsgroups demo");
    return 0;
  }
}
