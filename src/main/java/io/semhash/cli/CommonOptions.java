package io.semhash.cli;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where the configuration is and how much to show on failure. */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: config/semhash.yaml if present)")
  Path config;

  @Option(names = "--debug", description = "show stack traces on errors")
  boolean debug;

  SemhashConfig load() {
    return ConfigLoader.load(config);
  }
}
