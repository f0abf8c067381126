package io.semhash.cli;

import static io.semhash.testing.BitLikelihood.negativeLogLikelihood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.testing.BruteForcePrecision;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first thing a user does, through the real CLI: build an index from a corpus, find a known
 * document with {@code search --json}, serve it and ask {@code /api/search}; and a build killed
 * midway leaves the previous index untouched.
 */
class BuildSearchServeEndToEndTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void buildThenSearchThenServe() throws Exception {
    Path corpus = SmallCorpus.writeJsonl(dir);
    Path config = SmallCorpus.writeConfig(dir, 4);
    Path index = dir.resolve("index");
    CliRun build = CliRun.of(
        "build", "--config", config.toString(), "--corpus", corpus.toString(), "--out", index.toString(), "--json");
    assertThat(build.exitCode()).as(build.err()).isZero();
    JsonNode summary = json.readTree(build.out());
    assertThat(summary.get("documents").asInt()).isEqualTo(SmallCorpus.documents().size());
    HashingModel built = HashingModel.load(index.resolve("model"));
    double bruteForce = BruteForcePrecision.of(SmallCorpus.documents(), d -> built.code(d.fullText()), 100);
    assertThat(summary.get("test_precision_at100").isNumber()).as(summary.toString()).isTrue();
    assertThat(summary.get("test_precision_at100").asDouble()).isCloseTo(bruteForce, within(1e-9));

    Document known = SmallCorpus.documents().get(7);
    CliRun search = CliRun.of(
        "search", "--index", index.toString(), "--mode", "hybrid", "--k", "5", "--json", known.fullText());
    assertThat(search.exitCode()).as(search.err()).isZero();
    JsonNode results = json.readTree(search.out()).get("results");
    List<String> ids = new ArrayList<>();
    results.forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).contains(known.id());

    // --rerank asymmetric: the 5 codes the query finds most likely, its bits as probabilities
    float[] logits = built.logits(known.fullText());
    List<Double> likeliest = SmallCorpus.documents().stream().map(d -> negativeLogLikelihood(logits, built.code(d.fullText())))
        .sorted().limit(5).toList();
    CliRun reranked = CliRun.of("search", "--index", index.toString(), "--rerank", "asymmetric", "--k", "5", "--json",
        known.fullText());
    assertThat(reranked.exitCode()).as(reranked.err()).isZero();
    List<Double> found = new ArrayList<>();
    json.readTree(reranked.out()).get("results").forEach(r -> found.add(
        negativeLogLikelihood(logits, BitCode.fromHex(r.get("code_hex").asText(), built.bits()))));
    assertThat(found).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(found.get(i)).as("hit %d", i).isCloseTo(likeliest.get(i), within(1e-6));
    }
    CliRun bad = CliRun.of("search", "--index", index.toString(), "--rerank", "best", "hockey");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("rerank must be none or asymmetric, got 'best'");

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process serve = javaProcess("serve", "--config", config.toString(), "--index", index.toString(), "--port", Integer.toString(port));
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?k=3&q=" + URLEncoder.encode(known.title(), StandardCharsets.UTF_8));
      HttpResponse<String> response = null;
      for (int i = 0; i < 120 && response == null; i++) {
        try {
          response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
          Thread.sleep(500);
        }
      }
      assertThat(response).as("server answered").isNotNull();
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("bits").asInt()).isEqualTo(32);
      assertThat(body.get("results").size()).isEqualTo(3);
    } finally {
      serve.destroyForcibly().waitFor();
    }
  }

  @Test
  void buildKilledMidwayLeavesThePreviousIndexIntact() throws Exception {
    Path corpus = SmallCorpus.writeJsonl(dir);
    Path index = dir.resolve("index");
    CliRun first = CliRun.of(
        "build", "--config", SmallCorpus.writeConfig(dir, 2).toString(), "--corpus", corpus.toString(), "--out", index.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    byte[] manifestBefore = Files.readAllBytes(index.resolve("index.json"));

    // a long second build (many epochs), killed with SIGKILL once training has started
    Path slow = dir.resolve("slow");
    Files.createDirectories(slow);
    Process build = javaProcess("build", "--config", SmallCorpus.writeConfig(slow, 500).toString(),
        "--corpus", corpus.toString(), "--out", index.toString());
    Path log = dir.resolve("build.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && !(Files.exists(log) && Files.readString(log).contains("epoch 2/"))) {
      Thread.sleep(200);
    }
    assertThat(Files.readString(log)).contains("epoch 2/");
    build.destroyForcibly().waitFor();

    assertThat(Files.readAllBytes(index.resolve("index.json"))).isEqualTo(manifestBefore);
    CliRun search = CliRun.of(
        "search", "--index", index.toString(), "--json", "hockey playoffs");
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(json.readTree(search.out()).get("results").size()).isEqualTo(10);
  }

  /** The CLI in a child JVM (so it can be killed), stderr and stdout to build.log. */
  private Process javaProcess(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.semhash.cli.SemhashCommand"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }
}
