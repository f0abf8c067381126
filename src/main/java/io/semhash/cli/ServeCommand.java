package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash serve}: the HTTP API and web UI over an index directory. */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Serve the web UI and the HTTP API of an index directory.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--index", required = true, paramLabel = "INDEX_DIR", description = "index directory")
  Path indexDir;

  @Mixin ServerAddress address;

  @Option(names = "--threads", descriptionKey = "server.threads", paramLabel = "N",
      description = "most HTTP server threads, 4..1000 (default: server.threads, ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--search-threads", descriptionKey = "server.search-threads", paramLabel = "N",
      description = "most requests doing search work at once, 0..1000, 0 = one per core (default: server.search-threads, ${DEFAULT-VALUE})")
  int searchThreads;

  @Override
  public Integer call() throws Exception {
    SemhashConfig.Server s = settings(common.load());
    SemanticSearchService service = SemanticSearchService.open(indexDir);
    ServerSettings.serveUntilStopped(service, s, indexDir.toString());
    return 0;
  }

  /** The settings to serve with, once the command line is parsed. */
  SemhashConfig.Server settings(SemhashConfig config) {
    return ConfigDefaults.build(spec, () -> ServerSettings.of(config.server(), address.host, address.port, threads, searchThreads));
  }
}
