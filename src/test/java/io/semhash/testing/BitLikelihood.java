package io.semhash.testing;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeSpec;

/**
 * The reference for the asymmetric distance's tests: a code's negative log-likelihood under a
 * query's independent bits, or independent groups of classes, summed from the probabilities
 * themselves (σ(l_k), or each group's softmax), not from the logit differences the product uses.
 */
public final class BitLikelihood {
  private BitLikelihood() {}

  /** −log P(code), P(bit k = 1) = σ(l_k). */
  public static double negativeLogLikelihood(float[] logits, BitCode code) {
    double nll = 0;
    for (int k = 0; k < logits.length; k++) {
      double p = 1 / (1 + Math.exp(-logits[k]));
      nll -= code.get(k) ? Math.log(p) : Math.log(1 - p);
    }
    return nll;
  }

  /**
   * −log P(code) for a code of {@code spec} from its encoder's {@code logits}: the binary form
   * above, or for a categorical code Σ_g −log softmax(η_g)[c_g], c_g read from the code's bits
   * g·w .. g·w + w − 1 (least significant first, w = log2 classes) one bit at a time.
   */
  public static double negativeLogLikelihood(CodeSpec spec, float[] logits, BitCode code) {
    if (!spec.categorical()) {
      return negativeLogLikelihood(logits, code);
    }
    int classes = spec.classes();
    int w = Integer.numberOfTrailingZeros(classes);
    double nll = 0;
    for (int g = 0; g < spec.groups(); g++) {
      int c = 0;
      for (int j = 0; j < w; j++) {
        if (code.get(g * w + j)) {
          c += 1 << j;
        }
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(logits[g * classes + k]);
      }
      nll -= Math.log(Math.exp(logits[g * classes + c]) / sum);
    }
    return nll;
  }
}
