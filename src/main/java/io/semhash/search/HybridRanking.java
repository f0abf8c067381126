package io.semhash.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion of two rankings: score = Σ 1 / ({@value #RRF_K} + rank) over the lists a
 * document appears in, so a document near the top of either list ranks high. Ties go to the
 * smaller key, so a fused page is reproducible.
 */
final class HybridRanking {
  /** How deep each list is read: at least this, or offset + k when that is more. */
  static final int DEPTH = 100;
  static final int RRF_K = 60;

  /** One fused entry: the key and its fused score. */
  record Fused<K>(K key, double score) {}

  private HybridRanking() {}

  /** The fused ranking of {@code first} and {@code second}, best first. */
  static <K extends Comparable<K>> List<Fused<K>> fuse(List<K> first, List<K> second) {
    Map<K, Double> fused = new HashMap<>();
    for (int i = 0; i < first.size(); i++) {
      fused.merge(first.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    for (int i = 0; i < second.size(); i++) {
      fused.merge(second.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    List<Fused<K>> ranked = new ArrayList<>(fused.size());
    fused.forEach((key, score) -> ranked.add(new Fused<>(key, score)));
    ranked.sort((a, b) -> {
      int byScore = Double.compare(b.score(), a.score());
      return byScore != 0 ? byScore : a.key().compareTo(b.key());
    });
    return ranked;
  }
}
