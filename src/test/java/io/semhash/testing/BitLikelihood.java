package io.semhash.testing;

import io.semhash.codes.BitCode;

/**
 * The reference for the asymmetric distance's tests: a code's negative log-likelihood under a
 * query's independent bits, summed from the probabilities σ(l_k) themselves, not from the
 * |l_k| shortcut the product uses.
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
}
