package io.semhash.study;

import io.semhash.json.ApiJson;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link EstimatorComparison#run}: the figures of every estimator on every problem,
 * as a text table ({@link #toTable}) or JSON ({@link #toJson}).
 *
 * @param seed the seed everything was drawn from
 * @param problems one report per problem
 */
public record ComparisonReport(long seed, List<ProblemReport> problems) {

  /** A plain-text table per problem, for the terminal and docs/RESULTS.md. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append("Gradient estimators against the exact gradient (seed ").append(seed).append(")\n");
    for (ProblemReport problem : problems) {
      out.append('\n')
          .append(problem.name())
          .append(": ")
          .append(problem.description())
          .append(String.format(Locale.ROOT, "  |g*|^2 = %.4g%n", problem.exactGradientSquaredNorm()));
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %11s %10s %11s %11s %7s %9s  %s%n",
              "estimator", "bias^2", "(MC floor)", "variance", "MSE", "cosine", "us/est", "E[g]"));
      for (EstimatorFigures f : problem.estimators()) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-22s %11.4g %10s %11.4g %11.4g %7.3f %9.1f  %s%n",
                f.estimator(),
                f.squaredBias(),
                f.squaredBiasNoiseFloor() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.2g", f.squaredBiasNoiseFloor()),
                f.variance(),
                f.meanSquaredError(),
                f.cosine(),
                f.microsPerEstimate(),
                f.expectation()));
      }
    }
    return out.toString();
  }

  /** The report as pretty-printed JSON, in the API's style ({@link ApiJson}). */
  public String toJson() {
    return ApiJson.pretty(this);
  }
}
