package io.semhash.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link OutputLayer} whose pre-output z = xW + b is computed once per training step
 * rather than twice: DL4J's network asks the output layer for z once for the score and once more
 * for the gradient, on the same input and parameters; for the decoder ([B, bits] · [bits, V])
 * that is a gemm, a B×V allocation and a copy from the gemm's 'f' result into a 'c' array. The
 * second request of a step gets a pristine copy of the first's z; a new input (every forward pass
 * sets it), an inference call or {@code clear()} drops it.
 */
public class OnceOutputLayer extends OutputLayer {

  public OnceOutputLayer() {}

  public OnceOutputLayer(OutputLayer.Builder builder) {
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
    LayerValidation.assertNInNOutSet("OnceOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
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
    return o instanceof OnceOutputLayer && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof OnceOutputLayer;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 5;
  }

  /** The layer at work. */
  public static class Impl extends org.deeplearning4j.nn.layers.OutputLayer {
    private transient INDArray keptZ;
    private transient INDArray keptFor;
    /** How many pre-outputs were computed (not reused), for tests. */
    transient long computed;

    public Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
      if (training && keptZ != null && keptFor == input) {
        INDArray z = keptZ;
        keptZ = null;
        keptFor = null;
        return z;
      }
      INDArray z = super.preOutput(training, workspaceMgr);
      computed++;
      keptZ = null;
      keptFor = null;
      if (training && !z.isAttached()) {
        keptZ = z.dup(); // the first consumer may work in place
        keptFor = input;
      }
      return z;
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
