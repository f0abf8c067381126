package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bodies of {@code POST /api/encode} and {@code POST /api/docs} on the real server over a
 * real index: each way a body can be wrong gets its status, its error code and a message naming
 * the field (and, in a batch, the document); nothing of a refused batch is stored; good bodies
 * get through, checked against the model itself.
 */
class RequestBodyTest {
  private static final String TOKEN = "body-token";
  private static final long MAX_BODY = 64 * 1024;
  private static final String JSON = "application/json";

  @TempDir static Path dir;
  private static SemanticSearchService service;
  private static SemhashServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(TinySemanticIndex.copyTo(dir.resolve("index")));
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, MAX_BODY, 100, TOKEN));
    http = new HttpProbe(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  private static Reply encode(String body) {
    return http.post("/api/encode", JSON, body);
  }

  private static Reply add(String body) {
    return http.post("/api/docs", JSON, body, "Authorization", "Bearer " + TOKEN);
  }

  private static void assertError(Reply r, int status, String error, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.get("error").asText()).as(r.body()).isEqualTo(error);
    assertThat(body.get("message").asText()).as(r.body()).isEqualTo(message);
  }

  // ---- POST /api/encode

  @Test
  void encodeBindsTheTextAndEncodesIt() {
    Reply r = encode("{\"text\":\"orbit rocket launch\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("hex").asText()).isEqualTo(TinySemanticIndex.model().code("orbit rocket launch").toHex());
    assertThat(encode("{\"text\":\"orbit\"}").status()).isEqualTo(200);
  }

  @Test
  void encodeUnknownFieldIsNamed() {
    assertError(encode("{\"text\":\"orbit\",\"colour\":\"red\"}"), 400, "bad_request", "unknown field 'colour' (known: text)");
    assertError(encode("{\"txt\":\"orbit\"}"), 400, "bad_request", "unknown field 'txt' (known: text)");
  }

  @Test
  void encodeWrongTypesAreNamedNotConverted() {
    for (String value : new String[] {"42", "4.2", "true", "[\"orbit\"]", "{\"a\":\"orbit\"}"}) {
      assertError(encode("{\"text\":" + value + "}"), 400, "bad_request", "field 'text' must be a string");
    }
  }

  @Test
  void encodeMissingOrEmptyTextIsNamed() {
    assertError(encode("{}"), 400, "bad_request", "field 'text' is required");
    assertError(encode("{\"text\":null}"), 400, "bad_request", "field 'text' is required");
    assertError(encode("{\"text\":\" \\n \"}"), 400, "bad_request", "field 'text' must not be empty");
    for (String notAnObject : new String[] {"[\"orbit\"]", "\"orbit\"", "42", "null"}) {
      assertError(encode(notAnObject), 400, "bad_request", "expected a JSON object {\"text\": \"...\"}");
    }
  }

  @Test
  void encodeSyntaxErrorsAreMalformedJson() {
    for (String broken : new String[] {"{\"text\": ", "{\"text\":\"a\"} trailing", "{\"text\":\"a\"} {\"text\":\"b\"}", "{text: 1}"}) {
      Reply r = encode(broken);
      assertThat(r.status()).as(broken).isEqualTo(400);
      assertThat(r.json().get("error").asText()).as(broken).isEqualTo("malformed_json");
      assertThat(r.json().get("message").asText()).as(broken).startsWith("malformed JSON: ").doesNotContain("\tat ");
    }
    assertError(encode(""), 400, "malformed_json", "the request body is empty; expected JSON");
    assertError(encode("   "), 400, "malformed_json", "the request body is empty; expected JSON");
  }

  @Test
  void bodiesOverTheCapAre413DeclaredOrStreamed() {
    String big = "{\"text\":\"" + "x".repeat((int) MAX_BODY) + "\"}";
    String message = "the request body is larger than " + MAX_BODY + " bytes";
    assertError(encode(big), 413, "payload_too_large", message);
    assertError(http.postChunked("/api/encode", JSON, big.getBytes(StandardCharsets.UTF_8)), 413, "payload_too_large", message);
    String bigDoc = "{\"id\":\"big\",\"text\":\"" + "x ".repeat((int) MAX_BODY) + "\"}";
    assertError(add(bigDoc), 413, "payload_too_large", message);
    assertError(http.postChunked("/api/docs", JSON, bigDoc.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + TOKEN),
        413, "payload_too_large", message);
    // exactly at the cap is read
    String atCap = "{\"text\":\"" + "orbit ".repeat((int) MAX_BODY / 6).substring(0, (int) MAX_BODY - 11) + "\"}";
    assertThat(atCap.length()).isEqualTo(MAX_BODY);
    assertThat(encode(atCap).status()).isEqualTo(200);
    assertThat(http.get("/api/docs/big").status()).isEqualTo(404);
  }

  @Test
  void bodiesThatAreNotJsonAre415() {
    assertError(http.post("/api/encode", "text/plain", "{\"text\":\"orbit\"}"), 415, "unsupported_media_type",
        "the body must be application/json, got 'text/plain'");
    assertError(http.post("/api/encode", null, "{\"text\":\"orbit\"}"), 415, "unsupported_media_type",
        "the body must be application/json, got no Content-Type");
    assertError(http.post("/api/docs", "text/html", "{\"id\":\"x\",\"text\":\"x\"}", "Authorization", "Bearer " + TOKEN),
        415, "unsupported_media_type", "the body must be application/json, got 'text/html'");
  }

  // ---- POST /api/docs

  @Test
  void aGoodDocumentIsBoundAndStored() {
    Reply r = add("{\"id\":\"body-1\",\"title\":\"Rockets\",\"text\":\"orbit rocket\",\"labels\":[\"topic0\",\"new\"],\"split\":\"TEST\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode stored = http.get("/api/docs/body-1").json();
    assertThat(stored.get("title").asText()).isEqualTo("Rockets");
    assertThat(stored.get("text").asText()).isEqualTo("orbit rocket");
    assertThat(stored.get("labels").toString()).isEqualTo("[\"topic0\",\"new\"]");
    assertThat(stored.get("split").asText()).isEqualTo("test");
    assertThat(stored.get("code_hex").asText()).isEqualTo(TinySemanticIndex.model().code("Rockets\norbit rocket").toHex());
    Reply nulls = add("{\"id\":\"body-2\",\"title\":null,\"text\":\"hockey puck\",\"labels\":null,\"split\":null}");
    assertThat(nulls.status()).as(nulls.body()).isEqualTo(201);
    assertThat(http.get("/api/docs/body-2").json().get("split").asText()).isEqualTo("train");
    assertThat(http.delete("/api/docs/body-1", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    assertThat(http.delete("/api/docs/body-2", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
  }

  @Test
  void documentUnknownFieldIsNamedWithTheDocument() {
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"colour\":\"red\"}"), 400, "bad_request",
        "document: unknown field 'colour' (known: id, labels, split, text, title)");
    assertError(add("[{\"id\":\"ok-1\",\"text\":\"x\"},{\"id\":\"ok-2\",\"text\":\"x\",\"Text\":\"y\"}]"), 400, "bad_request",
        "document [1]: unknown field 'Text' (known: id, labels, split, text, title)");
    assertThat(http.get("/api/docs/ok-1").status()).as("nothing of a refused batch is stored").isEqualTo(404);
  }

  @Test
  void documentWrongTypesAreNamed() {
    assertError(add("{\"id\":7,\"text\":\"x\"}"), 400, "bad_request", "document: field 'id' must be a string");
    assertError(add("{\"id\":\"x\",\"text\":false}"), 400, "bad_request", "document: field 'text' must be a string");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"title\":{}}"), 400, "bad_request", "document: field 'title' must be a string");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"split\":1}"), 400, "bad_request", "document: field 'split' must be a string");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":\"a\"}"), 400, "bad_request",
        "document: field 'labels' must be an array of strings");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":{\"a\":1}}"), 400, "bad_request",
        "document: field 'labels' must be an array of strings");
    assertError(add("[{\"id\":\"x\",\"text\":\"x\"},{\"id\":\"y\",\"text\":\"x\",\"labels\":[\"a\",2]}]"), 400, "bad_request",
        "document [1]: field 'labels' must hold strings only");
  }

  @Test
  void documentMissingAndOutOfRangeValuesAreNamed() {
    assertError(add("{\"text\":\"x\"}"), 400, "bad_request", "document: field 'id' is required");
    assertError(add("{\"id\":null,\"text\":\"x\"}"), 400, "bad_request", "document: field 'id' is required");
    assertError(add("{\"id\":\"x\"}"), 400, "bad_request", "document: field 'text' is required");
    assertError(add("{\"id\":\"x\",\"text\":\"  \"}"), 400, "bad_request", "document: field 'text' must not be empty");
    assertError(add("{\"id\":\" \",\"text\":\"x\"}"), 400, "bad_request", "document: field 'id' must be 1 to 512 characters");
    assertError(add("{\"id\":\"" + "i".repeat(513) + "\",\"text\":\"x\"}"), 400, "bad_request",
        "document: field 'id' must be 1 to 512 characters");
    assertThat(add("{\"id\":\"" + "i".repeat(512) + "\",\"text\":\"x\"}").status()).isEqualTo(201);
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":[\"\"]}"), 400, "bad_request",
        "document: field 'labels' must hold non-empty strings");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":[null]}"), 400, "bad_request",
        "document: field 'labels' must hold non-empty strings");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":[\"" + "l".repeat(257) + "\"]}"), 400, "bad_request",
        "document: a label is longer than 256 characters");
    String labels = IntStream.range(0, 101).mapToObj(i -> "\"l" + i + "\"").collect(Collectors.joining(","));
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"labels\":[" + labels + "]}"), 400, "bad_request",
        "document: at most 100 labels, got 101");
    assertError(add("{\"id\":\"x\",\"text\":\"x\",\"split\":\"validation\"}"), 400, "bad_request",
        "document: split must be 'train' or 'test', got 'validation'");
    assertThat(http.get("/api/docs/x").status()).isEqualTo(404);
  }

  @Test
  void batchShapesAreChecked() {
    assertError(add("[]"), 400, "bad_request", "the batch is empty: send one document or a non-empty array");
    String many = "[" + String.join(",", Collections.nCopies(1001, "{\"id\":\"m\",\"text\":\"x\"}")) + "]";
    assertError(add(many), 400, "bad_request", "the batch holds 1001 documents, at most 1000 are allowed");
    assertError(add("[{\"id\":\"x\",\"text\":\"x\"}, 5]"), 400, "bad_request", "document [1]: expected a JSON object");
    assertError(add("[[{\"id\":\"x\",\"text\":\"x\"}]]"), 400, "bad_request", "document [0]: expected a JSON object");
    for (String notADocument : new String[] {"5", "\"text\"", "null", "true"}) {
      assertError(add(notADocument), 400, "bad_request", "expected a document object or an array of documents");
    }
    Reply broken = add("{\"id\": \"x\", ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("error").asText()).isEqualTo("malformed_json");
    assertThat(broken.json().get("message").asText()).startsWith("malformed JSON: ").contains("end-of-input");
    assertThat(http.get("/api/docs/x").status()).isEqualTo(404);
  }
}
