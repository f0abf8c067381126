package io.semhash.explain;

import io.semhash.codes.BitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a model's bits are used on a set of codes: how often each bit is on, and how the bits
 * correlate. A bit that is (nearly) always on or always off separates (nearly) no documents and
 * only lengthens the code; two bits that (nearly) always agree, or always disagree, say the same
 * thing twice.
 *
 * <ul>
 *   <li><b>Dead</b>: on-rate below {@value #DEAD_RATE} or above 1 − {@value #DEAD_RATE}. Such a
 *       bit carries at most H(0.01) ≈ 0.08 bits of information per document, a twelfth of a
 *       balanced bit.
 *   <li><b>Redundant</b>: a live (not dead) bit whose Pearson correlation with a live bit of a
 *       lower position is above {@value #REDUNDANT_CORRELATION} in absolute value; such a bit
 *       could be dropped with almost no loss (ranking by Hamming distance over it adds almost
 *       nothing). {@link #redundantBits} counts these bits; {@link #redundant} lists every pair.
 * </ul>
 *
 * <p>Correlations with a constant bit are reported as 0 (it has no defined correlation).
 * With no codes at all, nothing is reported dead or redundant.
 *
 * @param bits code length
 * @param documents how many codes were examined
 * @param onRate per bit, the share of codes with the bit on
 * @param correlation bits × bits Pearson (phi) correlations, rounded to 4 decimals; 1 on the
 *     diagonal of non-constant bits
 * @param dead the dead bits, in order
 * @param redundant every pair of live bits above the correlation threshold
 * @param redundantBits how many live bits are correlated above the threshold with a lower one
 */
public record BitHealth(
    int bits,
    long documents,
    double deadRate,
    double redundantCorrelation,
    double[] onRate,
    double[][] correlation,
    List<Integer> dead,
    List<RedundantPair> redundant,
    int redundantBits) {
  /** On-rates below this, or above one minus this, make a bit dead. */
  public static final double DEAD_RATE = 0.01;
  /** Absolute correlations above this make a pair redundant. */
  public static final double REDUNDANT_CORRELATION = 0.9;

  public BitHealth {
    dead = List.copyOf(dead);
    redundant = List.copyOf(redundant);
  }

  /** Two bits that say (nearly) the same thing: {@code i < j}. */
  public record RedundantPair(int i, int j, double correlation) {}

  /** How many bits are dead. */
  public int deadBits() {
    return dead.size();
  }

  /** The health of {@code codes}, each of {@code bits} bits. */
  public static BitHealth of(int bits, List<BitCode> codes) {
    int n = codes.size();
    int words = (n + 63) >>> 6;
    long[][] columns = new long[bits][words]; // column i: which codes have bit i on
    for (int d = 0; d < n; d++) {
      BitCode c = codes.get(d);
      if (c.bits() != bits) {
        throw new IllegalArgumentException("code " + d + " has " + c.bits() + " bits, expected " + bits);
      }
      for (int i = 0; i < bits; i++) {
        if (c.get(i)) {
          columns[i][d >>> 6] |= 1L << d;
        }
      }
    }
    long[] on = new long[bits];
    double[] rate = new double[bits];
    boolean[] isDead = new boolean[bits];
    List<Integer> dead = new ArrayList<>();
    for (int i = 0; i < bits; i++) {
      on[i] = popcount(columns[i], columns[i]);
      rate[i] = n == 0 ? 0 : on[i] / (double) n;
      isDead[i] = n > 0 && (rate[i] < DEAD_RATE || rate[i] > 1 - DEAD_RATE);
      if (isDead[i]) {
        dead.add(i);
      }
    }
    double[][] r = new double[bits][bits];
    List<RedundantPair> pairs = new ArrayList<>();
    boolean[] isRedundant = new boolean[bits];
    for (int i = 0; i < bits; i++) {
      boolean constantI = on[i] == 0 || on[i] == n;
      r[i][i] = constantI ? 0 : 1;
      for (int j = i + 1; j < bits; j++) {
        double phi = 0;
        if (!constantI && on[j] != 0 && on[j] != n) {
          double both = popcount(columns[i], columns[j]);
          phi = (n * both - (double) on[i] * on[j])
              / Math.sqrt((double) on[i] * (n - on[i]) * (double) on[j] * (n - on[j]));
          phi = Math.max(-1, Math.min(1, phi));
        }
        double rounded = Math.round(phi * 1e4) / 1e4;
        r[i][j] = rounded;
        r[j][i] = rounded;
        if (!isDead[i] && !isDead[j] && Math.abs(phi) > REDUNDANT_CORRELATION) {
          pairs.add(new RedundantPair(i, j, rounded));
          isRedundant[j] = true;
        }
      }
    }
    int redundantBits = 0;
    for (boolean b : isRedundant) {
      redundantBits += b ? 1 : 0;
    }
    return new BitHealth(bits, n, DEAD_RATE, REDUNDANT_CORRELATION, rate, r, dead, pairs, redundantBits);
  }

  private static long popcount(long[] a, long[] b) {
    long count = 0;
    for (int w = 0; w < a.length; w++) {
      count += Long.bitCount(a[w] & b[w]);
    }
    return count;
  }
}
