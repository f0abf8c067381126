package io.semhash.bench;

import io.semhash.study.ComparisonReport;
import io.semhash.study.EstimatorComparison;

/**
 * Runs {@link EstimatorComparison} on its synthetic corpus until the {@code semhash estimators}
 * command is wired. Usage: {@code EstimatorComparisonMain [seed] [--json]}.
 */
public final class EstimatorComparisonMain {

  private EstimatorComparisonMain() {}

  public static void main(String[] args) {
    long seed = 1;
    boolean json = false;
    for (String arg : args) {
      if (arg.equals("--json")) {
        json = true;
      } else {
        seed = Long.parseLong(arg);
      }
    }
    long start = System.nanoTime();
    ComparisonReport report = EstimatorComparison.run(seed);
    System.out.println(json ? report.toJson() : report.toTable());
    if (!json) {
      System.out.printf("(took %.1f s)%n", (System.nanoTime() - start) / 1e9);
    }
  }
}
