package io.semhash.training;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of the categorical latent layer: its input is the logits of {@code groups}
 * groups of {@code classes} classes ({@code [batch, groups·classes]}, group g's logits at columns
 * g·C .. g·C + C − 1), its output one one-hot class per group in the same layout, drawn through a
 * categorical gradient estimator of {@code io.semhash.estimator} (categorical ZGR by default). The
 * layer owns the loss terms that live on the classes: β · KL to the uniform categorical and the
 * neighbour term on the class probabilities (see {@link CategoricalLatentLayerImpl}).
 */
public final class CategoricalLatentLayer extends LatentLayerConfiguration {
  private int groups = 16;
  private int classes = 16;

  public CategoricalLatentLayer() {}

  /**
   * A layer of {@code groups} × {@code classes} for categorical estimator {@code estimator} (see
   * {@code CategoricalEstimators.NAMES}).
   *
   * @param neighbourCrossEntropy the neighbour term's cross-entropy form rather than the squared
   *     difference of the class probabilities
   */
  public static CategoricalLatentLayer of(
      int groups, int classes, String estimator, double tau, int samples, double beta, double neighbourWeight,
      boolean neighbourCrossEntropy, long seed) {
    CategoricalLatentLayer l = new CategoricalLatentLayer();
    l.set(estimator, tau, samples, beta, neighbourWeight, neighbourCrossEntropy, seed);
    l.groups = groups;
    l.classes = classes;
    l.setLayerName("classes");
    return l;
  }

  @Override
  LatentLayer<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
    return new CategoricalLatentLayerImpl(conf, networkDataType);
  }

  @Override
  public CategoricalLatentLayer clone() {
    return (CategoricalLatentLayer) super.clone();
  }

  public int getGroups() {
    return groups;
  }

  public void setGroups(int groups) {
    this.groups = groups;
  }

  public int getClasses() {
    return classes;
  }

  public void setClasses(int classes) {
    this.classes = classes;
  }
}
