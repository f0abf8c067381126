package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on the real server: Prometheus text with the JVM's memory, GC and thread
 * metrics and Jetty's thread pool (its configured size read back), and the request counter and
 * latency histogram grow by exactly the requests made, per route and status (and so does the
 * count Jetty's own instrumentation keeps).
 */
class MetricsTest {
  private static final int THREADS = 6;
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)");

  private static KeywordSearchService service;
  private static SemhashServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    service.add(MiniCorpus.documents());
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 4096, 50, "", THREADS, 2, "none"));
    http = new HttpProbe(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  /** Every sample of a scrape: series (name and labels as written) → value. */
  private static Map<String, Double> scrape() {
    return samples(http.get("/metrics"));
  }

  private static Map<String, Double> samples(Reply r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
    Map<String, Double> samples = new TreeMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        assertThat(line).matches("|# (HELP|TYPE) .*");
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      samples.put(m.group(1), Double.parseDouble(m.group(2).replace("+Inf", "Infinity")));
    }
    return samples;
  }

  private static double value(Map<String, Double> samples, String series) {
    return samples.getOrDefault(series, 0.0);
  }

  @Test
  void requestMetricsKeepTheirNamesAndTypes() {
    http.get("/api/search?q=orbit");
    Reply r = http.get("/metrics");
    samples(r);
    assertThat(r.body()).contains("# TYPE semhash_http_requests_total counter\n",
        "# TYPE semhash_http_request_duration_seconds histogram\n", "# TYPE semhash_uptime_seconds gauge\n",
        "# HELP semhash_http_requests_total HTTP requests by method, route and status.\n");
  }

  @Test
  void jvmGcAndJettyThreadPoolMetricsAreThere() {
    http.get("/api/health");
    Map<String, Double> s = scrape();
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""));
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_gc_memory_allocated_bytes_total"));
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_gc_max_data_size_bytes"));
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_threads_live_threads"));
    assertThat(value(s, "jvm_threads_live_threads")).isGreaterThanOrEqualTo(THREADS);
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("process_uptime_seconds"));
    // Jetty's pool as configured: server.threads both its least and its most
    assertThat(value(s, "jetty_threads_config_max")).isEqualTo(THREADS);
    assertThat(value(s, "jetty_threads_config_min")).isEqualTo(THREADS);
    assertThat(value(s, "jetty_threads_current")).isBetween(1.0, (double) THREADS);
    assertThat(value(s, "jetty_threads_busy")).isBetween(1.0, (double) THREADS); // this scrape's own thread
    assertThat(value(s, "semhash_uptime_seconds")).isPositive();
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jetty_server_requests_seconds_count{") && k.contains("uri=\"/api/health\""));
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jetty_connections_current_connections"));
  }

  @Test
  void requestCountersGrowByExactlyTheRequestsMade() throws InterruptedException {
    String ok = "semhash_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"200\"}";
    String bad = "semhash_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"400\"}";
    String doc = "semhash_http_requests_total{method=\"GET\",route=\"/api/docs/<id>\",status=\"200\"}";
    String unmatched = "semhash_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}";
    // the plugin's own count of the same requests, measured by Jetty
    String jettyOk = "jetty_server_requests_seconds_count{exception=\"Unknown\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/search\"}";
    String latencyCount = "semhash_http_request_duration_seconds_count{method=\"GET\",route=\"/api/search\"}";
    String latencyInf = "semhash_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",le=\"+Inf\"}";
    Map<String, Double> before = scrape();

    for (int i = 0; i < 7; i++) {
      assertThat(http.get("/api/search?q=orbit&k=" + (i + 1)).status()).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/api/search?k=" + i).status()).isEqualTo(400);
    }
    assertThat(http.get("/api/docs/space-2").status()).isEqualTo(200);
    assertThat(http.get("/no/such/thing").status()).isEqualTo(404);
    assertThat(http.get("/no/such/other").status()).isEqualTo(404);

    // a request is counted once its response is written: wait for the last one, then compare exactly
    Map<String, Double> after = scrape();
    for (int i = 0; i < 50 && value(after, unmatched) - value(before, unmatched) < 2; i++) {
      Thread.sleep(20);
      after = scrape();
    }
    assertThat(value(after, ok) - value(before, ok)).isEqualTo(7);
    assertThat(value(after, bad) - value(before, bad)).isEqualTo(3);
    assertThat(value(after, jettyOk) - value(before, jettyOk)).isEqualTo(7);
    assertThat(value(after, doc) - value(before, doc)).isEqualTo(1);
    assertThat(value(after, unmatched) - value(before, unmatched)).isEqualTo(2);
    assertThat(value(after, latencyCount) - value(before, latencyCount)).isEqualTo(10);
    assertThat(value(after, latencyInf)).isEqualTo(value(after, latencyCount));
    assertThat(after.keySet()).noneMatch(k -> k.contains("/no/such"));
    // today's latency buckets, cumulative
    double previous = 0;
    for (double le : ServerMetrics.BUCKETS) {
      String bucket = "semhash_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",le=\"" + le + "\"}";
      assertThat(after).containsKey(bucket);
      assertThat(after.get(bucket)).isGreaterThanOrEqualTo(previous);
      previous = after.get(bucket);
    }
    assertThat(value(after, latencyInf)).isGreaterThanOrEqualTo(previous);
  }
}
