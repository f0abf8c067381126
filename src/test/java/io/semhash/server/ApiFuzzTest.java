package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.search.SearchService;
import io.semhash.search.SemanticSearchService;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.testing.TinySemanticIndex;
import io.semhash.text.TermAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random requests against the real server, over the semantic service on a tiny real index
 * and over the keyword service: random query strings (any Unicode, control characters, up to
 * 1 MB), random and truncated JSON, wrong content types, path parameters with {@code ..}, encoded
 * slashes and NUL, unknown methods and routes. Every answer must be a 2xx with a valid body or a
 * 4xx with a JSON error, with the security headers; never a 5xx, never a hang; afterwards the
 * server still answers a plain search. A failure names the seed and the request; set
 * {@code -Dsemhash.fuzz.seed=N} to replay it.
 */
class ApiFuzzTest {
  private static final String TOKEN = "fuzz-token";
  private static final long MAX_BODY = 256 * 1024;
  private static final int REQUESTS = 700;
  private static final long SEED = Long.getLong("semhash.fuzz.seed", 0x5EED_F022L);
  private static final List<String> WORDS = List.of("orbit", "rocket", "hockey", "puck", "faith", "bible", "the", "a",
      "AND", "OR", "NOT", "*", "?", "~", "\"", ":", "(", ")", "[", "]", "{", "}", "\\", "/", "-", "+", "&&", "||", "^2");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
      "TRACE", "FOO", "get", "CONNECT");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/xml",
      "application/json; charset=iso-8859-1", "*/*", "application/jsonx", "");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SplittableRandom random;
  private int port;

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} service")
  @ValueSource(strings = {"semantic", "keyword"})
  void randomRequestsGetA2xxOrA4xxJsonErrorAndNothingElse(String kind) throws Exception {
    SearchService service = kind.equals("semantic")
        ? SemanticSearchService.open(TinySemanticIndex.copyTo(tmp.resolve("index")))
        : KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    if (kind.equals("keyword")) {
      service.add(MiniCorpus.documents());
    }
    SemhashServer server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, MAX_BODY, 100, TOKEN));
    try {
      port = server.port();
      random = new SplittableRandom(SEED + kind.hashCode());
      List<Function<ApiFuzzTest, Probe>> kinds = List.of(
          ApiFuzzTest::search, ApiFuzzTest::search, ApiFuzzTest::search, ApiFuzzTest::documentPath,
          ApiFuzzTest::documentBody, ApiFuzzTest::documentBody, ApiFuzzTest::encodeBody, ApiFuzzTest::rawTarget,
          ApiFuzzTest::rawTarget, ApiFuzzTest::oddMethod);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int i = 0; i < REQUESTS && System.nanoTime() < deadline; i++) {
        Probe probe = kinds.get(random.nextInt(kinds.size())).apply(this);
        Answer a = probe.send(this);
        check(kind + " seed " + SEED + " request " + i + ": " + probe, probe, a);
      }
      HttpResponse<String> after = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/search?q=orbit+rocket+hockey&k=3")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
      assertThat(json.readTree(after.body()).get("results").size()).isEqualTo(3);
    } finally {
      server.close();
      service.close();
    }
  }

  // ---- what is checked

  /** A response: status, content type, body, whether the security headers were there. */
  record Answer(int status, String contentType, String body, boolean secured) {}

  private void check(String what, Probe probe, Answer a) {
    String shown = what + " -> " + a.status() + " " + clip(a.body());
    if (a.status() == 0) {
      return; // the client refused to send it (e.g. a header it will not encode): nothing reached the server
    }
    assertThat(a.status()).as(shown).isBetween(200, 499);
    assertThat(a.secured()).as("security headers: " + shown).isTrue();
    assertThat(a.body()).as(shown).doesNotContain("\tat ");
    if (probe.method().equals("HEAD") || a.status() == 204 || a.status() == 304) {
      return;
    }
    if (a.status() >= 400) {
      assertThat(a.contentType()).as(shown).startsWith("application/json");
      assertThat(a.body()).as(shown).doesNotContain("Exception");
      JsonNode error = parse(a.body(), shown);
      assertThat(error.path("error").asText()).as(shown).isNotBlank();
      assertThat(error.path("message").asText()).as(shown).isNotBlank();
    } else if (probe.path().startsWith("/api/")) {
      assertThat(a.contentType()).as(shown).startsWith("application/json");
      parse(a.body(), shown);
    }
  }

  private JsonNode parse(String body, String shown) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return fail("not JSON: " + shown);
    }
  }

  // ---- requests

  /** One request: through the HTTP client, or byte for byte over a socket ({@code raw}). */
  record Probe(String method, String path, String contentType, byte[] body, boolean raw) {
    Answer send(ApiFuzzTest t) throws IOException, InterruptedException {
      return raw ? t.sendRaw(this) : t.sendClient(this);
    }

    @Override
    public String toString() {
      String b = body == null ? "" : " body[" + body.length + "]=" + clip(new String(body, StandardCharsets.UTF_8));
      return method + " " + clip(path) + (contentType == null ? "" : " (" + contentType + ")") + b;
    }
  }

  private Probe search() {
    Map<String, String> params = new LinkedHashMap<>();
    if (random.nextInt(10) > 0) {
      params.put("q", query());
    }
    for (String name : List.of("k", "offset", "maxDistance", "mode", "labels")) {
      if (random.nextInt(3) == 0) {
        params.put(name, number());
      } else if (random.nextInt(4) == 0) {
        params.put(name, name.equals("mode") ? pick(List.of("semantic", "keyword", "hybrid", "SEMANTIC", ""))
            : name.equals("labels") ? "topic0,topic1,comp.graphics," + text(20) : text(8));
      }
    }
    StringBuilder target = new StringBuilder("/api/search");
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      target.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return new Probe("GET", target.toString(), null, null, false);
  }

  private Probe documentPath() {
    String id = random.nextBoolean() ? pick(List.of("doc-3", "mini-1", "a/b", "x")) + text(3) : text(40);
    String path = "/api/docs/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + (random.nextBoolean() ? "/similar?k=" + number() : "");
    String method = pick(List.of("GET", "GET", "DELETE"));
    return new Probe(method, path, null, null, false);
  }

  private Probe documentBody() {
    String body;
    int mode = random.nextInt(6);
    if (mode == 0) {
      body = validDocuments();
    } else if (mode <= 2) {
      String full = validDocuments();
      body = full.substring(0, random.nextInt(full.length()));
    } else if (mode == 3) {
      body = randomJson(4);
    } else if (mode == 4) {
      body = text(random.nextInt(200));
    } else {
      body = documentsWith(random.nextBoolean() ? "x".repeat(40_000) : text(300));
    }
    return new Probe("POST", "/api/docs", contentType(), body.getBytes(StandardCharsets.UTF_8), false);
  }

  private Probe encodeBody() {
    String body = switch (random.nextInt(4)) {
      case 0 -> "{\"text\":" + quote(query()) + "}";
      case 1 -> "{\"text\":" + quote("a ".repeat(200_000)) + "}"; // over the body limit
      case 2 -> randomJson(3);
      default -> text(random.nextInt(100));
    };
    return new Probe("POST", "/api/encode", contentType(), body.getBytes(StandardCharsets.UTF_8), false);
  }

  private Probe rawTarget() {
    List<String> parts = List.of("..", "%2e%2e", "%2E.", ".%2e", "%2f", "%2F", "%00", "%5c", "\\", "%252e", "//", ";",
        "%", "%zz", "api", "docs", "search", "web", "index.html", "pom.xml", "META-INF", "?q=x", "#", "%ff", "%c0%ae");
    StringBuilder t = new StringBuilder(random.nextInt(8) == 0 ? "" : "/");
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      t.append(pick(parts));
      if (random.nextBoolean()) {
        t.append('/');
      }
    }
    return new Probe(pick(List.of("GET", "GET", "DELETE", "HEAD")), t.toString(), null, null, true);
  }

  private Probe oddMethod() {
    String path = pick(List.of("/api/search?q=x", "/api/docs", "/api/docs/doc-1", "/api/encode", "/api/stats",
        "/api/health", "/metrics", "/openapi.json", "/", "/index.html", "/api/nope", "/nope"));
    return new Probe(pick(METHODS), path, null, null, true);
  }

  // ---- sending

  private Answer sendClient(Probe p) throws IOException, InterruptedException {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + p.path())).timeout(Duration.ofSeconds(10));
      if (p.contentType() != null && !p.contentType().isEmpty()) {
        b.header("Content-Type", p.contentType());
      }
      b.header("Authorization", "Bearer " + TOKEN);
    } catch (IllegalArgumentException unsendable) {
      return new Answer(0, null, "", true);
    }
    b.method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(p.body()));
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
          r.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")
              && r.headers().firstValue("Content-Security-Policy").isPresent());
    } catch (HttpTimeoutException e) {
      return fail("no answer within 10 s (hang): " + p);
    }
  }

  private Answer sendRaw(Probe p) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((p.method() + " " + p.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      // read to the end of the response (Content-Length, last chunk or close), not to the close:
      // Jetty keeps a CONNECT connection open after answering it
      while (!complete(all.toString(StandardCharsets.ISO_8859_1), p.method())) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        all.write(buf, 0, n);
      }
      String raw = all.toString(StandardCharsets.UTF_8);
      int eol = raw.indexOf("\r\n");
      assertThat(eol).as("a status line for " + p + ": " + clip(raw)).isPositive();
      String[] status = raw.substring(0, eol).split(" ");
      int headersEnd = raw.indexOf("\r\n\r\n");
      String headers = (headersEnd < 0 ? raw : raw.substring(0, headersEnd)).toLowerCase(java.util.Locale.ROOT);
      String body = headersEnd < 0 ? "" : raw.substring(headersEnd + 4);
      if (headers.contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      String contentType = "";
      for (String line : headers.split("\r\n")) {
        if (line.startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).strip();
        }
      }
      return new Answer(Integer.parseInt(status[1]), contentType, body,
          headers.contains("x-content-type-options: nosniff") && headers.contains("content-security-policy:"));
    } catch (SocketTimeoutException e) {
      return fail("no complete answer within 10 s (hang): " + p + "; got: " + clip(all.toString(StandardCharsets.UTF_8)));
    }
  }

  /** True when {@code raw} holds a whole response. */
  private static boolean complete(String raw, String method) {
    int headersEnd = raw.indexOf("\r\n\r\n");
    if (headersEnd < 0) {
      return false;
    }
    String headers = raw.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT);
    int bodyBytes = raw.length() - headersEnd - 4;
    if (method.equals("HEAD") || headers.startsWith("http/1.1 204") || headers.startsWith("http/1.1 304")) {
      return true;
    }
    if (headers.contains("transfer-encoding: chunked")) {
      return raw.endsWith("\r\n0\r\n\r\n");
    }
    for (String line : headers.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        return bodyBytes >= Long.parseLong(line.substring("content-length:".length()).strip());
      }
    }
    return false;
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  // ---- random material

  private String query() {
    return switch (random.nextInt(6)) {
      case 0 -> text(random.nextInt(1, 50));
      case 1 -> words(random.nextInt(1, 12));
      case 2 -> words(random.nextInt(600, 1200)); // near and over the 4,096-character limit
      case 3 -> text(random.nextInt(4000, 4097));
      case 4 -> random.nextInt(20) == 0 ? "q".repeat(1 << 20) : text(random.nextInt(5000, 20_000)); // URI limits
      default -> distinctWords(random.nextInt(500, 1400));
    };
  }

  private String words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(pick(WORDS)).append(' ');
    }
    return sb.toString();
  }

  /** Many different short words: a query with many terms. */
  private String distinctWords(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n && sb.length() < 4090; i++) {
      sb.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26))).append(' ');
    }
    return sb.toString();
  }

  /** Any code points: control characters, NUL, lone surrogates, astral planes, right-to-left marks. */
  private String text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append((char) random.nextInt(0, 32));
        case 1 -> sb.append((char) random.nextInt(32, 127));
        case 2 -> sb.append((char) random.nextInt(0xD800, 0xE000)); // lone surrogate
        case 3 -> sb.appendCodePoint(random.nextInt(0x10000, 0x110000));
        case 4 -> sb.append(pick(List.of("\u0000", "\u202E", "\uFEFF", "\uFFFF", "/", "..", "%", "\\", "\"", "'", "<script>")));
        default -> sb.append((char) random.nextInt(127, 0xD800));
      }
    }
    return sb.toString();
  }

  private String number() {
    return pick(List.of("0", "-1", "1", "5", "100", "101", "10000", "2147483647", "2147483648", "-2147483649",
        "99999999999999999999", "1e3", "0x10", " 7", "NaN", "", "३", "1.5", "+3", "--1"));
  }

  private String validDocuments() {
    List<Map<String, Object>> docs = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", random.nextBoolean() ? "fuzz-" + random.nextInt(20) : text(1 + random.nextInt(20)));
      d.put("title", text(random.nextInt(30)));
      d.put("text", words(1 + random.nextInt(40)) + text(random.nextInt(30)));
      d.put("labels", List.of("topic" + random.nextInt(3), text(1 + random.nextInt(10))));
      if (random.nextBoolean()) {
        d.put("split", pick(List.of("train", "test", "TRAIN", "validation", "")));
      }
      docs.add(d);
    }
    try {
      return json.writeValueAsString(docs.size() == 1 && random.nextBoolean() ? docs.get(0) : docs);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A document with an oversized or odd value in a random field. */
  private String documentsWith(String odd) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", "odd-" + random.nextInt(5));
    d.put("title", "t");
    d.put("text", "orbit rocket");
    String field = pick(List.of("id", "title", "text", "labels"));
    d.put(field, field.equals("labels") ? List.of(odd) : odd);
    try {
      return json.writeValueAsString(d);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomJson(int depth) {
    int kind = depth == 0 ? random.nextInt(5) : random.nextInt(7);
    return switch (kind) {
      case 0 -> quote(text(random.nextInt(12)));
      case 1 -> number();
      case 2 -> pick(List.of("true", "false", "null", "1e99999", "-0", "[]", "{}"));
      case 3 -> quote(pick(List.of("id", "text", "title", "labels", "split")));
      case 4 -> text(random.nextInt(4));
      case 5 -> {
        StringBuilder sb = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append(randomJson(depth - 1));
        }
        yield sb.append(random.nextInt(8) == 0 ? "" : "]").toString();
      }
      default -> {
        StringBuilder sb = new StringBuilder("{");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          String key = random.nextInt(3) > 0 ? pick(List.of("id", "text", "title", "labels", "split")) : text(3);
          sb.append(i > 0 ? "," : "").append(quote(key)).append(':').append(randomJson(depth - 1));
        }
        yield sb.append(random.nextInt(8) == 0 ? "" : "}").toString();
      }
    };
  }

  private String contentType() {
    return random.nextInt(4) > 0 ? "application/json" : pick(CONTENT_TYPES);
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private String quote(String s) {
    try {
      return json.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
  }
}
