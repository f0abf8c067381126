package io.semhash.backend;

import java.util.List;

/**
 * One page of keyword-search results.
 *
 * @param total documents that match in all (exact)
 * @param matches the page, best first
 */
public record KeywordMatches(long total, List<KeywordMatch> matches) {
  public KeywordMatches {
    matches = List.copyOf(matches);
  }
}
