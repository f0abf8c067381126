package io.semhash.training;

import io.semhash.estimator.BinaryEstimator;
import io.semhash.estimator.BinaryEstimators;
import io.semhash.estimator.BinarySample;
import io.semhash.estimator.EstimatorParams;
import io.semhash.model.TrainingOptions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The binary latent layer at work.
 *
 * <p>Training forward: x = estimator sample of Bernoulli(σ(η)). Backward: the estimator's own
 * map from ∂L/∂x to ∂L/∂η (for ZGR: ∂L/∂x ⊙ |x − p|/2), plus the gradients of the two terms that
 * live on the bits, computed in closed form:
 *
 * <ul>
 *   <li>β · KL(Bernoulli(p) ‖ Bernoulli(½)) per bit, whose derivative is β · p(1−p) · η;
 *   <li>the neighbour term, when the trainer pairs the batch: rows i and i + B/2 hold a document and
 *       one of its nearest tf-idf neighbours, and w · ‖p_i − p_{i+B/2}‖² pulls both towards each
 *       other (gradient to both: the pair agrees on its bits, it is not pulled towards a stale or
 *       constant target). Its gradient 2w (p_i − p_j) p_i(1−p_i) fades as a bit grows certain, so
 *       a confident bit that disagrees with the neighbour's is hardly moved; the {@code
 *       cross-entropy} form instead uses each one's probabilities as the other's soft target,
 *       w · Σ BCE(p_j → p_i) + BCE(p_i → p_j) with the targets held fixed, whose gradient w (p_i − p_j)
 *       does not fade; the {@code hard-target} form takes the partner's code 1[p_j &gt; ½] as the
 *       target, gradient w (p_i − 1[p_j &gt; ½]), which also pushes an agreeing pair towards
 *       certainty rather than towards ½.
 * </ul>
 *
 * With a bit-balance weight b, every row also gets 2b (m − ½), m the bit's mean probability over
 * the batch: a bit on for nearly all or nearly none of a batch is pushed back towards half of it
 * (what keeps the hard-target form from giving every document the same code).
 *
 * <p>Inference forward: the deterministic code 1[η &gt; 0].
 */
public final class BinaryLatentLayerImpl extends AbstractLayer<BinaryLatentLayer> {
  private transient BinaryEstimator estimator;
  private transient Random rng;
  private BinarySample lastSample;
  private boolean pairedBatch;
  private double lastKl;
  private double lastNeighbour;

  BinaryLatentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /**
   * Whether the next batches are paired for the neighbour term: the first half holds documents,
   * the second half one neighbour of each, in the same order.
   */
  public void setPairedBatch(boolean paired) {
    this.pairedBatch = paired;
  }

  /** β-free KL summed over the last training batch. */
  public double lastKl() {
    return lastKl;
  }

  /** Unweighted ‖p_i − t_i‖² summed over the last training batch. */
  public double lastNeighbour() {
    return lastNeighbour;
  }

  /** The estimator this layer runs, as the estimator package gives it. */
  public BinaryEstimator estimator() {
    if (estimator == null) {
      BinaryLatentLayer c = layerConf();
      estimator = BinaryEstimators.byName(c.getEstimator(), new EstimatorParams(c.getTau(), c.getSamples()));
    }
    return estimator;
  }

  /** The last training sample (for tests that check the backward against the estimator). */
  public BinarySample lastSample() {
    return lastSample;
  }

  private Random rng() {
    if (rng == null) {
      rng = Nd4j.getRandomFactory().getNewRandomInstance(layerConf().getSeed());
    }
    return rng;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (!training) {
      INDArray bits = input.gt(0.0).castTo(input.dataType());
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, bits);
    }
    lastSample = estimator().sample(input.dup(), rng());
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, lastSample.x().dup());
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    BinarySample s = lastSample;
    INDArray grad = estimator().backward(s, epsilon).dup();
    INDArray p = s.p();
    INDArray pq = p.mul(p.rsub(1.0)); // p(1-p)
    double beta = layerConf().getBeta();
    if (beta != 0) {
      grad.addi(pq.mul(s.logits()).muli(beta));
    }
    lastKl = klToUniform(p);
    double w = layerConf().getNeighbourWeight();
    lastNeighbour = 0;
    if (pairedBatch && w != 0) {
      long half = p.rows() / 2;
      if (p.rows() != 2 * half) {
        throw new IllegalStateException("a paired batch needs an even number of rows, got " + p.rows());
      }
      INDArray d = p.get(NDArrayIndex.interval(0, half), NDArrayIndex.all())
          .sub(p.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all()));
      lastNeighbour = d.mul(d).sumNumber().doubleValue();
      INDArray dp;
      switch (layerConf().getNeighbourLoss()) {
        case TrainingOptions.CROSS_ENTROPY -> dp = Nd4j.concat(0, d, d.neg()).muli(w);
        case TrainingOptions.HARD_TARGET -> {
          // each row against its partner's code 1[p > ½], held fixed
          INDArray codes = p.gt(0.5).castTo(p.dataType());
          INDArray partnerCodes = Nd4j.concat(0, codes.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all()),
              codes.get(NDArrayIndex.interval(0, half), NDArrayIndex.all()));
          dp = p.sub(partnerCodes).muli(w);
        }
        default -> dp = Nd4j.concat(0, d, d.neg()).muli(pq).muli(2 * w);
      }
      grad.addi(dp);
    }
    double balance = layerConf().getBitBalance();
    if (balance != 0) {
      // each bit's mean over the batch pulled towards ½, on the logits (no p(1−p) factor)
      grad.addiRowVector(p.mean(0).subi(0.5).muli(2 * balance));
    }
    return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, grad));
  }

  /** Σ KL(Bernoulli(p) ‖ Bernoulli(½)) = Σ [p log p + (1−p) log(1−p) + log 2], clamped for p ∈ {0, 1}. */
  static double klToUniform(INDArray p) {
    INDArray pc = Transforms.max(Transforms.min(p, 1 - 1e-7, true), 1e-7, false);
    INDArray q = pc.rsub(1.0);
    INDArray kl = pc.mul(Transforms.log(pc, true)).addi(q.mul(Transforms.log(q, true))).addi(Math.log(2));
    return kl.sumNumber().doubleValue();
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
