package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security promises not covered by the API tests: loopback by default (configuration and the
 * real socket), the security headers on every kind of response (static files of each type, API
 * answers, every error path), CORS closed on every route, and a token check that compares
 * fixed-length digests.
 */
class SecurityDefaultsTest {
  private static final String TOKEN = "security-token";
  private static KeywordSearchService service;
  private static SemhashServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    service.add(MiniCorpus.documents());
    SemhashConfig.Server defaults = SemhashConfig.defaults().server();
    // the default settings, except a free port, a small body limit and a token
    server = SemhashServer.start(service, new SemhashConfig.Server(defaults.host(), 0, 2048, defaults.maxK(), TOKEN));
    http = new HttpProbe(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  @Test
  void theDefaultBindAddressIsLoopbackInCodeAndInTheShippedConfiguration() {
    assertThat(SemhashConfig.defaults().server().host()).isEqualTo("127.0.0.1");
    assertThat(ConfigLoader.load(Path.of("config", "semhash.yaml")).server().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void theServerCannotBeReachedOnANonLoopbackAddress() throws IOException {
    List<InetAddress> external = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          external.add(a);
        }
      }
    }
    for (InetAddress a : external) {
      try (Socket s = new Socket()) {
        assertThatThrownBy(() -> s.connect(new InetSocketAddress(a, server.port()), 2000))
            .as("connect to " + a.getHostAddress()).isInstanceOf(IOException.class);
      }
    }
    assertThat(http.get("/api/health").status()).as("loopback answers").isEqualTo(200);
  }

  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    List<String[]> cases = List.of(
        new String[] {"GET", "/", "200"}, new String[] {"GET", "/stats.html", "200"},
        new String[] {"GET", "/js/search.js", "200"}, new String[] {"GET", "/css/semhash.css", "200"},
        new String[] {"GET", "/favicon.svg", "200"}, new String[] {"GET", "/api/search?q=orbit", "200"},
        new String[] {"GET", "/api/stats", "200"}, new String[] {"GET", "/metrics", "200"},
        new String[] {"GET", "/openapi.json", "200"}, new String[] {"GET", "/api/search", "400"},
        new String[] {"POST", "/api/docs", "403"}, new String[] {"GET", "/api/docs/nope", "404"},
        new String[] {"GET", "/nope.js", "404"}, new String[] {"PUT", "/api/search", "405"},
        new String[] {"OPTIONS", "/api/docs", null}, new String[] {"HEAD", "/", "200"});
    for (String[] c : cases) {
      Reply r = http.method(c[0], c[1]);
      if (c[2] != null) {
        assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(Integer.parseInt(c[2]));
      }
      assertHeaders(c[0] + " " + c[1], r.header("Content-Security-Policy"), r.header("X-Content-Type-Options"));
      assertThat(r.header("Access-Control-Allow-Origin")).as(c[1]).isNull();
    }
    Reply tooLarge = http.post("/api/encode", "application/json", "{\"text\":\"" + "a".repeat(4000) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertHeaders("413", tooLarge.header("Content-Security-Policy"), tooLarge.header("X-Content-Type-Options"));
    Reply wrongType = http.post("/api/encode", "text/plain", "x");
    assertThat(wrongType.status()).isEqualTo(415);
    assertHeaders("415", wrongType.header("Content-Security-Policy"), wrongType.header("X-Content-Type-Options"));
    // errors Jetty answers before any handler: a bad URI, a path climbing above the root
    for (String target : List.of("/api/search?q=%ZZ", "/%2e%2e/pom.xml", "/a/%2e%2e%2f%2e%2e/pom.xml")) {
      String raw = http.raw("GET", target);
      assertThat(raw).as(target).doesNotStartWith("HTTP/1.1 2").doesNotStartWith("HTTP/1.1 5")
          .contains("X-Content-Type-Options: nosniff").contains("Content-Security-Policy: ");
    }
  }

  @Test
  void noRouteAnswersACorsPreflight() {
    for (String path : List.of("/api/search", "/api/docs", "/api/docs/x", "/api/encode", "/api/stats", "/", "/metrics")) {
      for (String method : List.of("GET", "POST", "DELETE")) {
        Reply r = http.method("OPTIONS", path, "Origin", "https://evil.example", "Access-Control-Request-Method", method,
            "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(r.header("Access-Control-Allow-Origin")).as(path).isNull();
        assertThat(r.header("Access-Control-Allow-Methods")).as(path).isNull();
        assertThat(r.header("Access-Control-Allow-Headers")).as(path).isNull();
        assertThat(r.header("Access-Control-Allow-Credentials")).as(path).isNull();
      }
    }
  }

  @Test
  void theTokenIsComparedAsFixedLengthDigestsAndNearMissesAreRefused() throws Exception {
    BearerToken guard = BearerToken.of(TOKEN);
    Field f = BearerToken.class.getDeclaredField("expectedDigest");
    f.setAccessible(true);
    byte[] digest = (byte[]) f.get(guard);
    assertThat(digest).as("SHA-256, whatever the token's length").hasSize(32);
    assertThat(new String(digest, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    assertThat(BearerToken.of("x".repeat(1000))).extracting(t -> {
      try {
        return ((byte[]) f.get(t)).length;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }).isEqualTo(32);

    guard.check("Bearer " + TOKEN);
    guard.check("bearer " + TOKEN);
    for (String near : List.of(TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", TOKEN.toUpperCase(), "", " ",
        TOKEN.substring(1), "Basic " + TOKEN)) {
      String header = near.startsWith("Basic") ? near : "Bearer " + near;
      assertThatThrownBy(() -> guard.check(header)).as(header).isInstanceOf(ApiException.class);
    }
    assertThatThrownBy(() -> guard.check(TOKEN)).as("no scheme").isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> BearerToken.of("").check("Bearer ")).isInstanceOf(ApiException.class);
    assertThat(BearerToken.of(" ").writesEnabled()).as("a blank token turns writes off").isFalse();
  }

  private static void assertHeaders(String what, String csp, String nosniff) {
    assertThat(csp).as(what).isNotNull().contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(nosniff).as(what).isEqualTo("nosniff");
  }
}
