package io.semhash.training;

import io.semhash.estimator.BinaryEstimator;
import io.semhash.estimator.BinaryEstimators;
import io.semhash.estimator.BinarySample;
import io.semhash.estimator.EstimatorParams;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * the batch: a bit on for nearly all or nearly none of a batch is pushed back towards half of it.
 * With a bit-decorrelation weight d, every row r also gets 2d Σ_{l≠k} C_kl (p_rl − m_l) on bit k,
 * C the covariance over the batch of the bits' probabilities: the gradient of d · B/2 · Σ_{k≠l}
 * C_kl² with respect to the probabilities, applied to the logits without the factor p(1−p) (as
 * the balance term is), so that two bits that are both certain and repeat each other are still
 * pushed apart. Bits that repeat each other add nothing to a Hamming distance but weight.
 *
 * Inference forward: the deterministic code 1[η &gt; 0].
 */
public final class BinaryLatentLayerImpl extends LatentLayer<BinaryLatentLayer> {
  private transient BinaryEstimator estimator;
  private BinarySample lastSample;

  BinaryLatentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
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

  /** Sets the input and the sample the next backward pass maps, with {@code x} as the bits (for tests). */
  void forwardGiven(INDArray logits, INDArray x) {
    setInput(logits, LayerWorkspaceMgr.noWorkspaces());
    lastSample = estimator().sampleGiven(logits.dup(), x, rng());
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
    if (neighbourTermOn()) {
      INDArray dp = pairDifferences(p);
      lastNeighbour = dp.mul(dp).sumNumber().doubleValue() / 2;
      if (layerConf().isNeighbourHardTarget()) {
        // each row against its partner's code 1[p > ½], held fixed
        INDArray codes = p.gt(0.5).castTo(p.dataType());
        long half = p.rows() / 2;
        INDArray partnerCodes = Nd4j.concat(0, codes.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all()),
            codes.get(NDArrayIndex.interval(0, half), NDArrayIndex.all()));
        dp = p.sub(partnerCodes).muli(w);
      } else if (layerConf().isNeighbourCrossEntropy()) {
        dp.muli(w);
      } else {
        dp.muli(pq).muli(2 * w);
      }
      grad.addi(dp);
    }
    double balance = layerConf().getBitBalance();
    if (balance != 0) {
      // each bit's mean over the batch pulled towards ½, on the logits (no p(1−p) factor)
      grad.addiRowVector(p.mean(0).subi(0.5).muli(2 * balance));
    }
    double decorrelation = layerConf().getBitDecorrelation();
    if (decorrelation != 0) {
      grad.addi(decorrelationGradient(p, decorrelation));
    }
    return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, grad));
  }

  /**
   * 2d (P − m) C₀ for probabilities P [B, n] with column means m, C₀ their batch covariance
   * (P − m)ᵀ(P − m) / B with its diagonal set to 0.
   */
  static INDArray decorrelationGradient(INDArray p, double d) {
    INDArray centred = p.subRowVector(p.mean(0));
    INDArray cov = centred.transpose().mmul(centred).divi(p.rows());
    cov.subi(Nd4j.diag(Nd4j.diag(cov)));
    return centred.mmul(cov).muli(2 * d);
  }

  /** Σ KL(Bernoulli(p) ‖ Bernoulli(½)) = Σ [p log p + (1−p) log(1−p) + log 2], clamped for p ∈ {0, 1}. */
  static double klToUniform(INDArray p) {
    INDArray pc = Transforms.max(Transforms.min(p, 1 - 1e-7, true), 1e-7, false);
    INDArray q = pc.rsub(1.0);
    INDArray kl = pc.mul(Transforms.log(pc, true)).addi(q.mul(Transforms.log(q, true))).addi(Math.log(2));
    return kl.sumNumber().doubleValue();
  }
}
