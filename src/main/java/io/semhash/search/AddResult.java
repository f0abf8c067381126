package io.semhash.search;

import java.util.List;

/**
 * What {@link SearchService#add} did.
 *
 * @param added ids newly stored
 * @param replaced ids that were stored already and were replaced
 */
public record AddResult(List<String> added, List<String> replaced) {
  public AddResult {
    added = List.copyOf(added);
    replaced = List.copyOf(replaced);
  }
}
