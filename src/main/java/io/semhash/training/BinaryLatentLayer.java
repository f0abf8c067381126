package io.semhash.training;

import io.semhash.model.TrainingOptions;
import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the binary latent layer: its input is the logits η of the bits, its output
 * the bits themselves, drawn through a gradient estimator of {@code io.semhash.estimator}
 * (ZGR by default). The layer also owns the terms of the loss that live on the bits: β · KL to
 * Bernoulli(½) and the neighbour term (see {@link BinaryLatentLayerImpl}).
 *
 * <p>A plain bean (no-argument constructor, getters, setters) because DL4J stores layer
 * configurations as JSON.
 */
public final class BinaryLatentLayer extends NoParamLayer {
  private String estimator = "zgr";
  private double tau = 0.5;
  private int samples = 10;
  private double beta = 1.0;
  private double neighbourWeight = 0.0;
  private String neighbourLoss = TrainingOptions.SQUARED;
  private double bitBalance;
  private long seed = 42;

  public BinaryLatentLayer() {}

  /** A layer for estimator {@code estimator} (see {@code BinaryEstimators.NAMES}). */
  public static BinaryLatentLayer of(String estimator, double tau, int samples, double beta, double neighbourWeight, long seed) {
    return of(estimator, tau, samples, beta, neighbourWeight, TrainingOptions.SQUARED, seed);
  }

  /**
   * @param neighbourLoss the form of the neighbour term, one of {@link TrainingOptions}'s names
   *     (see {@link BinaryLatentLayerImpl})
   */
  public static BinaryLatentLayer of(
      String estimator, double tau, int samples, double beta, double neighbourWeight, String neighbourLoss,
      long seed) {
    BinaryLatentLayer l = new BinaryLatentLayer();
    l.estimator = estimator;
    l.tau = tau;
    l.samples = samples;
    l.beta = beta;
    l.neighbourWeight = neighbourWeight;
    l.neighbourLoss = neighbourLoss;
    l.seed = seed;
    l.setLayerName("bits");
    return l;
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    return LayerWiring.wire(new BinaryLatentLayerImpl(conf, networkDataType), this, conf, listeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(layerName, BinaryLatentLayer.class, inputType, inputType)
        .standardMemory(0, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public BinaryLatentLayer clone() {
    return (BinaryLatentLayer) super.clone();
  }

  public String getEstimator() {
    return estimator;
  }

  public void setEstimator(String estimator) {
    this.estimator = estimator;
  }

  public double getTau() {
    return tau;
  }

  public void setTau(double tau) {
    this.tau = tau;
  }

  public int getSamples() {
    return samples;
  }

  public void setSamples(int samples) {
    this.samples = samples;
  }

  public double getBeta() {
    return beta;
  }

  public void setBeta(double beta) {
    this.beta = beta;
  }

  public double getNeighbourWeight() {
    return neighbourWeight;
  }

  public void setNeighbourWeight(double neighbourWeight) {
    this.neighbourWeight = neighbourWeight;
  }

  public double getBitBalance() {
    return bitBalance;
  }

  public void setBitBalance(double bitBalance) {
    this.bitBalance = bitBalance;
  }

  public String getNeighbourLoss() {
    return neighbourLoss;
  }

  public void setNeighbourLoss(String neighbourLoss) {
    this.neighbourLoss = neighbourLoss;
  }

  public long getSeed() {
    return seed;
  }

  public void setSeed(long seed) {
    this.seed = seed;
  }
}
