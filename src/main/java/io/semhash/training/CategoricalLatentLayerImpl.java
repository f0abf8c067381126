package io.semhash.training;

import io.semhash.estimator.CategoricalEstimator;
import io.semhash.estimator.CategoricalEstimators;
import io.semhash.estimator.CategoricalSample;
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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The categorical latent layer at work, on {@code [batch, m·C]} arrays (group g at columns
 * g·C .. g·C + C − 1), viewed as {@code [batch, m, C]} for the estimator.
 *
 * <p>Training forward: one class per group drawn from softmax(η_g) by the estimator, the output
 * the concatenated one-hot vectors. Backward: the estimator's own map from ∂L/∂x to ∂L/∂η (for
 * categorical ZGR: ½ [p_j (g_j − g_x) + 1[j = x](g_x − ⟨p, g⟩)] per group), plus the gradients of
 * the two terms that live on the classes, in closed form, with J(p)v = p ⊙ (v − ⟨p, v⟩) the
 * softmax Jacobian of a group:
 *
 * <ul>
 *   <li>β · KL(Categorical(p) ‖ uniform) per group = β Σ_c p_c log(C p_c), derivative β · J(p) log p;
 *   <li>the neighbour term on a paired batch (rows i and i + B/2 a document and one of its
 *       nearest tf-idf neighbours): {@code squared} w/2 · Σ_g ‖p_ig − p_jg‖², derivative w · J(p_i)
 *       (p_i − p_j) to both members; {@code cross-entropy} w · Σ_g CE(p_jg → p_ig) both ways with the
 *       targets held fixed, derivative w (p_i − p_j).
 * </ul>
 *
 * With two classes every term equals the binary layer's on η = η₁ − η₀ (its derivative to η₁, the
 * negative to η₀): the binary model is this one's special case, reparameterised. Inference forward:
 * the one-hot arg-max class of each group, the lowest on a tie.
 */
public final class CategoricalLatentLayerImpl extends LatentLayer<CategoricalLatentLayer> {
  private transient CategoricalEstimator estimator;
  private CategoricalSample lastSample;

  CategoricalLatentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** The estimator this layer runs, as the estimator package gives it. */
  public CategoricalEstimator estimator() {
    if (estimator == null) {
      CategoricalLatentLayer c = layerConf();
      estimator = CategoricalEstimators.byName(c.getEstimator(), new EstimatorParams(c.getTau(), c.getSamples()));
    }
    return estimator;
  }

  /** The last training sample, {@code [batch, m, C]} (for tests that check the backward against the estimator). */
  public CategoricalSample lastSample() {
    return lastSample;
  }

  /** Sets the input and the sample the next backward pass maps, {@code x} the one-hot classes (for tests). */
  void forwardGiven(INDArray logits, INDArray x) {
    setInput(logits, LayerWorkspaceMgr.noWorkspaces());
    lastSample = estimator().sampleGiven(grouped(logits.dup()), grouped(x), rng());
  }

  private INDArray grouped(INDArray a) {
    CategoricalLatentLayer c = layerConf();
    if (a.columns() != (long) c.getGroups() * c.getClasses()) {
      throw new IllegalArgumentException("the categorical layer takes " + c.getGroups() + " x " + c.getClasses()
          + " logits per row, got " + a.columns());
    }
    return a.reshape('c', a.rows(), c.getGroups(), c.getClasses());
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (!training) {
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, argMaxOneHot(input, layerConf().getClasses()));
    }
    lastSample = estimator().sample(grouped(input.dup()), rng());
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, lastSample.x().reshape('c', input.shape()).dup());
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    CategoricalSample s = lastSample;
    long rows = s.logits().size(0);
    long width = s.logits().size(1) * s.logits().size(2);
    int classes = (int) s.logits().size(2);
    INDArray grad = estimator().backward(s, grouped(epsilon)).reshape('c', rows, width).dup();
    // per group: [rows·m, C]
    INDArray p = s.p().reshape('c', -1, classes);
    INDArray logP = logSoftmax(s.logits().reshape('c', -1, classes));
    double beta = layerConf().getBeta();
    if (beta != 0) {
      grad.addi(softmaxJvp(p, logP).muli(beta).reshape('c', rows, width));
    }
    lastKl = p.mul(logP).sumNumber().doubleValue() + p.rows() * Math.log(classes);
    lastNeighbour = 0;
    if (neighbourTermOn()) {
      double w = layerConf().getNeighbourWeight();
      INDArray dp = pairDifferences(p.reshape('c', rows, width)); // [rows, m·C]
      lastNeighbour = dp.mul(dp).sumNumber().doubleValue() / 4; // each pair counted twice, the term halved
      INDArray term = layerConf().isNeighbourCrossEntropy()
          ? dp
          : softmaxJvp(p, dp.reshape('c', -1, classes)).reshape('c', rows, width);
      grad.addi(term.muli(w));
    }
    return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, grad));
  }

  /** log softmax per row of {@code [rows, C]}, stable for large logits. */
  static INDArray logSoftmax(INDArray eta) {
    INDArray shifted = eta.subColumnVector(eta.max(true, 1));
    INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
    return shifted.subiColumnVector(logSum);
  }

  /** J(p)v = p ⊙ (v − ⟨p, v⟩) per row of {@code [rows, C]}: the softmax Jacobian-vector product. */
  static INDArray softmaxJvp(INDArray p, INDArray v) {
    INDArray pv = p.mul(v);
    return pv.subi(p.mulColumnVector(pv.sum(true, 1)));
  }

  /** The one-hot arg-max class of each group of {@code [rows, m·C]} logits (lowest class on a tie). */
  static INDArray argMaxOneHot(INDArray eta, int classes) {
    float[] v = eta.dup('c').data().asFloat();
    float[] out = new float[v.length];
    for (int from = 0; from < v.length; from += classes) {
      int best = from;
      for (int k = from + 1; k < from + classes; k++) {
        if (v[k] > v[best]) {
          best = k;
        }
      }
      out[best] = 1f;
    }
    return Nd4j.create(out, eta.shape(), 'c').castTo(eta.dataType());
  }
}
