package io.semhash.estimator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact reference: every configuration of a small latent with its probability, in double
 * precision. It gives the true gradient ∇_η E[f(x)] = Σ_x f(x) P(x) (x − p) (the score identity,
 * exact by summation) and the expectation E[ĝ] = Σ_x P(x) ĝ(x) of any estimator, so bias is
 * measured without sampling noise. For estimators that draw extra noise the sum over x stays exact
 * and the noise is averaged by Monte Carlo ({@code noiseDraws} draws per configuration).
 *
 * <p>Binary: n ≤ 16 bits (65,536 configurations). Categorical: m variables of C classes with
 * C^m ≤ 65,536, the configuration flattened to m·C one-hot entries.
 */
public final class Enumeration {

  /** The largest number of configurations enumerated. */
  public static final int MAX_CONFIGURATIONS = 1 << 16;

  private final INDArray logits; // binary [n], categorical [m, C]
  private final INDArray configurations; // [N, n] or [N, m*C]
  private final INDArray probabilities; // [N, 1]
  private final INDArray marginals; // [1, n] or [1, m*C]
  private final boolean categorical;

  private Enumeration(
      INDArray logits, INDArray configurations, INDArray probabilities, INDArray marginals,
      boolean categorical) {
    this.logits = logits;
    this.configurations = configurations;
    this.probabilities = probabilities;
    this.marginals = marginals;
    this.categorical = categorical;
  }

  /**
   * All 2ⁿ configurations of independent Bernoulli(σ(η_i)) bits.
   *
   * @throws IllegalArgumentException if n is 0 or above 16, or a logit is not finite
   */
  public static Enumeration binary(double[] logits) {
    int n = logits.length;
    if (n < 1 || n > 16) {
      throw new IllegalArgumentException("enumeration: binary needs 1..16 bits, got " + n);
    }
    INDArray eta = Nd4j.createFromArray(logits.clone());
    EstimatorArguments.requireFiniteLogits("enumeration", eta);
    int count = 1 << n;
    double[][] configs = new double[count][n];
    for (int r = 0; r < count; r++) {
      for (int i = 0; i < n; i++) {
        configs[r][i] = (r >> i) & 1;
      }
    }
    INDArray x = Nd4j.createFromArray(configs);
    // log p = −softplus(−η), log(1 − p) = −softplus(η)
    INDArray logP = Transforms.softPlus(eta.neg(), false).negi().reshape(n, 1);
    INDArray logQ = Transforms.softPlus(eta, true).negi().reshape(n, 1);
    INDArray logProb = x.mmul(logP).addi(x.rsub(1.0).mmul(logQ));
    INDArray marginals = Transforms.sigmoid(eta, true).reshape(1, n);
    return new Enumeration(eta, x, Transforms.exp(logProb, false), marginals, false);
  }

  /**
   * All C^m configurations of m independent Categorical(softmax(η_v)) variables.
   *
   * @param logits {@code [m][C]}
   * @throws IllegalArgumentException if C^m exceeds 65,536, C &lt; 2, or a logit is not finite
   */
  public static Enumeration categorical(double[][] logits) {
    int m = logits.length;
    int classes = m == 0 ? 0 : logits[0].length;
    if (m < 1 || classes < 2 || Math.pow(classes, m) > MAX_CONFIGURATIONS) {
      throw new IllegalArgumentException(
          "enumeration: categorical needs C >= 2 and C^m <= " + MAX_CONFIGURATIONS + ", got C="
              + classes + ", m=" + m);
    }
    INDArray eta = Nd4j.createFromArray(logits);
    EstimatorArguments.requireFiniteLogits("enumeration", eta);
    int count = (int) Math.pow(classes, m);
    double[][] configs = new double[count][m * classes];
    for (int r = 0; r < count; r++) {
      int rest = r;
      for (int v = 0; v < m; v++) {
        configs[r][v * classes + rest % classes] = 1.0;
        rest /= classes;
      }
    }
    INDArray x = Nd4j.createFromArray(configs);
    INDArray logSoftmax = eta.subColumnVector(Noise.logSumExp(eta));
    INDArray logProb = x.mmul(logSoftmax.reshape(m * classes, 1));
    INDArray marginals = Transforms.exp(logSoftmax, true).reshape(1, m * classes);
    return new Enumeration(eta, x, Transforms.exp(logProb, false), marginals, true);
  }

  /** The number of configurations. */
  public int size() {
    return (int) configurations.size(0);
  }

  /** The configurations, {@code [size, n]} (flattened one-hot for categorical); do not modify. */
  public INDArray configurations() {
    return configurations;
  }

  /** P(x) of each configuration, {@code [size, 1]}; sums to 1. */
  public INDArray probabilities() {
    return probabilities;
  }

