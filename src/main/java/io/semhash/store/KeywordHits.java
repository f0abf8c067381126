package io.semhash.store;

import java.util.List;

/**
 * One page of keyword-search results.
 *
 * @param total how many documents match in all (exact, not a lower bound)
 * @param hits the requested page, best first
 */
public record KeywordHits(long total, List<KeywordHit> hits) {
  public KeywordHits {
    hits = List.copyOf(hits);
  }

  public static KeywordHits empty() {
    return new KeywordHits(0, List.of());
  }
}
