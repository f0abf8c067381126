package io.semhash.training;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link DenseLayer} whose backward pass reuses the pre-activation z = xW + b of the
 * training forward pass instead of computing it again: DL4J's dense layer multiplies its input by
 * W twice per step (once forward, once more in backprop), each time into a fresh array. For the
 * encoder's 500 × 500 layer that second product was ~3% of a step. A new input (every forward pass
 * sets one), an inference pass or {@code clear()} drops the kept z; the numbers are DL4J's.
 */
public class SingleForwardDenseLayer extends DenseLayer {

  public SingleForwardDenseLayer() {}

  /** A layer nIn → nOut with the given activation; the rest comes from the network's defaults. */
  public static SingleForwardDenseLayer of(long nIn, long nOut, Activation activation) {
    SingleForwardDenseLayer l = new SingleForwardDenseLayer();
    l.setNIn(nIn);
    l.setNOut(nOut);
    l.setActivationFn(activation.getActivationFunction());
    return l;
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet("SingleForwardDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    if (hasLayerNorm() || getWeightNoise() != null || getIDropout() != null) {
      throw new IllegalStateException("SingleForwardDenseLayer supports neither layer normalisation, weight noise nor dropout");
    }
    return LayerWiring.wire(new Impl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public SingleForwardDenseLayer clone() {
    return (SingleForwardDenseLayer) super.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SingleForwardDenseLayer && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof SingleForwardDenseLayer;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 11;
  }

  /** The layer at work. */
  public static class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
    private transient INDArray keptZ;
    private transient INDArray keptFor;
    /** How many pre-activations were computed (not reused), for tests. */
    transient long computed;

    public Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
      if (forBackprop && keptZ != null && keptFor == input) {
        INDArray z = keptZ; // the activation's backprop may work in place: hand it over, keep nothing
        keptZ = null;
        keptFor = null;
        return new Pair<>(z, z);
      }
      Pair<INDArray, INDArray> zz = super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
      computed++;
      keptZ = null;
      keptFor = null;
      if (training && !forBackprop && !zz.getFirst().isAttached()) {
        keptZ = zz.getFirst().dup(); // the forward activation works in place on z
        keptFor = input;
      }
      return zz;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
      super.setInput(input, workspaceMgr);
      keptZ = null;
      keptFor = null;
    }

    @Override
    public void clear() {
      super.clear();
      keptZ = null;
      keptFor = null;
    }
  }
}