  /** E[f(x)]. */
  public double expectedValue(Objective f) {
    return f.values(configurations).reshape(1, size()).mmul(probabilities).getDouble(0);
  }

  /** The exact ∇_η E[f(x)] = Σ_x P(x) f(x) (x − p), flat. */
  public double[] exactGradient(Objective f) {
    INDArray weights = f.values(configurations).reshape(size(), 1).muli(probabilities);
    INDArray centred = configurations.subRowVector(marginals);
    return weights.transpose().mmul(centred).data().asDouble();
  }

  /**
   * The moments of a binary estimator: exact over x; over the estimator's extra noise by
   * {@code noiseDraws} draws per configuration (use 1 for estimators that draw none). The draws
   * are batched: the configurations are repeated as many times as fit a modest batch.
   */
  public EstimateMoments moments(BinaryEstimator estimator, Objective f, Random rng, int noiseDraws) {
    requireKind(false, estimator.name());
    return accumulate(
        f, noiseDraws, estimator.drawsNoise(),
        copies -> {
          INDArray x = repeated(copies);
          INDArray batchLogits =
              Nd4j.zeros(DataType.DOUBLE, x.size(0), logits.length()).addiRowVector(logits);
          BinarySample sample = estimator.sampleGiven(batchLogits, x, rng);
          return estimator.backward(sample, f.gradients(sample.x()));
        });
  }

  /** The moments of a categorical estimator, as {@link #moments(BinaryEstimator, Objective, Random, int)}. */
  public EstimateMoments moments(
      CategoricalEstimator estimator, Objective f, Random rng, int noiseDraws) {
    requireKind(true, estimator.name());
    long m = logits.size(0);
    long classes = logits.size(1);
    return accumulate(
        f, noiseDraws, estimator.drawsNoise(),
        copies -> {
          long rows = (long) copies * size();
          INDArray x = repeated(copies).reshape(rows, m, classes);
          INDArray batchLogits = Nd4j.zeros(DataType.DOUBLE, rows, m, classes).addi(logits);
          CategoricalSample sample = estimator.sampleGiven(batchLogits, x, rng);
          INDArray g = f.gradients(sample.x().reshape(rows, m * classes));
          return estimator.backward(sample, g.reshape(rows, m, classes)).reshape(rows, m * classes);
        });
  }

  /** The configurations stacked {@code copies} times, {@code [copies * size, n]}. */
  private INDArray repeated(int copies) {
    return copies == 1 ? configurations : Nd4j.tile(configurations, copies, 1);
  }

  private EstimateMoments accumulate(
      Objective f, int draws, boolean noisy, java.util.function.IntFunction<INDArray> estimate) {
    if (draws < 1 || (noisy && draws < 2)) {
      throw new IllegalArgumentException(
          "enumeration: noiseDraws must be >= " + (noisy ? 2 : 1) + ", got " + draws);
    }
    long n = configurations.size(1);
    int perChunk = (int) Math.max(1, Math.min(draws, (1 << 15) / (size() * n)));
    INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, size() * n);
    INDArray sumSquares = Nd4j.zeros(DataType.DOUBLE, 1, size() * n);
    for (int done = 0; done < draws; done += perChunk) {
      int copies = Math.min(perChunk, draws - done);
      INDArray g = estimate.apply(copies).castTo(DataType.DOUBLE).reshape(copies, size() * n);
      sum.addi(g.sum(true, 0));
      sumSquares.addi(g.mul(g).sum(true, 0));
    }
    INDArray meanPerConfig = sum.divi(draws).reshape(size(), n);
    INDArray squarePerConfig = sumSquares.divi(draws).reshape(size(), n);
    INDArray weights = probabilities.transpose(); // [1, N]
    double[] mean = weights.mmul(meanPerConfig).data().asDouble();
    double meanSquareNorm = weights.mmul(squarePerConfig).sumNumber().doubleValue();
    double norm = 0;
    for (double v : mean) {
      norm += v * v;
    }
    double[] standardError = new double[(int) n];
    if (draws > 1) {
      // stratified Monte Carlo: Var(mean_i) = Σ_x P(x)² Var(ĝ_i | x) / R
      INDArray within =
          squarePerConfig.sub(meanPerConfig.mul(meanPerConfig)).muli(draws / (draws - 1.0));
      INDArray varOfMean = weights.mul(weights).mmul(within).divi(draws);
      double[] v = varOfMean.data().asDouble();
      for (int i = 0; i < n; i++) {
        standardError[i] = Math.sqrt(Math.max(0, v[i]));
      }
    }
    return new EstimateMoments(mean, standardError, meanSquareNorm - norm, exactGradient(f));
  }

  private void requireKind(boolean wantCategorical, String estimator) {
    if (categorical != wantCategorical) {
      throw new IllegalArgumentException(
          estimator + ": this enumeration is " + (categorical ? "categorical" : "binary"));
    }
  }
}
