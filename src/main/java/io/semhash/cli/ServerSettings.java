package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SearchService;
import io.semhash.server.SemhashServer;
import java.util.concurrent.CountDownLatch;

/** Server settings from configuration and flags, and running a server until the process ends. */
final class ServerSettings {
  private ServerSettings() {}

  /**
   * The settings to serve with: the address and thread counts as the command's options hold them
   * (the flags, else the configuration: {@link ConfigDefaults}), the rest as configured, the
   * token falling back to the environment. The record checks every range.
   */
  static SemhashConfig.Server of(SemhashConfig.Server configured, String host, int port, int threads, int searchThreads,
      String rerank) {
    String token = SemhashServer.token(configured, System.getenv());
    return new SemhashConfig.Server(host, port, configured.maxBodyBytes(), configured.maxK(), token, threads, searchThreads,
        rerank);
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
