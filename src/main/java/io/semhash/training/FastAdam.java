package io.semhash.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@link Adam}, same configuration, same state layout ([M | V] in the updater view) and
 * the same arithmetic as ND4J's native {@code adam_updater} op, but the update loop runs in Java
 * on the native buffers: ND4J's op costs ~10 ns per parameter on one core (≈ 55 ms for the VAE's
 * 5.6 M parameters, the largest cost of a training step once the first layer is sparse), a
 * chunked Java loop that C2 vectorises ≈ 3 ns. Arrays that are not contiguous float views of
 * the same order fall back to the native op.
 *
 * <p>Per element, with t = iteration + 1 and α_t = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ):
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², g ← α_t · m / (√v + ε).
 *
 * <p>The threads of the update loop ride along in the configuration: DL4J gives every layer a
 * clone of the network's updater configuration, and a clone shares them; JSON and Java
 * serialisation drop them, and a configuration without them updates on the calling thread, with
 * the same result.
 */
public class FastAdam extends Adam {
  private static final long serialVersionUID = 1L;
  private transient ParallelSlices slices;

  public FastAdam() {}

  public FastAdam(double learningRate) {
    super(learningRate);
  }

  /** Adam with step size {@code learningRate}, its update loop run on {@code slices}. */
  public FastAdam(double learningRate, ParallelSlices slices) {
    super(learningRate);
    this.slices = slices;
  }

