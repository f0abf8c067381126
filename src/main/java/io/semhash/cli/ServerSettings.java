package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SearchService;
import io.semhash.server.SemhashServer;
import java.util.concurrent.CountDownLatch;

/** Server settings from configuration and flags, and running a server until the process ends. */
final class ServerSettings {
  private ServerSettings() {}

  static SemhashConfig.Server of(SemhashConfig config, String host, Integer port) {
    return of(config, host, port, null, null);
  }

  /** The configured settings with the flags given (non-null) put over them. */
  static SemhashConfig.Server of(SemhashConfig config, String host, Integer port, Integer threads, Integer searchThreads) {
    SemhashConfig.Server s = config.server();
    int p = port != null ? port : s.port();
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--port must be in [0, 65535], got " + p);
    }
    if (threads != null && (threads < SemhashConfig.Server.MIN_THREADS || threads > SemhashConfig.Server.MAX_THREADS)) {
      throw new IllegalArgumentException("--threads must be in [" + SemhashConfig.Server.MIN_THREADS + ", "
          + SemhashConfig.Server.MAX_THREADS + "], got " + threads);
    }
    if (searchThreads != null && (searchThreads < 0 || searchThreads > SemhashConfig.Server.MAX_THREADS)) {
      throw new IllegalArgumentException("--search-threads must be in [0, " + SemhashConfig.Server.MAX_THREADS
          + "] (0 = one per core), got " + searchThreads);
    }
    SemhashConfig.Server merged = new SemhashConfig.Server(host != null ? host : s.host(), p, s.maxBodyBytes(), s.maxK(), s.token(),
        threads != null ? threads : s.threads(), searchThreads != null ? searchThreads : s.searchThreads());
    return new SemhashConfig.Server(merged.host(), merged.port(), merged.maxBodyBytes(), merged.maxK(),
        SemhashServer.token(merged, System.getenv()), merged.threads(), merged.searchThreads());
  }

  /** Starts the server, prints its URL and blocks until the JVM is asked to stop. */
  static void serveUntilStopped(SearchService service, SemhashConfig.Server settings, String what) throws InterruptedException {
    SemhashServer server = SemhashServer.start(service, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      service.close();
      stopped.countDown();
    }));
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    System.out.println("semhash: serving " + what + " at http://" + host + ":" + server.port() + "/"
        + (settings.token().isEmpty() ? " (write endpoints off: no token configured)" : ""));
    System.out.flush();
    stopped.await();
  }
}
