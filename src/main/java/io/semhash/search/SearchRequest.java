package io.semhash.search;

import java.util.List;
import java.util.Objects;

/**
 * One search, already validated by the caller (the server checks ranges and answers 400).
 *
 * @param query the query text, not blank
 * @param k page size, at least 1
 * @param offset results to skip, at least 0
 * @param labels keep only documents having at least one of these labels; empty = no filter
 * @param maxDistance semantic and hybrid: keep only codes within this Hamming distance; null =
 *     no radius. Keyword search ignores it.
 * @param mode how to answer; null = the service's default ({@link SearchService#defaultMode()})
 * @param rerank semantic and hybrid: whether the Hamming candidates are re-ranked before the page
 *     is cut; null = {@link Rerank#NONE}. Keyword search ignores it.
 */
public record SearchRequest(
    String query, int k, int offset, List<String> labels, Integer maxDistance, SearchMode mode, Rerank rerank) {
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    labels = List.copyOf(labels == null ? List.of() : labels);
    rerank = rerank == null ? Rerank.NONE : rerank;
  }

  /** A search of the Hamming ranking as the index returns it. */
  public SearchRequest(String query, int k, int offset, List<String> labels, Integer maxDistance, SearchMode mode) {
    this(query, k, offset, labels, maxDistance, mode, Rerank.NONE);
  }

  /** A first page of {@code k} results in the default mode, without filters. */
  public static SearchRequest of(String query, int k) {
    return new SearchRequest(query, k, 0, List.of(), null, null);
  }
}
