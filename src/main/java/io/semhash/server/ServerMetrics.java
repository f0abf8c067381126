package io.semhash.server;

import io.javalin.micrometer.MicrometerPlugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, in one Micrometer registry written out in the Prometheus text format
 * (version 0.0.4) at {@code /metrics}.
 *
 * <ul>
 *   <li>{@code semhash_http_requests_total{method,route,status}} and {@code
 *       semhash_http_request_duration_seconds{method,route}} (a histogram over {@link #BUCKETS}):
 *       the names and labels the API has always published. Routes are the registered path
 *       patterns ({@code /api/docs/<id>}), not raw paths, so the number of series stays bounded;
 *       unmatched paths count under {@code unmatched} and static files under {@code static}.
 *   <li>{@code semhash_uptime_seconds}.
 *   <li>Javalin's Micrometer plugin: Jetty's thread pool ({@code jetty_threads_*}), connections
 *       and requests ({@code http_server_requests_seconds}).
 *   <li>The JVM's memory, garbage collection, threads, class loading, processor and uptime
 *       ({@code jvm_*}, {@code process_*}, {@code system_*}).
 * </ul>
 */
final class ServerMetrics implements AutoCloseable {
  /** Latency bucket upper bounds, in seconds. */
  static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final Duration[] SLOS = Arrays.stream(BUCKETS)
      .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

  private record CountKey(String method, String route, int status) {}

  private record LatencyKey(String method, String route) {}

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  // meters by label values, so that recording a request costs a map look-up, not a registration
  private final Map<CountKey, Counter> counts = new ConcurrentHashMap<>();
  private final Map<LatencyKey, Timer> latencies = new ConcurrentHashMap<>();

  ServerMetrics() {
    long startNanos = System.nanoTime();
    TimeGauge.builder("semhash.uptime", () -> System.nanoTime() - startNanos, TimeUnit.NANOSECONDS)
        .description("Seconds since the server started.")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Javalin's plugin over this registry: Jetty's thread pool, connections and requests. */
  MicrometerPlugin plugin() {
    return new MicrometerPlugin(cfg -> cfg.registry = registry);
  }

  /** Records one finished request. */
  void record(String method, String route, int status, double millis) {
    counts.computeIfAbsent(new CountKey(method, route, status), k -> Counter.builder("semhash.http.requests")
            .description("HTTP requests by method, route and status.")
            .tags(Tags.of("method", k.method(), "route", k.route(), "status", Integer.toString(k.status())))
            .register(registry))
        .increment();
    latencies.computeIfAbsent(new LatencyKey(method, route), k -> Timer.builder("semhash.http.request.duration")
            .description("HTTP request latency by method and route.")
            .tags(Tags.of("method", k.method(), "route", k.route()))
            .serviceLevelObjectives(SLOS)
            .register(registry))
        .record(Math.round(millis * 1e6), TimeUnit.NANOSECONDS);
  }

  /** Everything recorded so far, in Prometheus text format 0.0.4. */
  String render() {
    return registry.scrape();
  }

  /** Stops listening for garbage collections and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
