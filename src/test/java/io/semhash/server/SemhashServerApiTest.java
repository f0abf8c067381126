package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API against the real server on a free port, over a real Lucene store filled from the
 * fixture corpus: every route and every error case.
 */
class SemhashServerApiTest {
  private static final String TOKEN = "s3cret-token";
  private static final String AUTH = "Bearer " + TOKEN;
  private static final int MAX_K = 50;
  private static final long MAX_BODY = 4096;

  private static KeywordSearchService service;
  private static SemhashServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    service.add(MiniCorpus.documents());
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, MAX_BODY, MAX_K, TOKEN));
    http = new HttpProbe(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void assertError(Reply r, int status, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    assertSecurityHeaders(r);
  }

  private static void assertSecurityHeaders(Reply r) {
    assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  // ---- /api/search

  @Test
  void searchReturnsKeywordResultsWithSnippetsAndLabels() {
    Reply r = http.get("/api/search?q=orbit+rocket&k=5");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertSecurityHeaders(r);
    JsonNode body = r.json();
    assertThat(body.get("mode").asText()).isEqualTo("keyword");
    assertThat(body.get("code_hex").isNull()).isTrue();
    assertThat(body.get("bits").isNull()).isTrue();
    assertThat(body.get("took_ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(body.get("total").asLong()).isGreaterThan(5);
    JsonNode results = body.get("results");
    assertThat(results).hasSize(5);
    for (JsonNode hit : results) {
      assertThat(hit.get("id").asText()).isNotBlank();
      assertThat(hit.has("title")).isTrue();
      assertThat(hit.get("snippet").asText()).isNotBlank();
      assertThat(hit.get("labels").isArray()).isTrue();
      assertThat(hit.get("distance").isNull()).isTrue();
      assertThat(hit.get("score").asDouble()).isPositive();
    }
    assertThat(results.get(0).get("labels").toString()).contains("sci.space");
  }

  @Test
  void searchPagesAndFiltersByLabel() {
    JsonNode all = http.get("/api/search?q=time+question&k=50").json();
    long total = all.get("total").asLong();
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < total; offset += 3) {
      JsonNode page = http.get("/api/search?q=time+question&k=3&offset=" + offset).json();
      assertThat(page.get("total").asLong()).isEqualTo(total);
      page.get("results").forEach(h -> paged.add(h.get("id").asText()));
    }
    List<String> expected = new ArrayList<>();
    all.get("results").forEach(h -> expected.add(h.get("id").asText()));
    assertThat(paged).isEqualTo(expected);

    JsonNode filtered = http.get("/api/search?q=time&k=50&labels=" + q("rec.food.cooking, comp.graphics,")).json();
    assertThat(filtered.get("results")).isNotEmpty();
    for (JsonNode hit : filtered.get("results")) {
      assertThat(hit.get("labels").toString()).containsAnyOf("rec.food.cooking", "comp.graphics");
    }
    assertThat(http.get("/api/search?q=time&mode=keyword&maxDistance=3").status()).isEqualTo(200);
  }

  @Test
  void searchRejectsBadParametersWith400() {
    for (String query : List.of(
        "", "?k=5", "?q=", "?q=%20%20", "?q=orbit&k=0", "?q=orbit&k=" + (MAX_K + 1), "?q=orbit&k=-3",
        "?q=orbit&k=abc", "?q=orbit&k=1.5", "?q=orbit&k=99999999999999", "?q=orbit&offset=-1",
        "?q=orbit&offset=x", "?q=orbit&offset=10000", "?q=orbit&mode=fuzzy", "?q=orbit&maxDistance=-1",
        "?q=orbit&maxDistance=two", "?q=" + "a".repeat(SearchParameters.MAX_QUERY_CHARS + 1))) {
      Reply r = http.get("/api/search" + query);
      assertError(r, 400, "bad_request");
    }
    assertThat(http.get("/api/search?q=orbit&k=0").json().get("message").asText()).contains("'k'").contains("1 and " + MAX_K);
    assertThat(http.get("/api/search").json().get("message").asText()).contains("'q'");
    assertThat(http.get("/api/search?q=orbit&offset=-1").json().get("message").asText()).contains("'offset'");
  }

  @Test
  void searchAcceptsTheEdgesOfTheRanges() {
    assertThat(http.get("/api/search?q=orbit&k=1").status()).isEqualTo(200);
    assertThat(http.get("/api/search?q=orbit&k=" + MAX_K).status()).isEqualTo(200);
    Reply beyond = http.get("/api/search?q=orbit&k=10&offset=500");
    assertThat(beyond.status()).isEqualTo(200);
    assertThat(beyond.json().get("results")).isEmpty();
    assertThat(http.get("/api/search?q=the").json().get("total").asLong()).isZero();
  }

  @Test
  void semanticAndHybridSearchNeedAModel() {
    assertError(http.get("/api/search?q=orbit&mode=semantic"), 409, "no_model");
    assertError(http.get("/api/search?q=orbit&mode=HYBRID"), 409, "no_model");
  }

  // ---- /api/docs/{id} and /similar

  @Test
  void documentsAreFoundByIdAndUnknownIdsAre404() {
    Reply r = http.get("/api/docs/hockey-3");
    assertThat(r.status()).isEqualTo(200);
    JsonNode doc = r.json();
    assertThat(doc.get("id").asText()).isEqualTo("hockey-3");
    assertThat(doc.get("title").asText()).isEqualTo("Stanley Cup final");
    assertThat(doc.get("text").asText()).isNotBlank();
    assertThat(doc.get("labels").get(0).asText()).isEqualTo("rec.sport.hockey");
    assertThat(doc.get("split").asText()).isEqualTo("train");
    assertThat(doc.get("code_hex").isNull()).isTrue();
    assertError(http.get("/api/docs/no-such-doc"), 404, "not_found");
    assertThat(http.get("/api/docs/no-such-doc").json().get("message").asText()).contains("no-such-doc");
  }

  @Test
  void similarListsNeighboursWithoutTheDocumentItself() {
    JsonNode r = http.get("/api/docs/cooking-2/similar?k=4").json();
    assertThat(r.get("results")).hasSize(4);
    r.get("results").forEach(h -> assertThat(h.get("id").asText()).isNotEqualTo("cooking-2"));
    assertThat(http.get("/api/docs/cooking-2/similar").json().get("results").size()).isLessThanOrEqualTo(10);
    assertError(http.get("/api/docs/cooking-2/similar?k=0"), 400, "bad_request");
    assertError(http.get("/api/docs/cooking-2/similar?k=" + (MAX_K + 1)), 400, "bad_request");
    assertError(http.get("/api/docs/cooking-2/similar?k=x"), 400, "bad_request");
    assertError(http.get("/api/docs/nope/similar"), 404, "not_found");
  }

  // ---- /api/encode

  @Test
  void encodeValidatesItsBodyAndNeedsAModel() {
    assertError(http.post("/api/encode", "application/json", "{\"text\":\"orbit\"}"), 409, "no_model");
    assertError(http.post("/api/encode", "application/json; charset=utf-8", "{\"text\":\"orbit\"}"), 409, "no_model");
    assertError(http.post("/api/encode", "application/json", "{\"text\": "), 400, "malformed_json");
    assertError(http.post("/api/encode", "application/json", "{\"text\":\"a\"} trailing"), 400, "malformed_json");
    assertError(http.post("/api/encode", "application/json", ""), 400, "malformed_json");
    assertError(http.post("/api/encode", "application/json", "{}"), 400, "bad_request");
    assertError(http.post("/api/encode", "application/json", "{\"text\":\"  \"}"), 400, "bad_request");
    assertError(http.post("/api/encode", "application/json", "{\"text\":42}"), 400, "bad_request");
    assertError(http.post("/api/encode", "application/json", "[\"orbit\"]"), 400, "bad_request");
    assertError(http.post("/api/encode", "text/plain", "{\"text\":\"orbit\"}"), 415, "unsupported_media_type");
    assertError(http.post("/api/encode", "application/x-www-form-urlencoded", "text=orbit"), 415, "unsupported_media_type");
    assertError(http.post("/api/encode", null, "{\"text\":\"orbit\"}"), 415, "unsupported_media_type");
    String big = "{\"text\":\"" + "x".repeat((int) MAX_BODY) + "\"}";
    assertError(http.post("/api/encode", "application/json", big), 413, "payload_too_large");
    assertError(http.postChunked("/api/encode", "application/json", big.getBytes(StandardCharsets.UTF_8)), 413, "payload_too_large");
  }

  // ---- POST /api/docs and DELETE /api/docs/{id}

  @Test
  void writesNeedTheToken() {
    String doc = "{\"id\":\"w-1\",\"text\":\"zeppelin\"}";
    assertError(http.post("/api/docs", "application/json", doc), 403, "forbidden");
    assertError(http.post("/api/docs", "application/json", doc, "Authorization", "Bearer wrong"), 403, "forbidden");
    assertError(http.post("/api/docs", "application/json", doc, "Authorization", TOKEN), 403, "forbidden");
    assertError(http.post("/api/docs", "application/json", doc, "Authorization", "Basic " + TOKEN), 403, "forbidden");
    assertError(http.delete("/api/docs/space-1"), 403, "forbidden");
    assertError(http.delete("/api/docs/space-1", "Authorization", "Bearer " + TOKEN + "x"), 403, "forbidden");
    assertThat(http.get("/api/docs/space-1").status()).isEqualTo(200);
    assertThat(http.get("/api/docs/w-1").status()).isEqualTo(404);
  }

  @Test
  void addsOneDocumentOrABatchThenFindsAndDeletesThem() {
    Reply one = http.post("/api/docs", "application/json",
        "{\"id\":\"new-1\",\"title\":\"Airships\",\"text\":\"A zeppelin floats.\",\"labels\":[\"misc.air\"],\"split\":\"test\"}",
        "Authorization", AUTH);
    assertThat(one.status()).as(one.body()).isEqualTo(201);
    assertThat(one.json().get("added").get(0).asText()).isEqualTo("new-1");
    Reply batch = http.post("/api/docs", "application/json",
        "[{\"id\":\"new-2\",\"text\":\"zeppelin hangar\"},{\"id\":\"new/3\",\"text\":\"zeppelin with a slash id\"},"
            + "{\"id\":\"new-1\",\"text\":\"zeppelin replaced\"}]",
        "Authorization", "bearer " + TOKEN);
    assertThat(batch.status()).as(batch.body()).isEqualTo(201);
    assertThat(batch.json().get("added").toString()).contains("new-2", "new/3");
    assertThat(batch.json().get("replaced").toString()).contains("new-1");

    JsonNode found = http.get("/api/search?q=zeppelin").json();
    assertThat(found.get("total").asLong()).isEqualTo(3);
    assertThat(http.get("/api/docs/new-1").json().get("text").asText()).isEqualTo("zeppelin replaced");
    assertThat(http.get("/api/docs/new/3").json().get("id").asText()).isEqualTo("new/3");
    assertThat(http.get("/api/docs/new%2F3").json().get("id").asText()).isEqualTo("new/3"); // encoded slash too
    assertThat(http.get("/api/docs/new/3/similar").status()).isEqualTo(200);
    assertThat(http.get("/api/stats").json().get("labels").get("misc.air")).isNull(); // replaced without label

    Reply deleted = http.delete("/api/docs/new/3", "Authorization", AUTH);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asText()).isEqualTo("new/3");
    assertError(http.delete("/api/docs/new/3", "Authorization", AUTH), 404, "not_found");
    assertThat(http.delete("/api/docs/new-1", "Authorization", AUTH).status()).isEqualTo(200);
    assertThat(http.delete("/api/docs/new-2", "Authorization", AUTH).status()).isEqualTo(200);
    assertThat(http.get("/api/search?q=zeppelin").json().get("total").asLong()).isZero();
  }

  @Test
  void badDocumentBodiesAre400And413And415() {
    String[] bad = {
        "{}", "[]", "42", "\"text\"", "null", "{\"text\":\"no id\"}", "{\"id\":\"\",\"text\":\"x\"}",
        "{\"id\":\"x\"}", "{\"id\":\"x\",\"text\":\"\"}", "{\"id\":7,\"text\":\"x\"}",
        "{\"id\":\"x\",\"text\":\"x\",\"labels\":\"a\"}", "{\"id\":\"x\",\"text\":\"x\",\"labels\":[1]}",
        "{\"id\":\"x\",\"text\":\"x\",\"split\":\"validation\"}", "{\"id\":\"x\",\"text\":\"x\",\"colour\":\"red\"}",
        "[{\"id\":\"x\",\"text\":\"x\"}, 5]"};
    for (String body : bad) {
      Reply r = http.post("/api/docs", "application/json", body, "Authorization", AUTH);
      assertThat(r.status()).as(body + " -> " + r.body()).isIn(400);
      assertThat(r.json().get("error").asText()).isIn("bad_request", "malformed_json");
    }
    assertThat(http.post("/api/docs", "application/json", "[{\"id\":\"x\",\"text\":\"x\"}, 5]", "Authorization", AUTH)
        .json().get("message").asText()).contains("[1]");
    assertError(http.post("/api/docs", "application/json", "{\"id\": \"x\", ", "Authorization", AUTH), 400, "malformed_json");
    assertError(http.post("/api/docs", "text/html", "{\"id\":\"x\",\"text\":\"x\"}", "Authorization", AUTH), 415, "unsupported_media_type");
    String big = "{\"id\":\"big\",\"text\":\"" + "x ".repeat((int) MAX_BODY) + "\"}";
    assertError(http.post("/api/docs", "application/json", big, "Authorization", AUTH), 413, "payload_too_large");
    assertThat(http.get("/api/docs/x").status()).isEqualTo(404);
    assertThat(http.get("/api/docs/big").status()).isEqualTo(404);
  }

  @Test
  void writesAreForbiddenWhenNoTokenIsConfigured() {
    try (SemhashServer readOnly = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, MAX_BODY, MAX_K, ""))) {
      HttpProbe ro = new HttpProbe(readOnly.port());
      Reply r = ro.post("/api/docs", "application/json", "{\"id\":\"ro\",\"text\":\"x\"}", "Authorization", "Bearer ");
      assertError(r, 403, "forbidden");
      assertThat(r.json().get("message").asText()).contains("disabled");
      assertError(ro.delete("/api/docs/space-1", "Authorization", "Bearer anything"), 403, "forbidden");
      assertThat(ro.get("/api/health").json().get("writes_enabled").asBoolean()).isFalse();
      assertThat(ro.get("/api/docs/space-1").status()).isEqualTo(200);
    }
  }

  @Test
  void tokenFallsBackToTheEnvironment() {
    SemhashConfig.Server none = SemhashConfig.defaults().server();
    assertThat(SemhashServer.token(none, Map.of())).isEmpty();
    assertThat(SemhashServer.token(none, Map.of("SEMHASH_TOKEN", "env"))).isEqualTo("env");
    SemhashConfig.Server configured = new SemhashConfig.Server("127.0.0.1", 0, 1, 1, "cfg");
    assertThat(SemhashServer.token(configured, Map.of("SEMHASH_TOKEN", "env"))).isEqualTo("cfg");
    assertThat(none.host()).isEqualTo("127.0.0.1");
  }

  // ---- stats, health, openapi (metrics: MetricsTest)

  @Test
  void statsCountDocumentsAndLabels() {
    JsonNode stats = http.get("/api/stats").json();
    assertThat(stats.get("documents").asLong()).isGreaterThanOrEqualTo(26);
    assertThat(stats.get("default_mode").asText()).isEqualTo("keyword");
    assertThat(stats.get("modes").toString()).isEqualTo("[\"keyword\"]");
    assertThat(stats.get("bits").isNull()).isTrue();
    assertThat(stats.get("training")).isEmpty();
    assertThat(stats.get("precision_at_k")).isEmpty();
    assertThat(stats.get("distances")).isEmpty();
    assertThat(stats.get("labels").get("sci.space").asLong()).isEqualTo(8);
  }

  @Test
  void healthSaysOk() {
    JsonNode health = http.get("/api/health").json();
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("writes_enabled").asBoolean()).isTrue();
    assertThat(health.get("default_mode").asText()).isEqualTo("keyword");
  }

  @Test
  void openApiDescribesExactlyTheRegisteredRoutes() {
    JsonNode doc = http.get("/openapi.json").json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
    }
    Set<String> registered = new TreeSet<>();
    for (SemhashServer.Route route : server.routes()) {
      registered.add(route.method() + " " + route.path().replaceAll("<([^>]+)>", "{$1}"));
    }
    assertThat(registered).hasSize(13);
    assertThat(documented).isEqualTo(registered);
    // every $ref resolves
    Set<String> schemas = new HashSet<>();
    doc.get("components").get("schemas").fieldNames().forEachRemaining(schemas::add);
    for (String ref : doc.findValuesAsText("$ref")) {
      assertThat(schemas).contains(ref.substring("#/components/schemas/".length()));
    }
  }

  // ---- routing, static files, security

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    assertError(http.get("/api/nope"), 404, "not_found");
    assertError(http.get("/nope.html"), 404, "not_found");
    assertError(http.get("/api/docs"), 405, "method_not_allowed");
    assertError(http.method("PUT", "/api/search"), 405, "method_not_allowed");
  }

  @Test
  void staticFilesComeOnlyFromWeb() {
    Reply index = http.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).startsWith("text/html");
    assertSecurityHeaders(index);
    assertThat(http.get("/index.html").status()).isEqualTo(200);
    for (String path : List.of("/logback.xml", "/web/index.html", "/io/semhash/server/SemhashServer.class",
        "/META-INF/MANIFEST.MF", "/fixtures/mini.jsonl")) {
      assertThat(http.get(path).status()).as(path).isEqualTo(404);
    }
    for (String target : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2e%2e%2fpom.xml", "/..%2fpom.xml",
        "/%2e%2e/%2e%2e/pom.xml", "/js/../../pom.xml", "/..\\pom.xml", "/%2e%2e/logback.xml", "/./../pom.xml",
        "/api/docs/../../pom.xml", "/%252e%252e/pom.xml")) {
      String raw = http.raw("GET", target);
      String status = raw.substring(0, raw.indexOf("\r\n"));
      assertThat(status).as(target).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(raw).as(target).doesNotContain("<project").doesNotContain("<configuration");
      assertThat(raw).as(target).contains("\"error\":\"not_found\"").contains("nosniff");
    }
  }

  @Test
  void corsStaysClosed() {
    Reply r = http.get("/api/search?q=orbit", "Origin", "http://evil.example");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    Reply preflight = http.method("OPTIONS", "/api/docs", "Origin", "http://evil.example",
        "Access-Control-Request-Method", "POST");
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void oddInputNeverGivesA500() {
    List<String> targets = List.of(
        "/api/search?q=" + q("\u0000\u0001\uFFFF"), "/api/search?q=" + q("title:(x AND \"y ~* [z"),
        "/api/search?q=x&labels=" + q(",,,"), "/api/search?q=x&labels=" + q("a\"b\\c"),
        "/api/search?q=x&k=" + q(" 5 "), "/api/search?q=x&k=%00",
        "/api/docs/" + q("\u00e9\u00e8"), "/api/docs/%00", "/api/docs/x/similar?k=" + q("1e3"),
        "/api/search?q=x&q=y&k=1&k=2", "/api/search?q=" + q("😀 emoji") + "&mode=keyword");
    for (String t : targets) {
      Reply r = http.get(t);
      assertThat(r.status()).as(t + " -> " + r.body()).isLessThan(500);
    }
    for (String target : List.of("/api/search?q=%ZZ", "/api/search?q=%", "/api/docs/%ZZ", "foo", "/\u00ff", "*")) {
      String raw = http.raw("GET", target);
      assertThat(raw).as(target).doesNotStartWith("HTTP/1.1 5").contains("nosniff").doesNotContain("\tat ");
    }
    for (String body : List.of("{\"text\":{\"nested\":[1,2,{}]}}", "[[[[[[]]]]]]", "{\"text\":\"\\ud800\"}", "\u0000",
        "{\"text\":\"x\",\"text\":\"y\"}", "1e99999", "{\"id\":\"q\",\"text\":\"x\",\"labels\":null,\"split\":null}")) {
      for (String path : List.of("/api/encode", "/api/docs")) {
        Reply r = http.post(path, "application/json", body, "Authorization", AUTH);
        assertThat(r.status()).as(path + " " + body + " -> " + r.body()).isLessThan(500);
        assertThat(r.body()).doesNotContain("\tat ");
      }
    }
    http.delete("/api/docs/q", "Authorization", AUTH);
  }
}
