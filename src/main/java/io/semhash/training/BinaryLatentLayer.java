package io.semhash.training;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of the binary latent layer: its input is the logits η of the bits, its output
 * the bits themselves, drawn through a gradient estimator of {@code io.semhash.estimator}
 * (ZGR by default). The layer also owns the terms of the loss that live on the bits: β · KL to
 * Bernoulli(½) and the neighbour term (see {@link BinaryLatentLayerImpl}).
 */
public final class BinaryLatentLayer extends LatentLayerConfiguration {

  public BinaryLatentLayer() {}

  /** A layer for estimator {@code estimator} (see {@code BinaryEstimators.NAMES}). */
  public static BinaryLatentLayer of(String estimator, double tau, int samples, double beta, double neighbourWeight, long seed) {
    return of(estimator, tau, samples, beta, neighbourWeight, false, seed);
  }

  /**
   * @param neighbourCrossEntropy the neighbour term's cross-entropy form rather than the squared
   *     difference of probabilities (see {@link BinaryLatentLayerImpl})
   */
  public static BinaryLatentLayer of(
      String estimator, double tau, int samples, double beta, double neighbourWeight, boolean neighbourCrossEntropy,
      long seed) {
    BinaryLatentLayer l = new BinaryLatentLayer();
    l.set(estimator, tau, samples, beta, neighbourWeight, neighbourCrossEntropy, seed);
    l.setLayerName("bits");
    return l;
  }

  @Override
  LatentLayer<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
    return new BinaryLatentLayerImpl(conf, networkDataType);
  }

  @Override
  public BinaryLatentLayer clone() {
    return (BinaryLatentLayer) super.clone();
  }
}
