package io.semhash.training;

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
 * What the binary and the categorical latent layer's configurations share: the gradient
 * estimator and its parameters, the weights of the loss terms that live on the latent (β · KL to
 * the uniform prior, the neighbour term and its form) and the sampling seed. No parameters; the
 * output has the input's shape (logits in, a sample of the same width out).
 *
 * <p>A plain bean (no-argument constructor, getters, setters) because DL4J stores layer
 * configurations as JSON.
 */
public abstract class LatentLayerConfiguration extends NoParamLayer {
  private String estimator = "zgr";
  private double tau = 0.5;
  private int samples = 10;
  private double beta = 1.0;
  private double neighbourWeight = 0.0;
  private boolean neighbourCrossEntropy;
  private long seed = 42;

  /** Sets every shared option at once (the factories of the subclasses use it). */
  void set(String estimator, double tau, int samples, double beta, double neighbourWeight,
      boolean neighbourCrossEntropy, long seed) {
    this.estimator = estimator;
    this.tau = tau;
    this.samples = samples;
    this.beta = beta;
    this.neighbourWeight = neighbourWeight;
    this.neighbourCrossEntropy = neighbourCrossEntropy;
    this.seed = seed;
  }

  /** The working layer of this configuration. */
  abstract LatentLayer<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType);

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    return LayerWiring.wire(newLayer(conf, networkDataType), this, conf, listeners, layerIndex, layerParamsView,
        initializeParams);
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
    return new LayerMemoryReport.Builder(layerName, getClass(), inputType, inputType)
        .standardMemory(0, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public LatentLayerConfiguration clone() {
    return (LatentLayerConfiguration) super.clone();
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

  public boolean isNeighbourCrossEntropy() {
    return neighbourCrossEntropy;
  }

  public void setNeighbourCrossEntropy(boolean neighbourCrossEntropy) {
    this.neighbourCrossEntropy = neighbourCrossEntropy;
  }

  public long getSeed() {
    return seed;
  }

  public void setSeed(long seed) {
    this.seed = seed;
  }
}
