package io.semhash.model;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeSpec;
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
  private final int outputs;
  private final CodeSpec code;
  private final float[] w1; // [inputs][hidden]
  private final float[] b1;
  private final float[] w2; // [hidden][hidden]
  private final float[] b2;
  private final float[] w3; // [hidden][bits]
  private final float[] b3;

  private SparseEncoder(ModelWeights w, CodeSpec code) {
    if (w.bits() != code.logits()) {
      throw new IllegalArgumentException("a " + code + " code takes " + code.logits() + " logits, the weights give "
          + w.bits());
    }
    this.inputs = w.vocabularySize();
    this.hidden = w.hidden();
    this.outputs = w.bits();
    this.code = code;
    this.w1 = w.get("W1").data();
    this.b1 = w.get("b1").data();
    this.w2 = w.get("W2").data();
    this.b2 = w.get("b2").data();
    this.w3 = w.get("W3").data();
    this.b3 = w.get("b3").data();
  }

  /** A binary encoder over the given weights (shared, not copied: weights are never modified). */
  public static SparseEncoder of(ModelWeights weights) {
    return new SparseEncoder(weights, CodeSpec.binary(weights.bits()));
  }

  /**
   * An encoder making {@code code} over the given weights (shared, not copied).
   *
   * @throws IllegalArgumentException if the weights give another number of logits than the code takes
   */
  public static SparseEncoder of(ModelWeights weights, CodeSpec code) {
    return new SparseEncoder(weights, code);
  }

  /** Stored length of a code, in bits. */
  public int bits() {
    return code.bits();
  }

  /** The code this encoder makes. */
  public CodeSpec codeSpec() {
    return code;
  }

  /** How many logits {@link #logits} gives. */
  public int logitCount() {
    return outputs;
  }

  public int inputs() {
    return inputs;
  }

  /** The logits η of a document given its tf-idf vector. */
  public float[] logits(SparseVector tfidf) {
    float[] h1 = b1.clone();
    int[] idx = tfidf.indices();
    int[] rows = new int[Math.max(idx.length, hidden)];
    for (int k = 0; k < idx.length; k++) {
      rows[k] = idx[k] * hidden;
    }
    addRows(tfidf.values(), rows, idx.length, w1, h1, hidden);
    relu(h1);
    float[] h2 = b2.clone();
    float[] coef = new float[hidden];
    addRows(coef, rows, nonZeros(h1, hidden, coef, rows), w2, h2, hidden);
    relu(h2);
    float[] eta = b3.clone();
    addRows(coef, rows, nonZeros(h2, outputs, coef, rows), w3, eta, outputs);
    return eta;
  }

  /** The non-zero entries of {@code h} into coef, their row offsets (i · width) into rows; returns how many. */
  private static int nonZeros(float[] h, int width, float[] coef, int[] rows) {
    int n = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] != 0f) { // ReLU zeroes about half
        coef[n] = h[i];
        rows[n++] = i * width;
      }
    }
    return n;
  }

  /**
   * y += Σ_k a[k] · x[rows[k] .. rows[k] + n), the rows added one after another as separate
   * axpys would add them (the same floats), four rows per pass over y: C2 vectorises the pass but
   * ends each one with a scalar tail, so fewer passes are faster.
   */
  static void addRows(float[] a, int[] rows, int count, float[] x, float[] y, int n) {
    int k = 0;
    for (; k + 3 < count; k += 4) {
      float a0 = a[k];
      float a1 = a[k + 1];
      float a2 = a[k + 2];
      float a3 = a[k + 3];
      int r0 = rows[k];
      int r1 = rows[k + 1];
      int r2 = rows[k + 2];
      int r3 = rows[k + 3];
      for (int j = 0; j < n; j++) {
        y[j] = (((y[j] + a0 * x[r0 + j]) + a1 * x[r1 + j]) + a2 * x[r2 + j]) + a3 * x[r3 + j];
      }
    }
    for (; k < count; k++) {
      float ak = a[k];
      int r = rows[k];
      for (int j = 0; j < n; j++) {
        y[j] += ak * x[r + j];
      }
    }
  }

  /** The code: bit i = 1[η_i &gt; 0], or the arg-max class of each group ({@link CodeSpec#code}). */
  public BitCode code(SparseVector tfidf) {
    return code.code(logits(tfidf));
  }

  /** σ(η): the per-bit probabilities of a binary code. */
  public static float[] probabilities(float[] eta) {
    float[] p = new float[eta.length];
    for (int i = 0; i < eta.length; i++) {
      p[i] = (float) (1.0 / (1.0 + Math.exp(-eta[i])));
    }
    return p;
  }

  private static void relu(float[] h) {
    for (int j = 0; j < h.length; j++) {
      if (h[j] < 0f) {
        h[j] = 0f;
      }
    }
  }
}
