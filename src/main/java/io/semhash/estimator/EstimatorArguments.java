package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the estimators; every message names the estimator and the value. */
final class EstimatorArguments {

  private EstimatorArguments() {}

  static double requirePositiveTau(String estimator, double tau) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException(
          estimator + ": temperature tau must be finite and > 0, got " + tau);
    }
    return tau;
  }

  static int requireSamples(String estimator, int samples, int min) {
    if (samples < min) {
      throw new IllegalArgumentException(
          estimator + ": number of samples K must be >= " + min + ", got " + samples);
    }
    return samples;
  }

  /**
   * Rejects NaN or infinite logits. One sum is the fast path (NaN and ±∞ propagate into it); only
   * when it is not finite are the values scanned to name the offending one.
   */
  static INDArray requireFiniteLogits(String estimator, INDArray logits) {
    if (logits == null) {
      throw new IllegalArgumentException(estimator + ": logits must not be null");
    }
    if (!logits.dataType().isFPType()) {
      throw new IllegalArgumentException(
          estimator + ": logits must be FLOAT or DOUBLE, got " + logits.dataType());
    }
    if (Double.isFinite(logits.sumNumber().doubleValue())) {
      return logits;
    }
    double[] values = logits.dup('c').data().asDouble();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            estimator + ": logits must be finite, got " + values[i] + " at flat index " + i);
      }
    }
    return logits; // finite values whose sum overflowed
  }

  static void requireSameShape(String estimator, INDArray logits, INDArray x) {
    if (!java.util.Arrays.equals(logits.shape(), x.shape())) {
      throw new IllegalArgumentException(
          estimator + ": x has shape " + java.util.Arrays.toString(x.shape())
              + " but logits have " + java.util.Arrays.toString(logits.shape()));
    }
  }
}
