package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.SemhashServer;
import io.semhash.testing.TinySemanticIndex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's {@code --json} and the HTTP API speak one JSON: {@code semhash search
 * --json} (the picocli command, in this JVM) and {@code GET /api/search} (the real server on a
 * free port) over the same index directory and query give the same document, field by field;
 * {@code bits --json} and {@code /api/bits} likewise. The names are checked against the API's
 * contract (docs/API.md, {@code /openapi.json}), so two documents agreeing in another style
 * would fail too; and {@code /api/stats}' model manifest is the manifest on disk, each key in
 * snake_case.
 */
class CliApiJsonAgreementTest {
  private static final String QUERY = "orbit rocket launch";
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @TempDir static Path dir;
  private static Path index;
  private static final Map<String, JsonNode> CLI_SEARCH = new LinkedHashMap<>();
  private static JsonNode cliBits;
  private static final Map<String, JsonNode> API_SEARCH = new LinkedHashMap<>();
  private static JsonNode apiBits;
  private static JsonNode apiStats;

  @BeforeAll
  static void runBoth() throws Exception {
    index = TinySemanticIndex.copyTo(dir.resolve("index"));
    // the command first: it opens the index directory, searches and closes it again
    for (String mode : List.of("semantic", "keyword", "hybrid")) {
      CLI_SEARCH.put(mode, PLAIN.readTree(cli("search", "--index", index.toString(), "--k", "5", "--mode", mode, "--json", QUERY)));
    }
    // the command's contrast over the corpus the index holds, as the server's over its documents
    Path corpus = SmallCorpus.writeJsonl(dir.resolve("tiny.jsonl"), TinySemanticIndex.documents());
    cliBits = PLAIN.readTree(cli("bits", "--model", index.resolve("model").toString(), "--top", "3", "--json",
        "--corpus", corpus.toString()));

    try (SemanticSearchService service = SemanticSearchService.open(index);
        SemhashServer server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 1000, "")
            // the server with the configuration the command read, so both answer in the same order
            .withRerank(ConfigLoader.load(null).server().rerank()))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      for (String mode : CLI_SEARCH.keySet()) {
        API_SEARCH.put(mode, get(http, base + "/api/search?k=5&mode=" + mode + "&q=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)));
      }
      apiBits = get(http, base + "/api/bits?top=3");
      apiStats = get(http, base + "/api/stats");
    }
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SemhashCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString();
  }

