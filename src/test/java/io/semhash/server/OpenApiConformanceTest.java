package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.search.SearchService;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.testing.TinySemanticIndex;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} describes what the server really answers, field by field: for every
 * documented operation, real requests (to a server with a model and to one without, so that
 * nullable fields are seen both ways; successes and documented errors) and each response body
 * checked against the operation's schema for that status (and to a server with a categorical
 * model, whose codes, probabilities and class usage take their own fields). Every field of a response must be a
 * property of its schema with the schema's JSON type (nullable only where the schema says so,
 * enum values and patterns kept), and every required property must be present. A documented
 * operation without a sample here fails the test, so a new route cannot go unchecked.
 */
class OpenApiConformanceTest {
  private static final String TOKEN = "conformance-token";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

  @TempDir static Path dir;
  private static SemanticSearchService semantic;
  private static SemanticSearchService categorical;
  private static KeywordSearchService keyword;
  private static SemhashServer semanticServer;
  private static SemhashServer categoricalServer;
  private static SemhashServer keywordServer;
  private static HttpProbe withModel;
  private static HttpProbe withCategoricalModel;
  private static HttpProbe withoutModel;
  private static JsonNode doc;

  /** One request: the documented operation it exercises, and how to make it. */
  private record Sample(String operation, String server, Function<HttpProbe, Reply> request) {}

  @BeforeAll
  static void start() throws IOException {
    semantic = SemanticSearchService.open(TinySemanticIndex.copyTo(dir.resolve("index")));
    keyword = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    keyword.add(MiniCorpus.documents());
    categorical = SemanticSearchService.open(TinySemanticIndex.categoricalCopyTo(dir.resolve("categorical")));
    semanticServer = start(semantic);
    categoricalServer = start(categorical);
    keywordServer = start(keyword);
    withModel = new HttpProbe(semanticServer.port());
    withCategoricalModel = new HttpProbe(categoricalServer.port());
    withoutModel = new HttpProbe(keywordServer.port());
    doc = withModel.get("/openapi.json").json();
  }

