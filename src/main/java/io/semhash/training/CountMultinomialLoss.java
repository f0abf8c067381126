package io.semhash.training;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder's reconstruction loss: −Σ_w count_w · log softmax(z)_w per document, with the word
 * counts as labels. DL4J's MCXENT assumes labels that sum to one (its softmax gradient is
 * {@code p − y}); with counts the gradient is {@code p · Σ_w count_w − count}, which is what this
 * class computes. The activation must be identity: the softmax is part of the loss.
 */
public final class CountMultinomialLoss implements ILossFunction {
  private static final long serialVersionUID = 1L;

  /** −log p(w | x) weighted by counts, one value per document: {@code [batch, 1]}. */
  @Override
  public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray logp = logSoftmax(preOutput);
    return logp.muli(labels).sum(true, 1).negi();
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
    double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
    return average ? sum / preOutput.size(0) : sum;
  }

  @Override
  public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray p = Transforms.softmax(preOutput, true);
    INDArray total = labels.sum(true, 1);
    return p.muliColumnVector(total).subi(labels);
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
    return new Pair<>(
        computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  static INDArray logSoftmax(INDArray z) {
    INDArray max = z.max(true, 1);
    INDArray shifted = z.subColumnVector(max);
    INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
    return shifted.subiColumnVector(lse);
  }

  @Override
  public String name() {
    return "CountMultinomial";
  }

  @Override
  public String toString() {
    return "CountMultinomialLoss()";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountMultinomialLoss;
  }

  @Override
  public int hashCode() {
    return 17;
  }

}
