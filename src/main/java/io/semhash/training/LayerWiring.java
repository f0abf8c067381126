package io.semhash.training;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every custom layer configuration's {@code instantiate} does after creating its layer, as
 * DL4J's own layers do it: listeners, index, the parameter view and the parameters the
 * configuration's initializer lays out in it, and the configuration.
 */
final class LayerWiring {
  private LayerWiring() {}

  static <L extends Layer> L wire(
      L layer,
      org.deeplearning4j.nn.conf.layers.Layer configuration,
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray paramsView,
      boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(configuration.initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