  private static SemhashServer start(SearchService service) {
    return SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 8192, 100, TOKEN));
  }

  @AfterAll
  static void stop() {
    semanticServer.close();
    categoricalServer.close();
    keywordServer.close();
    semantic.close();
    categorical.close();
    keyword.close();
  }

  private static List<Sample> samples() {
    String docJson = "{\"id\":\"conf-1\",\"title\":\"t\",\"text\":\"orbit rocket\",\"labels\":[\"x\"],\"split\":\"test\"}";
    List<Sample> s = new ArrayList<>();
    for (String server : List.of("model", "keyword", "categorical")) {
      s.add(new Sample("GET /api/search", server, h -> h.get("/api/search?q=orbit+rocket&k=3")));
      s.add(new Sample("GET /api/search", server, h -> h.get("/api/search?q=orbit&k=2&mode=keyword&labels=topic0,sci.space")));
      s.add(new Sample("GET /api/search", server, h -> h.get("/api/search?k=3")));
      s.add(new Sample("GET /api/search", server, h -> h.get("/api/search?q=orbit&k=0")));
      s.add(new Sample("GET /api/search", server, h -> h.get("/api/search?q=orbit&mode=hybrid&maxDistance=5")));
      s.add(new Sample("GET /api/docs/{id}", server, h -> h.get("/api/docs/" + (server.equals("keyword") ? "space-1" : "doc-1"))));
      s.add(new Sample("GET /api/docs/{id}", server, h -> h.get("/api/docs/no-such-id")));
      s.add(new Sample("GET /api/docs/{id}/similar", server,
          h -> h.get("/api/docs/" + (server.equals("keyword") ? "space-1" : "doc-1") + "/similar?k=3")));
      s.add(new Sample("GET /api/docs/{id}/similar", server, h -> h.get("/api/docs/no-such-id/similar")));
      s.add(new Sample("GET /api/docs/{id}/similar", server, h -> h.get("/api/docs/doc-1/similar?k=x")));
      s.add(new Sample("POST /api/encode", server, h -> h.post("/api/encode", "application/json", "{\"text\":\"orbit rocket\"}")));
      s.add(new Sample("POST /api/encode", server, h -> h.post("/api/encode", "application/json", "{\"txt\":1}")));
      s.add(new Sample("POST /api/encode", server, h -> h.post("/api/encode", "text/plain", "orbit")));
      s.add(new Sample("POST /api/encode", server, h -> h.post("/api/encode", "application/json", "{\"text\":\"" + "x".repeat(9000) + "\"}")));
      s.add(new Sample("POST /api/docs", server, h -> h.post("/api/docs", "application/json", docJson, AUTH)));
      s.add(new Sample("POST /api/docs", server, h -> h.post("/api/docs", "application/json", docJson)));
      s.add(new Sample("POST /api/docs", server, h -> h.post("/api/docs", "application/json", "[{\"id\":1}]", AUTH)));
      s.add(new Sample("DELETE /api/docs/{id}", server, h -> h.delete("/api/docs/conf-1", AUTH)));
      s.add(new Sample("DELETE /api/docs/{id}", server, h -> h.delete("/api/docs/conf-1", AUTH)));
      s.add(new Sample("DELETE /api/docs/{id}", server, h -> h.delete("/api/docs/conf-1")));
      s.add(new Sample("GET /api/stats", server, h -> h.get("/api/stats")));
      s.add(new Sample("GET /api/explain", server, h -> h.get("/api/explain?q=orbit+rocket&id=doc-1")));
      s.add(new Sample("GET /api/explain", server, h -> h.get("/api/explain?q=orbit")));
      s.add(new Sample("GET /api/docs/{a}/explain/{b}", server, h -> h.get("/api/docs/doc-1/explain/doc-4")));
      s.add(new Sample("GET /api/docs/{a}/explain/{b}", server, h -> h.get("/api/docs/doc-1/explain/no-such-id")));
      s.add(new Sample("GET /api/bits", server, h -> h.get("/api/bits?top=2")));
      s.add(new Sample("GET /api/bits", server, h -> h.get("/api/bits?top=0")));
      s.add(new Sample("GET /api/health", server, h -> h.get("/api/health")));
      s.add(new Sample("GET /metrics", server, h -> h.get("/metrics")));
      s.add(new Sample("GET /openapi.json", server, h -> h.get("/openapi.json")));
    }
    return s;
  }

  @Test
  void everyResponseMatchesItsSchemaFieldByField() {
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
    }
    Set<String> sampled = new TreeSet<>();
    Set<String> statusesSeen = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Sample sample : samples()) {
      sampled.add(sample.operation());
      Reply reply = sample.request().apply(switch (sample.server()) {
        case "model" -> withModel;
        case "categorical" -> withCategoricalModel;
        default -> withoutModel;
      });
      String where = sample.operation() + " (" + sample.server() + ", " + reply.status() + ")";
      String[] op = sample.operation().split(" ", 2);
      JsonNode response = doc.get("paths").get(op[1]).get(op[0].toLowerCase()).get("responses").get(Integer.toString(reply.status()));
      if (response == null) {
        problems.add(where + ": status not documented; body " + reply.body());
        continue;
      }
      statusesSeen.add(sample.operation() + " " + reply.status());
      Map.Entry<String, JsonNode> content = response.get("content").fields().next();
      assertThat(reply.header("Content-Type")).as(where).startsWith(content.getKey());
      JsonNode schema = content.getValue().get("schema");
      if (content.getKey().equals("application/json")) {
        check(where, reply.json(), schema, problems);
      } else {
        assertThat(resolve(schema).get("type").asText()).isEqualTo("string");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(sampled).as("every documented operation has a sample").isEqualTo(documented);
    // successes and errors were both seen, with and without a model
    assertThat(statusesSeen).contains("GET /api/search 200", "GET /api/search 400", "GET /api/search 409", "GET /api/docs/{id} 404",
        "POST /api/encode 200", "POST /api/encode 409", "POST /api/encode 413", "POST /api/encode 415", "POST /api/docs 201",
        "POST /api/docs 403", "DELETE /api/docs/{id} 200", "DELETE /api/docs/{id} 404", "GET /api/explain 200",
        "GET /api/bits 200", "GET /api/docs/{a}/explain/{b} 409");
  }

  @Test
  void theCheckerFindsDrift() {
    // the checker itself: a response with an undocumented field, a wrong type, a missing required field
    JsonNode schema = doc.get("components").get("schemas").get("SearchHit");
    List<String> problems = new ArrayList<>();
    check("hit", HttpProbe.JSON.createObjectNode().put("id", "a").put("title", "t").put("snippet", "s")
        .put("score", "high").put("codeHex", "00").set("labels", HttpProbe.JSON.createArrayNode().add(1)), schema, problems);
    assertThat(problems).containsExactlyInAnyOrder(
        "hit.score: expected number, got STRING",
        "hit.codeHex: not in the schema",
        "hit.labels[0]: expected string, got NUMBER");
    problems.clear();
    check("hit", HttpProbe.JSON.createObjectNode().put("id", "a").putNull("title"), schema, problems);
    assertThat(problems).containsExactlyInAnyOrder(
        "hit.title: null, not nullable", "hit: required 'snippet' missing", "hit: required 'labels' missing",
        "hit: required 'score' missing");
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : doc.get("components").get("schemas").get(ref.asText().substring("#/components/schemas/".length()));
  }

  /** Adds to {@code problems} every way {@code value} departs from {@code schema}. */
  private static void check(String where, JsonNode value, JsonNode schema, List<String> problems) {
    schema = resolve(schema);
    if (schema.has("oneOf")) {
      for (JsonNode alternative : schema.get("oneOf")) {
        List<String> own = new ArrayList<>();
        check(where, value, alternative, own);
        if (own.isEmpty()) {
          return;
        }
      }
      problems.add(where + ": matches none of oneOf");
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(where + ": null, not nullable");
      }
      return;
    }
    String type = schema.get("type").asText();
    boolean fits = switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new AssertionError(where + ": schema type " + type);
    };
    if (!fits) {
      problems.add(where + ": expected " + type + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value) || (allowed.isNumber() && value.isNumber() && allowed.asDouble() == value.asDouble());
      }
      if (!listed) {
        problems.add(where + ": " + value + " not in " + schema.get("enum"));
      }
    }
    if (schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
      problems.add(where + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
    }
    if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()
        || schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
      problems.add(where + ": " + value + " out of [" + schema.path("minimum") + ", " + schema.path("maximum") + "]");
    }
    if (type.equals("array") && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(where + "[" + i + "]", value.get(i), schema.get("items"), problems);
      }
    }
    if (type.equals("object")) {
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (properties != null && properties.has(field.getKey())) {
          check(where + "." + field.getKey(), field.getValue(), properties.get(field.getKey()), problems);
        } else if (additional != null) {
          check(where + "." + field.getKey(), field.getValue(), additional, problems);
        } else if (properties != null) {
          problems.add(where + "." + field.getKey() + ": not in the schema");
        }
        // an object schema with neither lists no fields: free-form (the model manifest, this document)
      }
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(where + ": required '" + required.asText() + "' missing");
        }
      }
    }
  }
}
