package io.semhash.cli;

import io.semhash.corpus.CorpusOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The corpus a command reads and how; the flags default to {@code corpus.*} of the configuration. */
final class CorpusArgs {
  static final Path EMBEDDED = Path.of("data", "20news-bydate.tar.gz");

  @Option(names = "--corpus", paramLabel = "PATH",
      description = "directory, .tar.gz, .jsonl or .jsonl.gz corpus (default: ${DEFAULT-VALUE})")
  Path corpus = EMBEDDED;

  @Option(names = "--test-fraction", descriptionKey = "corpus.test-fraction", paramLabel = "F",
      description = "share of documents without a split that become test queries, in [0, 1) (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--skip-bad", descriptionKey = "corpus.skip-bad",
      description = "skip and count malformed records instead of failing (default: ${DEFAULT-VALUE})")
  boolean skipBad;

  /** The reading options: the flags, which default to {@code corpus.*} ({@link ConfigDefaults}). */
  CorpusOptions options() {
    return new CorpusOptions(testFraction, skipBad);
  }
}
