package io.semhash.training;

import java.lang.ref.Reference;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder: DL4J's {@link OutputLayer} (linear b → V, identity activation, {@link
 * CountMultinomialLoss}) whose training step computes the logits, the loss and δ = p · Σ count −
 * count once, in place, in one [batch, V] buffer kept from step to step.
 *
 * <p>Why: DL4J's output layer asks for the logits twice per step (once for the gradient, once for
 * the score), and each request allocates a fresh [batch, V] array, writes the gemm's column-major
 * result and copies it into a row-major one; the loss then allocates three more arrays of that
 * size. For the VAE's decoder ([128, 64] · [64, 10,000]) those allocations and copies were about a
 * third of a training step. Here the gemm writes row-major straight into the kept buffer, the
 * softmax runs in place, and the score of the step is the by-product of the gradient pass.
 * Inference and scoring outside a training step are DL4J's own code.
 *
 * <p>The threads of the softmax pass ride along in the configuration (a clone shares them, JSON
 * drops them: a layer read back runs it on the calling thread, with the same result).
 */
public class SoftmaxDecoderLayer extends OutputLayer {
  private transient ParallelSlices slices;

  public SoftmaxDecoderLayer() {}

  /** The decoder {@code builder} describes, its softmax pass run on {@code slices}. */
  public SoftmaxDecoderLayer(OutputLayer.Builder builder, ParallelSlices slices) {
    super(builder);
    this.slices = slices;
  }

  /** The threads of the softmax pass (one when none were configured). */
  ParallelSlices slices() {
    return slices == null ? ParallelSlices.SINGLE : slices;
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet("SoftmaxDecoderLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    return LayerWiring.wire(new Impl(conf, networkDataType, slices()), this, conf, trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftmaxDecoderLayer && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof SoftmaxDecoderLayer;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 7;
  }

  /** The layer at work. */
  public static class Impl extends org.deeplearning4j.nn.layers.OutputLayer {
    /** [batch, V], row-major: the logits, then δ; reused while the batch size stays. */
    private transient INDArray delta;
    private transient INDArray deltaInput;
    private transient INDArray deltaLabels;
    private transient double deltaLoss;
    /** How many training passes were computed (not reused), for tests. */
    transient long computed;
    private final transient ParallelSlices slices;

    public Impl(NeuralNetConfiguration conf, DataType dataType, ParallelSlices slices) {
      super(conf, dataType);
      this.slices = slices;
    }

    /**
     * Fills {@link #delta} for the current input and labels, unless it already holds them, and
     * sets {@link #deltaLoss} = −Σ count · log softmax(z) over the batch.
     */
    private void trainingPass() {
      if (delta != null && deltaInput == input && deltaLabels == labels) {
        return;
      }
      if (dataType != DataType.FLOAT || input.dataType() != DataType.FLOAT || labels.dataType() != DataType.FLOAT) {
        throw new IllegalStateException("SoftmaxDecoderLayer trains FLOAT networks only, got " + dataType
            + " / input " + input.dataType() + " / labels " + labels.dataType());
      }
      INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
      INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
      long rows = input.size(0);
      long v = w.size(1);
      if (labels.rank() != 2 || labels.size(0) != rows || labels.size(1) != v) {
        throw new IllegalStateException("labels must be [" + rows + ", " + v + "], got " + labels.shapeInfoToString());
      }
      if (delta == null || delta.size(0) != rows || delta.size(1) != v) {
        delta = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, v}, 'c');
      }
      INDArray z = delta;
      Nd4j.gemm(input, w, z, false, false, 1.0, 0.0);
      INDArray counts = labels.ordering() == 'c' && labels.elementWiseStride() == 1 ? labels : labels.dup('c');
      float[] bias = SparseDenseLayerImpl.toRowMajor(b.reshape(1, v));
      double[] rowLoss = new double[(int) rows];
      // the views first: their layout probe reads z, which the threads then write
      SparseDenseLayerImpl.View cv = SparseDenseLayerImpl.view(counts);
      SparseDenseLayerImpl.View zv = SparseDenseLayerImpl.view(z);
      if (cv.s1() != 1 || zv.s1() != 1) {
        throw new IllegalStateException("counts and logits must be row-major");
      }
      // the threads take rows of their own; each row is computed as on one thread
      slices.run((int) rows, 8, 1, (from, to) -> softmaxDelta(z, zv, cv, bias, from, to, rowLoss));
      Reference.reachabilityFence(z); // see SparseDenseLayerImpl.View
      Reference.reachabilityFence(counts);
      double loss = 0;
      for (double l : rowLoss) {
        loss += l;
      }
      deltaLoss = loss;
      deltaInput = input;
      deltaLabels = labels;
      computed++;
    }

