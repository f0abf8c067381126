package io.semhash.training;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link DenseLayer} for a sparse input (tf-idf rows with ~1% non-zeros): same parameters "W"
 * [nIn, nOut] and "b" [1, nOut], same initialisation and updater, but forward and backward only
 * touch the rows of W of the terms present in the batch (see {@link SparseDenseLayerImpl}), and W
 * is kept row by row ({@link RowMajorWeightInitializer}). Meant
 * as the first layer of a network: it returns no gradient for its input.
 *
 * <p>Everything but {@link #instantiate} and {@link #initializer} is inherited, so DL4J's JSON
 * configuration (which records the class name) and its clone keep the layer what it is. The
 * threads of its weight gradient ride along (a clone shares them, JSON drops them: a layer read
 * back runs that loop on the calling thread, with the same result).
 */
public class SparseDenseLayer extends DenseLayer {
  private transient ParallelSlices slices;

  public SparseDenseLayer() {}

  /**
   * A layer nIn → nOut with the given activation, its weight gradient computed on {@code slices};
   * the rest comes from the network's defaults.
   */
  public static SparseDenseLayer of(long nIn, long nOut, Activation activation, ParallelSlices slices) {
    SparseDenseLayer l = new SparseDenseLayer();
    l.setNIn(nIn);
    l.setNOut(nOut);
    l.setActivationFn(activation.getActivationFunction());
    l.slices = slices;
    return l;
  }

  /** The threads of the weight gradient (one when none were configured). */
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
    LayerValidation.assertNInNOutSet("SparseDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    if (hasLayerNorm()) {
      throw new IllegalStateException("SparseDenseLayer does not support layer normalisation");
    }
    if (getWeightNoise() != null) {
      throw new IllegalStateException("SparseDenseLayer does not support weight noise");
    }
    return LayerWiring.wire(new SparseDenseLayerImpl(conf, networkDataType, slices()), this, conf, trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  /** W row by row: see {@link RowMajorWeightInitializer}. */
  @Override
  public org.deeplearning4j.nn.api.ParamInitializer initializer() {
    return RowMajorWeightInitializer.INSTANCE;
  }

  @Override
  public SparseDenseLayer clone() {
    return (SparseDenseLayer) super.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseDenseLayer && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof SparseDenseLayer;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 7;
  }
}
