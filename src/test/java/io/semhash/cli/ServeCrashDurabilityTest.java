package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.TinySemanticIndex;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code semhash serve} over a real index directory, killed with SIGKILL at random (seeded)
 * moments while clients stream {@code POST /api/docs} (new documents and replacements), then
 * restarted: every write acknowledged with a 2xx is there, by id with the model's code for its
 * text, and found by a semantic search; the directory opens every time.
 */
class ServeCrashDurabilityTest {
  private static long acked(Map<String, History> histories) {
    return histories.values().stream().filter(h -> h.lastAcked >= 0).count();
  }

  private static final String TOKEN = "crash-test-token";
  private static final int ROUNDS = 4;
  private static final int WRITERS = 2;
  private static final long SEED = 20240808L;

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One id's history as one writer sent it: the texts in order and how many were acknowledged. */
  private static final class History {
    final List<String> texts = new ArrayList<>();
    int lastAcked = -1;

    /** Texts the store may hold: the last acknowledged one or any sent after it (in flight at the kill). */
    List<String> acceptable() {
      return texts.subList(Math.max(lastAcked, 0), texts.size());
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path index = TinySemanticIndex.copyTo(dir.resolve("index"));
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, History> histories = new ConcurrentHashMap<>();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    int recoveries = 0;
    long acksAtKill = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int port = freePort();
      Path log = dir.resolve("serve-" + round + ".log");
      Process server = serve(index, port, log);
      try {
        awaitHealthy(port, server, log);
        if (Files.readString(log).contains("recovered from an interrupted write")) {
          recoveries++;
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          long writerSeed = random.nextLong();
          String prefix = "r" + round + "w" + w + "-";
          Thread t = new Thread(() -> write(port, prefix, new SplittableRandom(writerSeed), histories, stop, failures));
          t.start();
          writers.add(t);
        }
        // kill at a random moment, but only once this round has some acknowledged writes, so that a
        // slow (loaded) machine still tests acknowledged writes rather than an idle server
        long ackedBefore = acked(histories);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (acked(histories) < ackedBefore + 3 && System.nanoTime() < deadline && failures.isEmpty()) {
          Thread.sleep(20);
        }
        Thread.sleep(random.nextLong(500, 2500));
        server.destroyForcibly().waitFor();
        stop.set(true);
        for (Thread t : writers) {
          t.join(10_000);
        }
        assertThat(failures).as("answers other than 201 while the server lived").isEmpty();
        acksAtKill = acked(histories);
      } finally {
        server.destroyForcibly().waitFor();
      }
    }

    int port = freePort();
    Path log = dir.resolve("serve-final.log");
    Process server = serve(index, port, log);
    try {
      awaitHealthy(port, server, log);
      HashingModel model = TinySemanticIndex.model();
      int checked = 0;
      for (Map.Entry<String, History> e : histories.entrySet()) {
        History h = e.getValue();
        String id = e.getKey();
        HttpResponse<String> got = get(port, "/api/docs/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        if (h.lastAcked < 0) {
          assertThat(got.statusCode()).as(id + " never acknowledged").isIn(200, 404);
          continue;
        }
        assertThat(got.statusCode()).as("acknowledged " + id + ": " + got.body()).isEqualTo(200);
        JsonNode doc = json.readTree(got.body());
        String text = doc.get("text").asText();
        assertThat(h.acceptable()).as(id).contains(text);
        String title = doc.get("title").asText();
        assertThat(doc.get("code_hex").asText()).as(id).isEqualTo(model.code(title + "\n" + text).toHex());
        // a semantic search for its own text at distance 0, filtered to its own label, finds it:
        // the code is in the Hamming index, the document in the store
        HttpResponse<String> search = get(port, "/api/search?mode=semantic&maxDistance=0&k=5&labels=" + label(id)
            + "&q=" + URLEncoder.encode(title + "\n" + text, StandardCharsets.UTF_8));
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(json.readTree(search.body()).get("results").findValuesAsText("id")).as(id).containsExactly(id);
        checked++;
      }
      long documents = json.readTree(get(port, "/api/stats").body()).get("documents").asLong();
      long everSent = histories.size();
      assertThat(documents).isBetween(90L + checked, 90L + everSent);
      System.out.printf("crash test: %d rounds, %d ids acknowledged and checked, %d sent, %d restarts recovered an interrupted write%n",
          ROUNDS, checked, everSent, recoveries);
      assertThat(checked).as("writes acknowledged before the kills").isGreaterThanOrEqualTo(10);
    } finally {
      server.destroyForcibly().waitFor();
    }
    try (SemanticSearchService s = SemanticSearchService.open(index)) {
      assertThat(s.stats().documents()).isGreaterThanOrEqualTo(90L + acksAtKill);
    }
  }

  /** Posts batches of 1-3 documents, a third of them replacing an earlier id, until the server dies. */
  private void write(int port, String prefix, SplittableRandom random, Map<String, History> histories, AtomicBoolean stop,
      Queue<String> failures) {
    List<String> mine = new ArrayList<>();
    int next = 0;
    while (!stop.get()) {
      int n = 1 + random.nextInt(3);
      List<Map<String, Object>> batch = new ArrayList<>();
      Map<String, Integer> sentIndex = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = !mine.isEmpty() && random.nextInt(3) == 0 ? mine.get(random.nextInt(mine.size())) : prefix + next++;
        if (sentIndex.containsKey(id)) {
          continue;
        }
        Document d = TinySemanticIndex.documents(random, id, 1).get(0);
        History h = histories.computeIfAbsent(id, k -> new History());
        synchronized (h) {
          h.texts.add(d.text());
          sentIndex.put(id, h.texts.size() - 1);
        }
        if (!mine.contains(id)) {
          mine.add(id);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("title", d.title());
        o.put("text", d.text());
        o.put("labels", List.of(d.labels().get(0), label(id)));
        batch.add(o);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/docs"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
          failures.add(r.statusCode() + " " + r.body());
          return;
        }
        sentIndex.forEach((id, at) -> {
          History h = histories.get(id);
          synchronized (h) {
            h.lastAcked = Math.max(h.lastAcked, at);
          }
        });
      } catch (IOException died) {
        return; // killed: whatever was in flight is unacknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A label only this id carries, so a filtered search finds exactly it. */
  private static String label(String id) {
    return "only-" + id;
  }

  private Process serve(Path index, int port, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "io.semhash.cli.SemhashCommand",
        "serve", "--index", index.toString(), "--port", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("SEMHASH_TOKEN", TOKEN);
    return pb.start();
  }

  private void awaitHealthy(int port, Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
      try {
        if (get(port, "/api/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("server not healthy within 60 s: " + Files.readString(log));
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
