package io.semhash.estimator;

import java.util.List;
import java.util.Locale;

/** Looks categorical estimators up by their short name. */
public final class CategoricalEstimators {

  /** The accepted names. */
  public static final List<String> NAMES =
      List.of(
          CategoricalZgrEstimator.NAME,
          CategoricalStEstimator.NAME,
          CategoricalStGumbelSoftmaxEstimator.NAME,
          CategoricalGumbelRaoEstimator.NAME);

  private CategoricalEstimators() {}

  /**
   * The estimator called {@code name} (case-insensitive): zgr, st, stgs or grmc.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the allowed ones) or
   *     invalid parameters
   */
  public static CategoricalEstimator byName(String name, EstimatorParams params) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case CategoricalZgrEstimator.NAME -> CategoricalZgrEstimator.create();
      case CategoricalStEstimator.NAME -> CategoricalStEstimator.create();
      case CategoricalStGumbelSoftmaxEstimator.NAME ->
          CategoricalStGumbelSoftmaxEstimator.create(params.tau());
      case CategoricalGumbelRaoEstimator.NAME ->
          CategoricalGumbelRaoEstimator.create(params.tau(), params.samples());
      default ->
          throw new IllegalArgumentException(
              "unknown categorical estimator '" + name + "', allowed: "
                  + String.join(", ", NAMES));
    };
  }
}