  private static JsonNode get(HttpClient http, String uri) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(uri + ": " + r.body()).isEqualTo(200);
    return PLAIN.readTree(r.body());
  }

  @Test
  void searchJsonIsTheApiResponseFieldByField() {
    for (String mode : CLI_SEARCH.keySet()) {
      JsonNode cli = CLI_SEARCH.get(mode);
      JsonNode api = API_SEARCH.get(mode);
      // the contract's names and values (docs/API.md), on both sides
      for (JsonNode doc : List.of(cli, api)) {
        assertThat(names(doc)).as(mode).containsExactly("code_hex", "bits", "code", "total", "took_ms", "results", "mode", "rerank");
        assertThat(doc.get("mode").asText()).isEqualTo(mode);
        assertThat(doc.get("rerank").asText()).as("the shipped default, where a mode has a semantic ranking")
            .isEqualTo(mode.equals("keyword") ? "none" : "asymmetric");
        assertThat(doc.get("took_ms").isNumber()).isTrue();
        assertThat(doc.get("results")).as(mode).isNotEmpty();
        for (JsonNode hit : doc.get("results")) {
          assertThat(names(hit)).containsExactly("id", "title", "snippet", "labels", "distance", "score", "code_hex");
        }
      }
      assertThat(cli.get("code_hex").isTextual()).as(mode).isTrue(); // a service with a model encodes every query
      // field by field, timing apart
      assertThat(differences("", withoutTiming(cli), withoutTiming(api))).as(mode).isEmpty();
    }
  }

  @Test
  void bitsJsonIsTheApiReportFieldByField() {
    assertThat(names(cliBits)).containsExactly("bits", "context", "rank", "meanings", "health", "coherence");
    assertThat(cliBits.get("rank").asText()).isEqualTo("contrast");
    assertThat(cliBits.get("meanings")).hasSize(16);
    assertThat(cliBits.get("meanings").get(0).has("on_by_probability")).isTrue();
    JsonNode listed = null;
    for (JsonNode m : cliBits.get("meanings")) {
      listed = listed == null && m.get("on").size() > 0 ? m : listed;
    }
    assertThat(listed).as("a bit with words").isNotNull();
    assertThat(listed.get("on").get(0).has("delta_log_prob")).isTrue();
    assertThat(listed.get("on").get(0).has("contrast")).isTrue();
    ObjectNode api = apiBits.deepCopy();
    ObjectNode cli = cliBits.deepCopy();
    // the command reports bit health only with --health and a corpus; the server over its documents
    assertThat(api.remove("health").isObject()).isTrue();
    assertThat(cli.remove("health").isNull()).isTrue();
    assertThat(differences("", cli, api)).isEmpty();
  }

  @Test
  void statsModelIsTheManifestOnDiskInSnakeCase() throws Exception {
    JsonNode onDisk = PLAIN.readTree(Files.readString(index.resolve("model").resolve("manifest.json")));
    JsonNode model = apiStats.get("model");
    Set<String> expected = new TreeSet<>();
    for (String name : names(onDisk)) {
      if (!name.equals("history") && !name.equals("files")) {
        expected.add(snake(name));
        assertThat(differences(name, snakeKeys(onDisk.get(name)), model.get(snake(name)))).as(name).isEmpty();
      }
    }
    assertThat(new TreeSet<>(names(model))).isEqualTo(expected);
    assertThat(model.get("vocabulary_size").asInt()).isEqualTo(onDisk.get("vocabularySize").asInt()).isPositive();
    assertThat(model.get("options").get("learning_rate").asDouble()).isEqualTo(onDisk.get("options").get("learningRate").asDouble());
    assertThat(apiStats.get("default_mode").asText()).isEqualTo("semantic");
    assertThat(apiStats.get("modes").toString()).isEqualTo("[\"semantic\",\"keyword\",\"hybrid\"]");
  }

  @Test
  void searchTakesTheServersKLimit() throws Exception {
    CommandLine cli = new CommandLine(new SemhashCommand());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter())).setExecutionExceptionHandler(new CliErrorHandler());
    assertThat(cli.execute("search", "--index", index.toString(), "--k", "1001", QUERY)).isNotZero();
    assertThat(err.toString().strip()).isEqualTo("semhash search: error: --k must be in [1, 1000] (server.max-k), got 1001");
    Path config = dir.resolve("max-k.yaml");
    Files.writeString(config, "server:\n  max-k: 4\n");
    StringWriter err2 = new StringWriter();
    cli.setErr(new PrintWriter(err2));
    assertThat(cli.execute("search", "--config", config.toString(), "--index", index.toString(), "--k", "5", QUERY)).isNotZero();
    assertThat(err2.toString().strip()).isEqualTo("semhash search: error: --k must be in [1, 4] (server.max-k), got 5");
    JsonNode four = PLAIN.readTree(cli("search", "--config", config.toString(), "--index", index.toString(), "--k", "4", "--json", QUERY));
    assertThat(four.get("results")).hasSize(4);
  }

  private static JsonNode withoutTiming(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("took_ms");
    return copy;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Every path where {@code a} and {@code b} differ: a missing field, a different type or value. */
  static List<String> differences(String path, JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    if (a == null || b == null) {
      if (a != b) {
        out.add(path + ": only on " + (a == null ? "the right" : "the left"));
      }
      return out;
    }
    if (a.getNodeType() != b.getNodeType()) {
      out.add(path + ": " + a.getNodeType() + " against " + b.getNodeType());
    } else if (a.isObject()) {
      Set<String> all = new TreeSet<>(names(a));
      all.addAll(names(b));
      for (String name : all) {
        out.addAll(differences(path + "." + name, a.get(name), b.get(name)));
      }
    } else if (a.isArray()) {
      if (a.size() != b.size()) {
        out.add(path + ": " + a.size() + " elements against " + b.size());
      }
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        out.addAll(differences(path + "[" + i + "]", a.get(i), b.get(i)));
      }
    } else if (!a.equals(b)) {
      out.add(path + ": " + a + " against " + b);
    }
    return out;
  }

  /** {@code vocabularySize} → {@code vocabulary_size}, written out here rather than borrowed from Jackson. */
  private static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static JsonNode snakeKeys(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = PLAIN.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.set(snake(e.getKey()), snakeKeys(e.getValue()));
    }
    return out;
  }
}
