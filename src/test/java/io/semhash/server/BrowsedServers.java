package io.semhash.server;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SearchService;
import io.semhash.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real servers on free loopback ports over the services a browser test gives, and one headless
 * Chromium to look at them: the fixture every browser test shares, so that starting and closing
 * them (browser first, then servers, then services, even after a failed start) is written once.
 */
final class BrowsedServers implements AutoCloseable {
  private final HeadlessChromium browser;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private BrowsedServers(HeadlessChromium browser) {
    this.browser = browser;
  }

  /** Starts the browser, its profile in {@code profileDir} (a test's temporary directory). */
  static BrowsedServers start(Path profileDir) throws IOException {
    return new BrowsedServers(HeadlessChromium.start(profileDir));
  }

  /**
   * Serves {@code service} (closed with this fixture) on a free port with requests of at most
   * {@code maxK} results, and returns the server's base URL.
   */
  String serve(SearchService service, int maxK) {
    return serve(service, maxK, "none");
  }

  /** As {@link #serve(SearchService, int)}, with {@code rerank} as the server's {@code server.rerank}. */
  String serve(SearchService service, int maxK, String rerank) {
    opened.add(service);
    SemhashServer server = SemhashServer.start(service,
        new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, maxK, "").withRerank(rerank));
    opened.add(server);
    return "http://127.0.0.1:" + server.port();
  }

  HeadlessChromium browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + opened.get(i), e);
      }
    }
  }
}
