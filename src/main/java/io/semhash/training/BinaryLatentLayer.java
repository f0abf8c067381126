package io.semhash.training;

import io.semhash.model.TrainingOptions;
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

  /**
   * @param neighbourLoss the form of the neighbour term, one of {@link TrainingOptions}'s names
   *     (see {@link BinaryLatentLayerImpl})
   * @param bitBalance weight of the term pulling each bit's batch mean towards ½ (0 = off)
   */
  public static BinaryLatentLayer of(
      String estimator, double tau, int samples, double beta, double neighbourWeight, String neighbourLoss,
      double bitBalance, long seed) {
    BinaryLatentLayer l = of(estimator, tau, samples, beta, neighbourWeight,
        TrainingOptions.CROSS_ENTROPY.equals(neighbourLoss), seed);
    l.neighbourHardTarget = TrainingOptions.HARD_TARGET.equals(neighbourLoss);
    l.bitBalance = bitBalance;
    return l;
  }

  /** @param bitDecorrelation weight of the term pushing the batch covariance of every two bits towards 0 (0 = off) */
  public static BinaryLatentLayer of(
      String estimator, double tau, int samples, double beta, double neighbourWeight, String neighbourLoss,
      double bitBalance, double bitDecorrelation, long seed) {
    BinaryLatentLayer l = of(estimator, tau, samples, beta, neighbourWeight, neighbourLoss, bitBalance, seed);
    l.bitDecorrelation = bitDecorrelation;
    return l;
  }

  private boolean neighbourHardTarget;
  private double bitBalance;
  private double bitDecorrelation;

  /** The neighbour term's hard-target form: each row against its partner's code (binary codes only). */
  public boolean isNeighbourHardTarget() {
    return neighbourHardTarget;
  }

  public void setNeighbourHardTarget(boolean neighbourHardTarget) {
    this.neighbourHardTarget = neighbourHardTarget;
  }

  public double getBitBalance() {
    return bitBalance;
  }

  public void setBitBalance(double bitBalance) {
    this.bitBalance = bitBalance;
  }

  public double getBitDecorrelation() {
    return bitDecorrelation;
  }

  public void setBitDecorrelation(double bitDecorrelation) {
    this.bitDecorrelation = bitDecorrelation;
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
