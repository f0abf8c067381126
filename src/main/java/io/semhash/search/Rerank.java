package io.semhash.search;

import io.semhash.codes.AsymmetricDistance;
import java.util.Locale;

/**
 * Whether the first Hamming (or symbol) candidates of a semantic search are ordered again before the page is
 * cut.
 *
 * <ul>
 *   <li>{@link #NONE}: the Hamming ranking as the index returns it.
 *   <li>{@link #ASYMMETRIC}: the first {@link io.semhash.codes.AsymmetricDistance#CANDIDATES}
 *       (at least offset + k) by the query's likelihood of each stored code, the query kept as bit
 *       or class probabilities ({@link io.semhash.codes.AsymmetricDistance}).
 * </ul>
 */
public enum Rerank {
  NONE,
  ASYMMETRIC;

  /** Hamming candidates an asymmetric re-rank orders (at least offset + k). */
  public static final int CANDIDATES = AsymmetricDistance.CANDIDATES;

  /** Parses {@code none} or {@code asymmetric} (any case). */
  public static Rerank parse(String value) {
    if (value != null) {
      for (Rerank r : values()) {
        if (r.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("rerank must be none or asymmetric, got '" + value + "'");
  }

  /** The lower-case name used in the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
