package io.semhash.search;

import java.util.Locale;

/**
 * How a query is answered.
 *
 * <ul>
 *   <li>{@link #SEMANTIC}: the query text is encoded to a bit code and documents are ranked by
 *       Hamming distance to it (ties by database order).
 *   <li>{@link #KEYWORD}: Lucene BM25 over title and text.
 *   <li>{@link #HYBRID}: both, fused; the implementation documents how.
 * </ul>
 */
public enum SearchMode {
  SEMANTIC,
  KEYWORD,
  HYBRID;

  /** Parses {@code semantic}, {@code keyword} or {@code hybrid} (any case). */
  public static SearchMode parse(String value) {
    if (value != null) {
      for (SearchMode mode : values()) {
        if (mode.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return mode;
        }
      }
    }
    throw new IllegalArgumentException("mode must be semantic, keyword or hybrid, got '" + value + "'");
  }

  /** The lower-case name used in the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
