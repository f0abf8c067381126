package io.semhash.index;

import java.util.Arrays;

/**
 * Top-k selection by per-distance buckets. Hamming distances are small integers in [0, bits], so
 * instead of a heap the selector keeps one growable id list per distance and a threshold
 * {@code tau}, the largest distance still kept. An offer is O(1); dropping a whole bucket when it
 * is no longer needed is O(1) amortised. Results come out sorted by (distance, id) for free when
 * ids arrive in ascending order (a scan), and by sorting each small bucket otherwise (MIH).
 *
 * <p>The scan kernels keep only an int {@code limit} in a register and call {@link #offer} when a
 * distance is {@code <= limit}; the return value is the new limit. One instance serves one query
 * on one thread.
 */
final class TopK {

  private final int k;
  private final int maxDistance;
  private final boolean ordered;
  private final int[][] buckets;
  private final int[] counts;
  private int total;
  private int tau = -1;

  /**
   * @param k number of results wanted (a radius query's limit)
   * @param maxDistance largest distance accepted (bits for k-NN, r for a radius query)
   * @param bits code length
   * @param ordered true when offers come in ascending id order, so that a tie at the threshold
   *     can be rejected as soon as k results are held
   */
  TopK(int k, int maxDistance, int bits, boolean ordered) {
    this.k = k;
    this.maxDistance = Math.min(maxDistance, bits);
    this.ordered = ordered;
    this.buckets = new int[bits + 1][];
    this.counts = new int[bits + 1];
  }

  /** The current limit: offers with a larger distance can be skipped. */
  int limit() {
    if (total < k) {
      return maxDistance;
    }
    return ordered ? tau - 1 : tau;
  }

  /** True once k results are held. */
  boolean full() {
    return total >= k;
  }

  /** Largest distance held, or -1. */
  int tau() {
    return tau;
  }

  /** Records a candidate; the caller guarantees {@code d <= limit()}. Returns the new limit. */
  int offer(int id, int d) {
    int[] b = buckets[d];
    int c = counts[d];
    if (b == null) {
      b = buckets[d] = new int[Math.min(16, Math.max(4, k))];
    } else if (c == b.length) {
      b = buckets[d] = Arrays.copyOf(b, c + Math.max(4, c >>> 1));
    }
    b[c] = id;
    counts[d] = c + 1;
    total++;
    if (d > tau) {
      tau = d;
    }
    if (total >= k) {
      while (total - counts[tau] >= k) {
        total -= counts[tau];
        counts[tau] = 0;
        do {
          tau--;
        } while (counts[tau] == 0);
      }
      return ordered ? tau - 1 : tau;
    }
    return maxDistance;
  }

  /** The k best (or fewer) hits sorted by (distance, id). */
  SearchResult result(long examined, QueryPlanner.Plan plan) {
    int n = Math.min(k, total);
    int[] ids = new int[n];
    int[] ds = new int[n];
    int out = 0;
    for (int d = 0; d <= tau && out < n; d++) {
      int c = counts[d];
      if (c == 0) {
        continue;
      }
      int[] b = buckets[d];
      if (!ordered) {
        Arrays.sort(b, 0, c);
      }
      int take = Math.min(c, n - out);
      System.arraycopy(b, 0, ids, out, take);
      Arrays.fill(ds, out, out + take, d);
      out += take;
    }
    return new SearchResult(ids, ds, examined, plan);
  }
}
