package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semhash serve}: the HTTP API and web UI over an index directory. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web UI and the HTTP API of an index directory.")
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--index", required = true, paramLabel = "INDEX_DIR", description = "index directory")
  Path indexDir;

  @Option(names = "--port", paramLabel = "PORT", description = "port, 0..65535 (default: server.port of the configuration)")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "bind address (default: server.host, 127.0.0.1)")
  String host;

  @Option(names = "--threads", paramLabel = "N",
      description = "most HTTP server threads, 4..1000 (default: server.threads of the configuration, 8)")
  Integer threads;

  @Option(names = "--search-threads", paramLabel = "N",
      description = "most requests doing search work at once, 0..1000, 0 = one per core (default: server.search-threads, 0)")
  Integer searchThreads;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    SemhashConfig.Server s = ServerSettings.of(config, host, port, threads, searchThreads);
    SemanticSearchService service = SemanticSearchService.open(indexDir);
    ServerSettings.serveUntilStopped(service, s, indexDir.toString());
    return 0;
  }
}