    /**
     * Rows [from, to) of the logits z (bias not yet added) turned into δ = n · softmax(z) − counts,
     * n = Σ counts, and each row's loss −Σ counts · log softmax(z) into {@code rowLoss}.
     *
     * <p>Two Java passes per row through heap copies (z + b, its largest element, Σ counts · z and Σ
     * counts, then z − max; after ND4J's exp and row sums, z · n / Σ e − counts), where ND4J took one
     * op per statistic and per broadcast: six passes over the [batch, V] buffer and reductions along
     * its rows several times slower. The arithmetic is ND4J's, element by element (float adds,
     * subtractions and products, its exp and row sum), so δ is the same to the last bit.
     */
    private static void softmaxDelta(INDArray z, SparseDenseLayerImpl.View zv, SparseDenseLayerImpl.View cv,
        float[] bias, int from, int to, double[] rowLoss) {
      int cols = bias.length;
      float[] c = new float[cols];
      float[] zr = new float[cols];
      float[] max = new float[to - from];
      double[] countDotZ = new double[to - from];
      double[] total = new double[to - from];
      for (int r = from; r < to; r++) {
        cv.buf().get(cv.at(r, 0), c, 0, cols);
        zv.buf().get(zv.at(r, 0), zr, 0, cols);
        for (int k = 0; k < cols; k++) {
          zr[k] += bias[k];
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < cols; k++) {
          m = Math.max(m, zr[k]);
        }
        double dot = 0;
        double n = 0;
        for (int k = 0; k < cols; k++) {
          if (c[k] != 0f) {
            dot += c[k] * (double) zr[k];
            n += c[k];
          }
        }
        for (int k = 0; k < cols; k++) {
          zr[k] -= m;
        }
        zv.buf().put(zv.at(r, 0), zr, 0, cols);
        max[r - from] = m;
        countDotZ[r - from] = dot;
        total[r - from] = n;
      }
      INDArray block = z.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      Transforms.exp(block, false);
      INDArray sumExp = block.sum(true, 1);
      for (int r = from; r < to; r++) {
        int i = r - from;
        double n = total[i];
        double sum = sumExp.getDouble(i, 0);
        // −Σ_w c_w (z_w − max − log Σ e) = n (max + log Σ e) − Σ_w c_w z_w
        rowLoss[r] = n * (max[i] + Math.log(sum)) - countDotZ[i];
        float scale = (float) (n / sum);
        cv.buf().get(cv.at(r, 0), c, 0, cols);
        zv.buf().get(zv.at(r, 0), zr, 0, cols);
        for (int k = 0; k < cols; k++) {
          zr[k] = zr[k] * scale - c[k];
        }
        zv.buf().put(zv.at(r, 0), zr, 0, cols);
      }
      Reference.reachabilityFence(z); // the caller fences counts
      Reference.reachabilityFence(block);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      trainingPass();
      INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
      Gradient gradient = new DefaultGradient();
      INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(input, delta, weightGrad, true, false, 1.0, 0.0);
      gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGrad, 0);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
      INDArray epsilonNext = Nd4j.gemm(delta, w, false, true);
      return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilonNext));
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
      if (!training || input == null || labels == null) {
        return super.computeScore(fullNetRegTerm, training, workspaceMgr);
      }
      trainingPass();
      double s = deltaLoss + fullNetRegTerm;
      if (conf().isMiniBatch()) {
        s /= getInputMiniBatchSize();
      }
      this.score = s;
      return s;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
      super.setInput(input, workspaceMgr);
      deltaInput = null;
    }

    @Override
    public void setLabels(INDArray labels) {
      super.setLabels(labels);
      deltaLabels = null;
    }

    @Override
    public void clear() {
      super.clear();
      deltaInput = null;
      deltaLabels = null;
    }
  }
}
