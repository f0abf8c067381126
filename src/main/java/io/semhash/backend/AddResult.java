package io.semhash.backend;

import java.util.List;

/**
 * What a write ({@link SearchBackend#put}, and the API's add) did.
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
