package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SearchService;
import io.semhash.server.SemhashServer;
import java.util.concurrent.CountDownLatch;

/** Server settings from configuration and flags, and running a server until the process ends. */
final class ServerSettings {
  private ServerSettings() {}

  static SemhashConfig.Server of(SemhashConfig config, String host, Integer port) {
    SemhashConfig.Server s = config.server();
    int p = port != null ? port : s.port();
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--port must be in [0, 65535], got " + p);
    }
    SemhashConfig.Server merged = new SemhashConfig.Server(host != null ? host : s.host(), p, s.maxBodyBytes(), s.maxK(), s.token());
    return new SemhashConfig.Server(merged.host(), merged.port(), merged.maxBodyBytes(), merged.maxK(),
        SemhashServer.token(merged, System.getenv()));
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
