package io.semhash.estimator;

import java.util.List;
import java.util.Locale;

/** Looks binary estimators up by their short name, as the CLI and the model configuration do. */
public final class BinaryEstimators {

  /** The accepted names, in the order they are documented. */
  public static final List<String> NAMES =
      List.of(
          ZgrEstimator.NAME,
          StraightThroughEstimator.NAME,
          DarnEstimator.NAME,
          GumbelSoftmaxEstimator.NAME,
          StGumbelSoftmaxEstimator.NAME,
          GumbelRaoEstimator.NAME);

  private BinaryEstimators() {}

  /**
   * The estimator called {@code name} (case-insensitive): zgr, st, darn, gs, stgs or grmc.
   *
   * @param params τ and K, used by gs, stgs (τ) and grmc (τ, K); ignored by the others
   * @throws IllegalArgumentException for an unknown name (the message lists the allowed ones) or
   *     invalid parameters
   */
  public static BinaryEstimator byName(String name, EstimatorParams params) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case ZgrEstimator.NAME -> ZgrEstimator.create();
      case StraightThroughEstimator.NAME -> StraightThroughEstimator.create();
      case DarnEstimator.NAME -> DarnEstimator.create();
      case GumbelSoftmaxEstimator.NAME -> GumbelSoftmaxEstimator.create(params.tau());
      case StGumbelSoftmaxEstimator.NAME -> StGumbelSoftmaxEstimator.create(params.tau());
      case GumbelRaoEstimator.NAME -> GumbelRaoEstimator.create(params.tau(), params.samples());
      default ->
          throw new IllegalArgumentException(
              "unknown binary estimator '" + name + "', allowed: " + String.join(", ", NAMES));
    };
  }

  /** {@link #byName(String, EstimatorParams)} with {@link EstimatorParams#DEFAULTS}. */
  public static BinaryEstimator byName(String name) {
    return byName(name, EstimatorParams.DEFAULTS);
  }
}
