package io.semhash.study;

import io.semhash.estimator.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reconstruction loss of a tiny decoder for one document: f(x) = −Σ_w count_w · log
 * softmax(W x + c)_w, the term the semhash VAE trains its codes with. Its gradient is
 * Wᵀ(N·softmax(Wx + c) − counts) with N the document length; it is not a polynomial in x, so no
 * estimator but REINFORCE is unbiased on it.
 *
 * @param weights W, {@code [vocab, bits]}
 * @param bias c, {@code [vocab]}
 * @param counts the document's dense term counts, {@code [vocab]}
 */
public record DecoderObjective(INDArray weights, INDArray bias, INDArray counts)
    implements Objective {

  @Override
  public INDArray values(INDArray x) {
    INDArray logits = logits(x);
    INDArray logSoftmax = logits.subColumnVector(logSumExp(logits));
    INDArray c = counts.castTo(x.dataType()).reshape(counts.length(), 1);
    return logSoftmax.mmul(c).negi().reshape(x.size(0));
  }

  @Override
  public INDArray gradients(INDArray x) {
    INDArray logits = logits(x);
    INDArray softmax = Transforms.softmax(logits, false);
    double total = counts.sumNumber().doubleValue();
    INDArray residual = softmax.muli(total).subiRowVector(counts.castTo(x.dataType()));
    return residual.mmul(weights.castTo(x.dataType()));
  }

  private INDArray logits(INDArray x) {
    return x.mmul(weights.castTo(x.dataType()).transpose())
        .addiRowVector(bias.castTo(x.dataType()));
  }

  private static INDArray logSumExp(INDArray logits) {
    INDArray max = logits.max(true, 1);
    INDArray sum = Transforms.exp(logits.subColumnVector(max), false).sum(true, 1);
    return Transforms.log(sum, false).addi(max);
  }

  /** A dense count vector of length {@code vocab} from sparse ids and counts. */
  static INDArray dense(int[] ids, float[] counts, int vocab) {
    double[] out = new double[vocab];
    for (int i = 0; i < ids.length; i++) {
      out[ids[i]] += counts[i];
    }
    return Nd4j.createFromArray(out);
  }
}
