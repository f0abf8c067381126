package io.semhash.model;

import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.Map;
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
 */
public class SoftmaxDecoderLayer extends OutputLayer {

  public SoftmaxDecoderLayer() {}

  public SoftmaxDecoderLayer(OutputLayer.Builder builder) {
    super(builder);
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
    Impl ret = new Impl(conf, networkDataType);
    ret.setListeners(trainingListeners);
    ret.setIndex(layerIndex);
    ret.setParamsViewArray(layerParamsView);
    Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
    ret.setParamTable(paramTable);
    ret.setConf(conf);
    return ret;
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

    public Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
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
      z.addiRowVector(b);
      double[] countDotZ = rowDots(labels, z);
      INDArray max = z.max(true, 1);
      z.subiColumnVector(max);
      Transforms.exp(z, false);
      INDArray sumExp = z.sum(true, 1);
      INDArray total = labels.sum(true, 1);
      double loss = 0;
      for (int r = 0; r < rows; r++) {
        double n = total.getDouble(r, 0);
        // −Σ_w c_w (z_w − max − log Σ e) = n (max + log Σ e) − Σ_w c_w z_w
        loss += n * (max.getDouble(r, 0) + Math.log(sumExp.getDouble(r, 0))) - countDotZ[r];
      }
      z.muliColumnVector(total.divi(sumExp)).subi(labels); // n · softmax − counts
      deltaLoss = loss;
      deltaInput = input;
      deltaLabels = labels;
      computed++;
    }

    /** Σ_c a[r, c] · z[r, c] per row, reading z only where a is non-zero (counts are sparse). */
    private static double[] rowDots(INDArray a, INDArray z) {
      SparseDenseLayerImpl.View av = SparseDenseLayerImpl.view(a);
      SparseDenseLayerImpl.View zv = SparseDenseLayerImpl.view(z);
      int rows = (int) a.size(0);
      int cols = (int) a.size(1);
      double[] out = new double[rows];
      FloatBuffer ab = av.buf();
      FloatBuffer zb = zv.buf();
      float[] row = av.s1() == 1 ? new float[cols] : null;
      for (int r = 0; r < rows; r++) {
        if (row != null) {
          ab.get(av.at(r, 0), row, 0, cols);
        }
        double s = 0;
        for (int c = 0; c < cols; c++) {
          float count = row != null ? row[c] : ab.get(av.at(r, c));
          if (count != 0f) {
            s += count * (double) zb.get(zv.at(r, c));
          }
        }
        out[r] = s;
      }
      return out;
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
