package io.semhash.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the binary and the categorical latent layer share at work: the paired-batch switch of the
 * neighbour term, the figures of the last batch the trainer reports, the sampling stream, and
 * DL4J's parameter-free layer plumbing.
 *
 * @param <C> the layer's configuration
 */
public abstract class LatentLayer<C extends LatentLayerConfiguration> extends AbstractLayer<C> {
  private transient Random rng;
  private boolean pairedBatch;
  /** β-free KL of the last training batch, set by the backward pass. */
  double lastKl;
  /** Unweighted neighbour term of the last training batch, set by the backward pass. */
  double lastNeighbour;

  LatentLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /**
   * Whether the next batches are paired for the neighbour term: the first half holds documents,
   * the second half one neighbour of each, in the same order.
   */
  public void setPairedBatch(boolean paired) {
    this.pairedBatch = paired;
  }

  /** Whether the neighbour term applies to the next backward pass. */
  boolean neighbourTermOn() {
    return pairedBatch && layerConf().getNeighbourWeight() != 0;
  }

  /** β-free KL summed over the last training batch. */
  public double lastKl() {
    return lastKl;
  }

  /** The unweighted neighbour term summed over the last training batch. */
  public double lastNeighbour() {
    return lastNeighbour;
  }

  /** The seeded stream the samples are drawn from. */
  Random rng() {
    if (rng == null) {
      rng = Nd4j.getRandomFactory().getNewRandomInstance(layerConf().getSeed());
    }
    return rng;
  }

  /**
   * For the rows {@code [B, n]} of a paired batch, each document's values minus its partner's
   * (first half) and the partner's minus the document's (second half): p_i − p_j for every row.
   */
  static INDArray pairDifferences(INDArray p) {
    long half = p.rows() / 2;
    if (p.rows() != 2 * half) {
      throw new IllegalStateException("a paired batch needs an even number of rows, got " + p.rows());
    }
    INDArray d = p.get(NDArrayIndex.interval(0, half), NDArrayIndex.all())
        .sub(p.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all()));
    return Nd4j.concat(0, d, d.neg());
  }

  @Override
  public double calcRegularizationScore(boolean backpropOnlyParams) {
    return 0;
  }

  @Override
  public Layer.Type type() {
    return Layer.Type.FEED_FORWARD;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {}

  @Override
  public INDArray params() {
    return null;
  }
}
