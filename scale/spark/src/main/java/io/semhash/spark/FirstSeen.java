package io.semhash.spark;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each id of one partition was first read, to stop at a repeated id naming both places. A
 * partition holds every record of its ids (they are partitioned by id), so checking each
 * partition finds every repeat in the corpus.
 */
final class FirstSeen {
  private final Map<String, String> where = new HashMap<>();

  /** @throws JobFailure when {@code r}'s id was seen before in this partition */
  void check(CorpusRecord r) {
    String first = where.putIfAbsent(r.id(), r.where());
    if (first != null) {
      throw new JobFailure(r.where() + ": duplicate id '" + r.id() + "' (first seen at " + first
          + "); --last-wins keeps the last of each id instead");
    }
  }
}
