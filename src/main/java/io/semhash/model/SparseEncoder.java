package io.semhash.model;

import io.semhash.codes.BitCode;
import io.semhash.text.SparseVector;

/**
 * The encoder half of the network, run in plain Java on sparse input: the first layer touches
 * only the rows of the document's terms (≈100 of 10,000), which makes encoding two orders of
 * magnitude cheaper than DL4J's dense forward, and it is thread-safe with no native state.
 * A test checks it against the network's own forward pass.
 */
public final class SparseEncoder {
  private final int inputs;
  private final int hidden;
  private final int bits;
  private final float[] w1; // [inputs][hidden]
  private final float[] b1;
  private final float[] w2; // [hidden][hidden]
  private final float[] b2;
  private final float[] w3; // [hidden][bits]
  private final float[] b3;

  private SparseEncoder(ModelWeights w) {
    this.inputs = w.vocabularySize();
    this.hidden = w.hidden();
    this.bits = w.bits();
    this.w1 = w.get("W1").data();
    this.b1 = w.get("b1").data();
    this.w2 = w.get("W2").data();
    this.b2 = w.get("b2").data();
    this.w3 = w.get("W3").data();
    this.b3 = w.get("b3").data();
  }

  /** An encoder over the given weights (shared, not copied: weights are never modified). */
  public static SparseEncoder of(ModelWeights weights) {
    return new SparseEncoder(weights);
  }

  public int bits() {
    return bits;
  }

  public int inputs() {
    return inputs;
  }

  /** The logits η of a document given its tf-idf vector. */
  public float[] logits(SparseVector tfidf) {
    float[] h1 = b1.clone();
    int[] idx = tfidf.indices();
    float[] val = tfidf.values();
    for (int k = 0; k < idx.length; k++) {
      axpy(val[k], w1, idx[k] * hidden, h1, hidden);
    }
    relu(h1);
    float[] h2 = b2.clone();
    for (int i = 0; i < hidden; i++) {
      if (h1[i] != 0f) {
        axpy(h1[i], w2, i * hidden, h2, hidden);
      }
    }
    relu(h2);
    float[] eta = b3.clone();
    for (int i = 0; i < hidden; i++) {
      if (h2[i] != 0f) {
        axpy(h2[i], w3, i * bits, eta, bits);
      }
    }
    return eta;
  }

  /** The code: bit i = 1[η_i &gt; 0]. */
  public BitCode code(SparseVector tfidf) {
    return BitCode.fromPositive(logits(tfidf));
  }

  /** σ(η): the per-bit probabilities. */
  public static float[] probabilities(float[] eta) {
    float[] p = new float[eta.length];
    for (int i = 0; i < eta.length; i++) {
      p[i] = (float) (1.0 / (1.0 + Math.exp(-eta[i])));
    }
    return p;
  }

  private static void axpy(float a, float[] x, int offset, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a * x[offset + j];
    }
  }

  private static void relu(float[] h) {
    for (int j = 0; j < h.length; j++) {
      if (h[j] < 0f) {
        h[j] = 0f;
      }
    }
  }
}
