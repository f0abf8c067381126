package io.semhash.eval;

import java.util.Arrays;

/**
 * Precision and mean average precision at k over a set of queries.
 *
 * <p>P@k of a query = relevant documents among its first k results / k. AP@k = Σ_{i ≤ k} P@i ·
 * rel_i / (relevant documents among the first k), 0 when there is none. Both are averaged over
 * the queries that have labels.
 *
 * @param k cut-off
 * @param queries queries averaged over
 * @param precision mean P@k
 * @param map mean AP@k
 * @param precisionAt mean P@j for j = 1..k (index j − 1), for the P@k-against-k curve
 */
public record RetrievalScores(int k, int queries, double precision, double map, double[] precisionAt) {

  /**
   * Scores rankings of database positions, best first.
   *
   * @param rankings per query, at least k database positions (fewer only when the database is smaller)
   */
  public static RetrievalScores of(int[][] rankings, RelevanceLabels labels, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    double sumP = 0;
    double sumAp = 0;
    double[] sumAt = new double[k];
    int counted = 0;
    for (int q = 0; q < rankings.length; q++) {
      if (!labels.hasLabels(q)) {
        continue;
      }
      int[] ranking = rankings[q];
      int hits = 0;
      double ap = 0;
      for (int i = 0; i < k; i++) {
        if (i < ranking.length && labels.relevant(q, ranking[i])) {
          hits++;
          ap += hits / (double) (i + 1);
        }
        sumAt[i] += hits / (double) (i + 1);
      }
      sumP += hits / (double) k;
      sumAp += hits == 0 ? 0 : ap / hits;
      counted++;
    }
    double[] at = new double[k];
    for (int i = 0; i < k; i++) {
      at[i] = counted == 0 ? 0 : sumAt[i] / counted;
    }
    return new RetrievalScores(k, counted, counted == 0 ? 0 : sumP / counted, counted == 0 ? 0 : sumAp / counted, at);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetrievalScores r && r.k == k && r.queries == queries && r.precision == precision
        && r.map == map && Arrays.equals(r.precisionAt, precisionAt);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(precision) * 31 + Double.hashCode(map);
  }

  @Override
  public String toString() {
    return "RetrievalScores[k=" + k + ", queries=" + queries + ", P@k=" + precision + ", mAP@k=" + map + "]";
  }
}
