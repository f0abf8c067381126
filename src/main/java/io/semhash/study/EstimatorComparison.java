package io.semhash.study;

import io.semhash.estimator.BinaryEstimator;
import io.semhash.estimator.BinarySample;
import io.semhash.estimator.CategoricalEstimator;
import io.semhash.estimator.CategoricalGumbelRaoEstimator;
import io.semhash.estimator.CategoricalSample;
import io.semhash.estimator.CategoricalStEstimator;
import io.semhash.estimator.CategoricalStGumbelSoftmaxEstimator;
import io.semhash.estimator.CategoricalZgrEstimator;
import io.semhash.estimator.CubicObjective;
import io.semhash.estimator.DarnEstimator;
import io.semhash.estimator.EstimateMoments;
import io.semhash.estimator.Enumeration;
import io.semhash.estimator.GumbelRaoEstimator;
import io.semhash.estimator.GumbelSoftmaxEstimator;
import io.semhash.estimator.Objective;
import io.semhash.estimator.QuadraticObjective;
import io.semhash.estimator.ReinforceLooEstimator;
import io.semhash.estimator.ReinforceSample;
import io.semhash.estimator.StGumbelSoftmaxEstimator;
import io.semhash.estimator.StraightThroughEstimator;
import io.semhash.estimator.ZgrEstimator;
import io.semhash.random.Gaussian;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the gradient estimators on fixed problems small enough to enumerate: for binary
 * latents a random quadratic (where ZGR must be exactly unbiased), a cubic (where it is not), and
 * a tiny decoder loss on a few real documents; for categorical latents ({@value #GROUPS} groups ×
 * {@value #CLASSES} classes) a quadratic in the one-hot vectors and the same decoder loss. For each estimator: squared bias and variance against the exact
 * gradient, their sum (MSE), the mean cosine of one estimate to the exact gradient, and the time
 * per estimate.
 *
 * <p>E[ĝ] is exact by enumeration for ZGR, ST and DARN; for the Gumbel estimators the sum over
 * the 2ⁿ configurations is exact and the extra noise is averaged over {@value #NOISE_DRAWS}
 * draws per configuration; REINFORCE is averaged over {@value #REINFORCE_ESTIMATES} independent
 * estimates. The squared bias of a Monte Carlo row is reported with its noise floor. Cosines are
 * averaged over {@value #COSINE_ESTIMATES} single estimates (REINFORCE: over all its estimates).
 */
public final class EstimatorComparison {

  /** Bits per latent block. */
  public static final int BITS = 10;
  /** Documents in the decoder problem (independent blocks of {@value #BITS} bits each). */
  public static final int DOCUMENTS = 4;
  /** Groups of the categorical problems' latent blocks. */
  public static final int GROUPS = 4;
  /** Classes per group of the categorical problems (4⁴ = 256 configurations per block). */
  public static final int CLASSES = 4;

  static final int NOISE_DRAWS = 32;
  static final int REINFORCE_ESTIMATES = 4096;
  static final int COSINE_ESTIMATES = 512;
  static final int TIMING_BATCH = 64;

  /**
   * How much sampling the comparison does; the command uses {@link #DEFAULT}, tests a smaller one.
   *
   * @param bits bits per latent block
   * @param noiseDraws Monte Carlo draws of the extra noise per configuration
   * @param reinforceEstimates independent REINFORCE estimates averaged
   * @param cosineEstimates single estimates the mean cosine is taken over
   * @param timingRepeats timed batches (the fastest is reported)
   */
  record Settings(
      int bits, int noiseDraws, int reinforceEstimates, int cosineEstimates, int timingRepeats) {
    static final Settings DEFAULT =
        new Settings(BITS, NOISE_DRAWS, REINFORCE_ESTIMATES, COSINE_ESTIMATES, 15);
  }

  private EstimatorComparison() {}

  /** Runs every estimator on the three problems, all randomness drawn from {@code seed}. */
  public static ComparisonReport run(long seed, RealProblemData data) {
    return run(seed, data, Settings.DEFAULT);
  }

  static ComparisonReport run(long seed, RealProblemData data, Settings settings) {
    List<Problem> problems =
        List.of(
            quadratic(seed, settings.bits()),
            cubic(seed, settings.bits()),
            decoder(seed, data, settings.bits()),
            categoricalQuadratic(seed),
            categoricalDecoder(seed, data));
    List<ProblemReport> reports = new ArrayList<>();
    for (Problem problem : problems) {
      reports.add(compare(problem, seed, settings));
    }
    return new ComparisonReport(seed, reports);
  }

  /** {@link #run(long, RealProblemData)} on a synthetic corpus drawn from the same seed. */
  public static ComparisonReport run(long seed) {
    return run(seed, RealProblemData.synthetic(seed, 200, 2000));
  }

  /** The estimators compared, binary ones first; REINFORCE is handled separately. */
  static List<BinaryEstimator> binaryEstimators() {
    List<BinaryEstimator> out = new ArrayList<>();
    out.add(ZgrEstimator.create());
    out.add(StraightThroughEstimator.create());
    out.add(DarnEstimator.create());
    for (double tau : new double[] {0.1, 0.5, 1.0}) {
      out.add(GumbelSoftmaxEstimator.create(tau));
    }
    for (double tau : new double[] {0.1, 0.5, 1.0}) {
      out.add(StGumbelSoftmaxEstimator.create(tau));
    }
    for (double tau : new double[] {0.1, 0.5, 1.0}) {
      out.add(GumbelRaoEstimator.create(tau, 10));
    }
    return out;
  }

  static List<ReinforceLooEstimator> reinforceEstimators() {
    return List.of(ReinforceLooEstimator.create(2), ReinforceLooEstimator.create(10));
  }

  /** The categorical estimators compared (no categorical DARN or REINFORCE is implemented). */
  static List<CategoricalEstimator> categoricalEstimators() {
    List<CategoricalEstimator> out = new ArrayList<>();
    out.add(CategoricalZgrEstimator.create());
    out.add(CategoricalStEstimator.create());
    for (double tau : new double[] {0.1, 0.5, 1.0}) {
      out.add(CategoricalStGumbelSoftmaxEstimator.create(tau));
    }
    for (double tau : new double[] {0.1, 0.5, 1.0}) {
      out.add(CategoricalGumbelRaoEstimator.create(tau, 10));
    }
    return out;
  }

  /** One independent block of the latent: its logits and its objective. */
  record Block(double[] logits, Objective f) {}

  /**
   * @param classes 0 for binary latents; else the blocks' logits are groups of this many classes
   *     (group g at g·C .. g·C + C − 1) and f takes the concatenated one-hot vectors
   */
  record Problem(String name, String description, List<Block> blocks, int classes) {
    Problem(String name, String description, List<Block> blocks) {
      this(name, description, blocks, 0);
    }

    boolean categorical() {
      return classes > 0;
    }

    Enumeration enumeration(Block block) {
      if (!categorical()) {
        return Enumeration.binary(block.logits());
      }
      double[][] grouped = new double[block.logits().length / classes][classes];
      for (int g = 0; g < grouped.length; g++) {
        System.arraycopy(block.logits(), g * classes, grouped[g], 0, classes);
      }
      return Enumeration.categorical(grouped);
    }
  }

  /**
   * f = x'Ax + b'x on the concatenated one-hot vectors of {@value #GROUPS} groups of {@value
   * #CLASSES} classes: a polynomial of degree 2 in x, where categorical ZGR must be unbiased.
   */
  static Problem categoricalQuadratic(long seed) {
    int n = GROUPS * CLASSES;
    return new Problem(
        "categorical-quadratic",
        "f = x'Ax + b'x on one-hot x, random A, " + GROUPS + " groups x " + CLASSES + " classes",
        List.of(new Block(logits(n, seed + 2), QuadraticObjective.random(n, seed + 2))), CLASSES);
  }

  /** The decoder loss of {@link #decoder} on {@value #GROUPS} × {@value #CLASSES} categorical latents per document. */
  static Problem categoricalDecoder(long seed, RealProblemData data) {
    Problem binaryForm = decoder(seed, data, GROUPS * CLASSES);
    return new Problem(
        "categorical-decoder",
        "f = -sum_w count_w log softmax(Wx + c)_w on " + DOCUMENTS + " documents x " + GROUPS + " groups x " + CLASSES
            + " classes (one-hot x)",
        binaryForm.blocks(), CLASSES);
  }

  static Problem quadratic(long seed, int bits) {
    return new Problem(
        "quadratic",
        "f = x'Ax + b'x, random A (|A_ii| >= 0.5), n = " + bits + " bits",
        List.of(new Block(logits(bits, seed), QuadraticObjective.random(bits, seed))));
  }

  static Problem cubic(long seed, int bits) {
    return new Problem(
        "cubic",
        "f = x'Ax + b'x + 0.1 (u'x)^3, n = " + bits + " bits",
        List.of(new Block(logits(bits, seed + 1), CubicObjective.random(bits, 0.1, seed + 1))));
  }

  /**
   * The decoder loss on {@value #DOCUMENTS} documents picked by the seed among those with at least
   * 10 distinct terms; the softmax runs over the union of their terms. W ~ N(0, 0.5²), c the log
   * of the smoothed term frequencies, logits η ~ N(0, 1.5²).
   */
  static Problem decoder(long seed, RealProblemData data, int bits) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    List<Integer> eligible = new ArrayList<>();
    for (int d = 0; d < data.documents(); d++) {
      if (data.termIds()[d].length >= 10) {
        eligible.add(d);
      }
    }
    if (eligible.size() < DOCUMENTS) {
      throw new IllegalArgumentException(
          "estimator comparison: needs " + DOCUMENTS + " documents with >= 10 distinct terms, got "
              + eligible.size());
    }
    int[] chosen = new int[DOCUMENTS];
    for (int i = 0; i < DOCUMENTS; i++) {
      chosen[i] = eligible.remove(random.nextInt(eligible.size()));
    }
    TreeMap<Integer, Integer> compact = new TreeMap<>();
    for (int d : chosen) {
      for (int id : data.termIds()[d]) {
        compact.putIfAbsent(id, compact.size());
      }
    }
    int vocab = compact.size();
    double[] frequency = new double[vocab];
    double tokens = 0;
    List<int[]> ids = new ArrayList<>();
    for (int d : chosen) {
      int[] local = new int[data.termIds()[d].length];
      for (int i = 0; i < local.length; i++) {
        local[i] = compact.get(data.termIds()[d][i]);
        frequency[local[i]] += data.counts()[d][i];
        tokens += data.counts()[d][i];
      }
      ids.add(local);
    }
    double[] bias = new double[vocab];
    for (int w = 0; w < vocab; w++) {
      bias[w] = Math.log((frequency[w] + 0.5) / (tokens + 0.5 * vocab));
    }
    double[][] weights = new double[vocab][bits];
    for (double[] row : weights) {
      for (int j = 0; j < bits; j++) {
        row[j] = 0.5 * Gaussian.draw(random);
      }
    }
    INDArray w = Nd4j.createFromArray(weights);
    INDArray c = Nd4j.createFromArray(bias);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      INDArray counts = DecoderObjective.dense(ids.get(i), data.counts()[chosen[i]], vocab);
      blocks.add(new Block(logits(bits, seed + 10 + i), new DecoderObjective(w, c, counts)));
    }
    return new Problem(
        "decoder",
        "f = -sum_w count_w log softmax(Wx + c)_w on " + DOCUMENTS + " documents x " + bits
            + " bits, softmax over their " + vocab + " terms",
        blocks);
  }

  static ProblemReport compare(Problem problem, long seed, Settings settings) {
    double[] exact = concat(problem.blocks().stream()
        .map(b -> problem.enumeration(b).exactGradient(b.f())).toList());
    List<EstimatorFigures> rows = new ArrayList<>();
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    if (problem.categorical()) {
      for (CategoricalEstimator estimator : categoricalEstimators()) {
        rows.add(figures(problem, exact, estimator, rng, settings));
      }
      return new ProblemReport(problem.name(), problem.description(), exact.length, dot(exact, exact), rows);
    }
    for (BinaryEstimator estimator : binaryEstimators()) {
      rows.add(figures(problem, exact, estimator, rng, settings));
    }
    for (ReinforceLooEstimator estimator : reinforceEstimators()) {
      rows.add(figures(problem, exact, estimator, rng, settings));
    }
    return new ProblemReport(
        problem.name(), problem.description(), exact.length, dot(exact, exact), rows);
  }

  private static EstimatorFigures figures(
      Problem problem, double[] exact, BinaryEstimator estimator, Random rng, Settings settings) {
    int draws = estimator.drawsNoise() ? settings.noiseDraws() : 1;
    return figures(problem, exact, estimator.name(), estimator.drawsNoise(),
        block -> Enumeration.binary(block.logits()).moments(estimator, block.f(), rng, draws),
        (logits, f) -> binaryEstimates(estimator, logits, f, rng), settings);
  }

  private static EstimatorFigures figures(
      Problem problem, double[] exact, CategoricalEstimator estimator, Random rng, Settings settings) {
    int draws = estimator.drawsNoise() ? settings.noiseDraws() : 1;
    return figures(problem, exact, estimator.name(), estimator.drawsNoise(),
        block -> problem.enumeration(block).moments(estimator, block.f(), rng, draws),
        (logits, f) -> categoricalEstimates(estimator, logits, f, problem.classes(), rng), settings);
  }

  /** The figures of an estimator whose E[ĝ] per block is {@code moments} and whose single estimates are {@code single}. */
  private static EstimatorFigures figures(
      Problem problem, double[] exact, String name, boolean drawsNoise,
      java.util.function.Function<Block, EstimateMoments> moments, BlockEstimates single, Settings settings) {
    List<double[]> means = new ArrayList<>();
    double variance = 0;
    double floor = 0;
    for (Block block : problem.blocks()) {
      EstimateMoments m = moments.apply(block);
      means.add(m.mean());
      variance += m.variance();
      floor += m.squaredBiasNoiseFloor();
    }
    double bias = squaredDistance(concat(means), exact);
    INDArray batch = estimates(problem, single, settings.cosineEstimates());
    double micros = microsPerEstimate(problem, single, settings);
    return new EstimatorFigures(
        name, bias, floor, variance, bias + variance, meanCosine(batch, exact), micros, drawsNoise ? "MC" : "exact");
  }

  private static EstimatorFigures figures(
      Problem problem,
      double[] exact,
      ReinforceLooEstimator estimator,
      Random rng,
      Settings settings) {
    INDArray many =
        estimates(problem, (logits, f) -> reinforceEstimates(estimator, logits, f, rng),
            settings.reinforceEstimates());
    double[] mean = many.mean(0).data().asDouble();
    double[] var = many.var(false, 0).data().asDouble();
    double variance = 0;
    for (double v : var) {
      variance += v;
    }
    double bias = squaredDistance(mean, exact);
    double floor = variance / settings.reinforceEstimates();
    double micros =
        microsPerEstimate(
            problem, (logits, f) -> reinforceEstimates(estimator, logits, f, rng), settings);
    return new EstimatorFigures(
        estimator.name(), bias, floor, variance, bias + variance, meanCosine(many, exact), micros,
        "MC");
  }

  /**
   * The fastest of {@code timingRepeats} timed runs (after as many untimed ones) of a batch of
   * {@value #TIMING_BATCH} estimates, divided by the batch size. The minimum, not the mean: on a
   * shared machine the other processes only ever add time.
   */
  private static double microsPerEstimate(
      Problem problem, BlockEstimates single, Settings settings) {
    int repeats = settings.timingRepeats();
    double[] runs = new double[repeats];
    for (int r = -repeats; r < repeats; r++) {
      long start = System.nanoTime();
      estimates(problem, single, TIMING_BATCH);
      if (r >= 0) {
        runs[r] = (System.nanoTime() - start) / 1e3 / TIMING_BATCH;
      }
    }
    return java.util.Arrays.stream(runs).min().orElseThrow();
  }

  private interface BlockEstimates {
    /** {@code count} single estimates for one block: logits {@code [count, bits]} → same shape. */
    INDArray of(INDArray logits, Objective f);
  }

  /** {@code count} independent estimates of the whole gradient, {@code [count, dimension]}. */
  private static INDArray estimates(Problem problem, BlockEstimates estimates, int count) {
    List<INDArray> parts = new ArrayList<>();
    for (Block block : problem.blocks()) {
      INDArray logits =
          Nd4j.zeros(DataType.DOUBLE, count, block.logits().length)
              .addiRowVector(Nd4j.createFromArray(block.logits()));
      parts.add(estimates.of(logits, block.f()));
    }
    return Nd4j.hstack(parts.toArray(INDArray[]::new));
  }

  private static INDArray binaryEstimates(
      BinaryEstimator estimator, INDArray logits, Objective f, Random rng) {
    BinarySample sample = estimator.sample(logits, rng);
    return estimator.backward(sample, f.gradients(sample.x()));
  }

  /** Single estimates for categorical logits {@code [count, m·C]}: grouped for the estimator, flat for f. */
  private static INDArray categoricalEstimates(
      CategoricalEstimator estimator, INDArray logits, Objective f, int classes, Random rng) {
    long count = logits.size(0);
    long width = logits.size(1);
    CategoricalSample sample = estimator.sample(logits.reshape('c', count, width / classes, classes), rng);
    INDArray g = f.gradients(sample.x().reshape('c', count, width));
    return estimator.backward(sample, g.reshape('c', count, width / classes, classes)).reshape('c', count, width);
  }

  private static INDArray reinforceEstimates(
      ReinforceLooEstimator estimator, INDArray logits, Objective f, Random rng) {
    ReinforceSample sample = estimator.sample(logits, rng);
    return estimator.gradient(sample, f.values(sample.x()));
  }

  private static double meanCosine(INDArray estimates, double[] exact) {
    INDArray target = Nd4j.createFromArray(exact).reshape(exact.length, 1);
    INDArray dots = estimates.mmul(target); // [count, 1]
    INDArray norms = estimates.norm2(1).reshape(estimates.size(0), 1);
    double targetNorm = Math.sqrt(dot(exact, exact));
    INDArray cos = dots.divi(norms.muli(targetNorm).addi(1e-300));
    return cos.meanNumber().doubleValue();
  }

  private static double[] logits(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 1.5 * Gaussian.draw(random);
    }
    return out;
  }

  private static double[] concat(List<double[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    double[] out = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