  /** The threads of the update loop (one when none were configured). */
  ParallelSlices slices() {
    return slices == null ? ParallelSlices.SINGLE : slices;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    // as Adam.instantiate: a flat [M | V] view, gradient shape [length / 2]
    Updater u = new Updater(this);
    INDArray flat = viewArray.reshape(viewArray.length());
    u.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    Updater u = new Updater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public FastAdam clone() {
    FastAdam c = new FastAdam();
    c.setLearningRate(getLearningRate());
    c.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
    c.setBeta1(getBeta1());
    c.setBeta2(getBeta2());
    c.setEpsilon(getEpsilon());
    c.slices = slices;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FastAdam && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FastAdam;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 3;
  }

  @Override
  public String toString() {
    return "Fast" + super.toString();
  }

  /** The updater at work; M and V are those of {@link AdamUpdater}. */
  static final class Updater extends AdamUpdater {
    private static final int CHUNK = 2048;
    /**
     * Moments below this are set to zero, on every {@link #flushEvery}-th update. Why: the first
     * layer's weights of a term absent from the batch get a zero gradient, so their first moment
     * decays by β1 = 0.9 every step and spends ~150 steps among the subnormal floats before reaching
     * zero; rare terms keep coming back to it. Arithmetic on subnormals is ~7× slower on this CPU (a
     * 5 M-element Adam loop: 8.5 ms normal, 62.6 ms subnormal), and full trainings slowed from ~10
     * to ~16 s per epoch as the share of such moments grew. A moment of 1e-30 moves a weight by less
     * than 1e-24.
     */
    static final float TINY = 1e-30f;
    /**
     * Updates between two flushes: half the steps a moment of {@link #TINY} needs to decay to the
     * smallest normal float (173 at β1 = 0.9), so nothing between flushes becomes subnormal. Why not
     * flush on every update: the comparison keeps C2 from vectorising the loop, the largest Java cost
     * of a training step while it did (docs/BENCHMARKS.md, step 7).
     */
    final int flushEvery;
    private int updates;
    /** Whether the last update ran the Java loop (false: ND4J's op), for tests. */
    boolean lastInJava;
    /**
     * The parameters this updater's gradient view belongs to, when the update is to be subtracted
     * from them in the same pass ({@link FusedStepNetwork}); null: it goes to the gradient view
     * for DL4J's step function, as ND4J's op does.
     */
    private INDArray params;
    /** Whether the last update went into {@link #params} (and not into the gradient view). */
    private boolean appliedToParams;
    /** How many updates went straight into the parameters, for tests. */
    long updatesIntoParams;
    private final ParallelSlices slices;

    Updater(FastAdam config) {
      super(config);
      slices = config.slices();
      // the faster-decaying moment sets the pace
      double beta = Math.min(config.getBeta1(), config.getBeta2());
      double steps = Math.log(TINY / Float.MIN_NORMAL) / -Math.log(beta);
      flushEvery = beta <= 0 || beta >= 1 ? 1 : (int) Math.max(1, Math.min(1 << 20, steps / 2));
    }

    /** From now on, subtract each update from these parameters (null: leave it in the gradient view). */
    void subtractFrom(INDArray params) {
      this.params = params;
    }

    /** Whether the last update was subtracted from the parameters already; clears the mark. */
    boolean takeAppliedToParams() {
      boolean applied = appliedToParams;
      appliedToParams = false;
      return applied;
    }

    private static boolean contiguousFloat(INDArray a) {
      return a.dataType() == DataType.FLOAT && a.length() > 0 && a.elementWiseStride() == 1
          && a.offset() + a.length() <= Integer.MAX_VALUE;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      INDArray m = getM();
      INDArray v = getV();
      if (m == null || v == null) {
        throw new IllegalStateException("Updater has not been initialized with view state");
      }
      boolean sameLayout = gradient.length() == m.length() && gradient.length() == v.length()
          && (gradient.isVector() || (gradient.ordering() == m.ordering() && gradient.ordering() == v.ordering()
              && java.util.Arrays.equals(gradient.shape(), m.shape()) && java.util.Arrays.equals(gradient.shape(), v.shape())));
      lastInJava = false;
      appliedToParams = false;
      if (!sameLayout || !contiguousFloat(gradient) || !contiguousFloat(m) || !contiguousFloat(v)) {
        super.applyUpdater(gradient, iteration, epoch);
        return;
      }
      Adam c = getConfig();
      // in float, as the native op computes them for float arrays
      float beta1 = (float) c.getBeta1();
      float beta2 = (float) c.getBeta2();
      float eps = (float) c.getEpsilon();
      float lr = (float) c.getLearningRate(iteration, epoch);
      float beta1T = (float) Math.pow(beta1, iteration + 1);
      float beta2T = (float) Math.pow(beta2, iteration + 1);
      float alpha = lr * (float) Math.sqrt(1f - beta2T) / (1f - beta1T);
      if (Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0f) {
        alpha = eps;
      }
      float oneMinusBeta1 = 1f - beta1;
      float oneMinusBeta2 = 1f - beta2;
      FloatBuffer g = gradient.data().asNioFloat();
      FloatBuffer mb = m.data().asNioFloat();
      FloatBuffer vb = v.data().asNioFloat();
      int go = (int) gradient.offset();
      int mo = (int) m.offset();
      int vo = (int) v.offset();
      int n = (int) gradient.length();
      if (go + n > g.capacity() || mo + n > mb.capacity() || vo + n > vb.capacity()) {
        super.applyUpdater(gradient, iteration, epoch);
        return;
      }
      INDArray p = params;
      boolean fused = p != null && p.length() == n && contiguousFloat(p) && p.offset() + n <= p.data().length();
      FloatBuffer pb = fused ? p.data().asNioFloat() : null;
      int po = fused ? (int) p.offset() : 0;
      // the flush runs before the moments are used by the next update, so none used is subnormal
      boolean flush = ++updates % flushEvery == 0;
      float a = alpha;
      // the threads take chunks of their own; each element's update is the same on any thread
      slices.run(n, 16 * CHUNK, CHUNK, (from, to) -> {
        float[] gc = new float[CHUNK];
        float[] mc = new float[CHUNK];
        float[] vc = new float[CHUNK];
        float[] pc = fused ? new float[CHUNK] : null;
        for (int s = from; s < to; s += CHUNK) {
          int len = Math.min(CHUNK, to - s);
          g.get(go + s, gc, 0, len);
          mb.get(mo + s, mc, 0, len);
          vb.get(vo + s, vc, 0, len);
          if (fused) {
            pb.get(po + s, pc, 0, len);
            stepAndSubtract(gc, mc, vc, pc, len, beta1, beta2, oneMinusBeta1, oneMinusBeta2, a, eps);
            pb.put(po + s, pc, 0, len);
          } else {
            step(gc, mc, vc, len, beta1, beta2, oneMinusBeta1, oneMinusBeta2, a, eps);
            g.put(go + s, gc, 0, len);
          }
          if (flush) {
            flush(mc, len);
            flush(vc, len);
          }
          mb.put(mo + s, mc, 0, len);
          vb.put(vo + s, vc, 0, len);
        }
      });
      Reference.reachabilityFence(gradient); // see SparseDenseLayerImpl.View
      Reference.reachabilityFence(m);
      Reference.reachabilityFence(v);
      Reference.reachabilityFence(p);
      lastInJava = true;
      appliedToParams = fused;
      if (fused) {
        updatesIntoParams++;
      }
    }

    /** One Adam step over a chunk: no branch, so C2 vectorises it. */
    private static void step(float[] g, float[] m, float[] v, int len, float beta1, float beta2,
        float oneMinusBeta1, float oneMinusBeta2, float alpha, float eps) {
      for (int i = 0; i < len; i++) {
        float gi = g[i];
        float mi = beta1 * m[i] + gi * oneMinusBeta1;
        float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
        m[i] = mi;
        v[i] = vi;
        g[i] = mi * alpha / ((float) Math.sqrt(vi) + eps);
      }
    }

    /**
     * {@link #step} with the update subtracted from the parameters at once (p − u, the float
     * operation of DL4J's step function) instead of stored for it.
     */
    private static void stepAndSubtract(float[] g, float[] m, float[] v, float[] p, int len, float beta1, float beta2,
        float oneMinusBeta1, float oneMinusBeta2, float alpha, float eps) {
      for (int i = 0; i < len; i++) {
        float gi = g[i];
        float mi = beta1 * m[i] + gi * oneMinusBeta1;
        float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] - mi * alpha / ((float) Math.sqrt(vi) + eps);
      }
    }

    private static void flush(float[] moments, int len) {
      for (int i = 0; i < len; i++) {
        if (Math.abs(moments[i]) < TINY) {
          moments[i] = 0f;
        }
      }
    }
  }
}
