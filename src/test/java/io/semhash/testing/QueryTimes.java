package io.semhash.testing;

import java.util.Arrays;

/**
 * Per-query times of a latency benchmark, each query keeping its best over interleaved rounds (the
 * least disturbed run on a shared machine), with the percentiles and mean the benchmarks report.
 */
public final class QueryTimes {
  private final double[] best;

  private QueryTimes(int queries) {
    best = new double[queries];
    Arrays.fill(best, Double.MAX_VALUE);
  }

  /** Times for {@code queries} queries, none recorded yet. */
  public static QueryTimes of(int queries) {
    return new QueryTimes(queries);
  }

  /** Records one run of query {@code q}, kept if it is the fastest so far. */
  public void record(int q, double millis) {
    best[q] = Math.min(best[q], millis);
  }

  /** The {@code p}-th percentile (nearest rank) of the queries' best times, in ms. */
  public double percentile(int p) {
    double[] s = best.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1))];
  }

  /** The mean of the queries' best times, in ms. */
  public double mean() {
    return Arrays.stream(best).average().orElse(0);
  }
}
