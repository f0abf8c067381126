package io.semhash.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Request counts and latency histograms per route, written in the Prometheus text exposition
 * format (version 0.0.4). Routes are the registered path patterns ({@code /api/docs/{id}}), not
 * raw paths, so the number of series stays bounded; unmatched paths count under {@code
 * unmatched} and static files under {@code static}.
 */
final class RequestMetrics {
  /** Latency bucket upper bounds, in seconds. */
  static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, AtomicLong> counts = new ConcurrentSkipListMap<>();
  private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  /** Records one finished request. */
  void record(String method, String route, int status, double millis) {
    String countKey = "method=\"" + method + "\",route=\"" + escape(route) + "\",status=\"" + status + "\"";
    counts.computeIfAbsent(countKey, k -> new AtomicLong()).incrementAndGet();
    String latencyKey = "method=\"" + method + "\",route=\"" + escape(route) + "\"";
    latencies.computeIfAbsent(latencyKey, k -> new Histogram()).observe(millis / 1000.0);
  }

  /** Everything recorded so far, in Prometheus text format. */
  String render() {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP semhash_http_requests_total HTTP requests by method, route and status.\n");
    out.append("# TYPE semhash_http_requests_total counter\n");
    counts.forEach((labels, n) ->
        out.append("semhash_http_requests_total{").append(labels).append("} ").append(n.get()).append('\n'));
    out.append("# HELP semhash_http_request_duration_seconds HTTP request latency by method and route.\n");
    out.append("# TYPE semhash_http_request_duration_seconds histogram\n");
    new ConcurrentSkipListMap<>(latencies).forEach((labels, h) -> h.render("semhash_http_request_duration_seconds", labels, out));
    out.append("# HELP semhash_uptime_seconds Seconds since the server started.\n");
    out.append("# TYPE semhash_uptime_seconds gauge\n");
    out.append("semhash_uptime_seconds ").append(format((System.nanoTime() - startNanos) / 1e9)).append('\n');
    return out.toString();
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    return Double.toString(v);
  }

  /** A cumulative histogram over {@link #BUCKETS}. */
  private static final class Histogram {
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong count = new AtomicLong();
    private final DoubleAdder sum = new DoubleAdder();

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets.incrementAndGet(i);
          break;
        }
      }
      sum.add(seconds);
      count.incrementAndGet();
    }

    void render(String name, String labels, StringBuilder out) {
      long total = count.get();
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += buckets.get(i);
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(format(BUCKETS[i]))
            .append("\"} ").append(Math.min(cumulative, total)).append('\n');
      }
      out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total).append('\n');
      out.append(name).append("_sum{").append(labels).append("} ").append(format(sum.sum())).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
    }
  }
}
