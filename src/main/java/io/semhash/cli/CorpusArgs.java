package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.CorpusOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The corpus a command reads and how; flags override {@code corpus.*} of the configuration. */
final class CorpusArgs {
  static final Path EMBEDDED = Path.of("data", "20news-bydate.tar.gz");

  @Option(names = "--corpus", paramLabel = "PATH",
      description = "directory, .tar.gz, .jsonl or .jsonl.gz corpus (default: ${DEFAULT-VALUE})")
  Path corpus = EMBEDDED;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "share of documents without a split that become test queries, in [0, 1)")
  Double testFraction;

  @Option(names = "--skip-bad", description = "skip and count malformed records instead of failing")
  Boolean skipBad;

  CorpusOptions options(SemhashConfig config) {
    SemhashConfig.Corpus c = config.corpus();
    return new CorpusOptions(
        testFraction != null ? testFraction : c.testFraction(), skipBad != null ? skipBad : c.skipBad());
  }
}
