package io.semhash.eval;

import io.semhash.codes.BitCode;
import io.semhash.random.Gaussian;
import io.semhash.text.SparseVector;
import java.util.SplittableRandom;

/**
 * The LSH baseline: bit i = 1[⟨r_i, x⟩ &gt; 0] for Gaussian random hyperplanes r_i (Charikar's
 * SimHash), applied to tf-idf vectors; with the same number of bits it shows what a learned code
 * adds over a random one.
 */
public final class RandomHyperplaneLsh {
  private final int bits;
  private final int dims;
  private final float[] planes; // [dims][bits]: a document's terms touch contiguous rows

  private RandomHyperplaneLsh(int bits, int dims, float[] planes) {
    this.bits = bits;
    this.dims = dims;
    this.planes = planes;
  }

  public static RandomHyperplaneLsh create(int bits, int dims, long seed) {
    BitCode.checkBits(bits);
    SplittableRandom random = new SplittableRandom(seed);
    float[] planes = new float[dims * bits];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = (float) Gaussian.draw(random);
    }
    return new RandomHyperplaneLsh(bits, dims, planes);
  }

  public BitCode code(SparseVector x) {
    float[] dot = new float[bits];
    for (int k = 0; k < x.nnz(); k++) {
      int t = x.indices()[k];
      if (t >= dims) {
        continue;
      }
      float w = x.values()[k];
      int base = t * bits;
      for (int i = 0; i < bits; i++) {
        dot[i] += w * planes[base + i];
      }
    }
    return BitCode.fromPositive(dot);
  }
}
