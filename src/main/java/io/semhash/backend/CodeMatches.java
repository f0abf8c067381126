package io.semhash.backend;

import java.util.List;

/**
 * One page of documents ranked by Hamming distance.
 *
 * @param total documents that match in all (before paging)
 * @param matches the page, nearest first
 */
public record CodeMatches(long total, List<CodeMatch> matches) {
  public CodeMatches {
    matches = List.copyOf(matches);
  }
}
