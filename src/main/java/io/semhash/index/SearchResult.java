package io.semhash.index;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer to a k-NN or radius query: internal ids and their Hamming distances, sorted by
 * (distance, id), as two parallel arrays (no object per hit on the hot path).
 *
 * @param ids internal ids, nearest first, ties by ascending id
 * @param distances Hamming distance of each id to the query
 * @param examined number of stored codes whose distance was computed (a cost figure for
 *     benchmarks and the cost model; not part of the answer)
 * @param plan how the query was executed
 */
public record SearchResult(int[] ids, int[] distances, long examined, QueryPlanner.Plan plan) {

  /** One hit, for callers that prefer objects. */
  public record Hit(int id, int distance) {}

  public SearchResult {
    if (ids.length != distances.length) {
      throw new IllegalArgumentException(ids.length + " ids but " + distances.length + " distances");
    }
  }

  /** Number of hits. */
  public int size() {
    return ids.length;
  }

  /** Hits as a list view. */
  public List<Hit> hits() {
    return new AbstractList<>() {
      @Override
      public Hit get(int i) {
        return new Hit(ids[i], distances[i]);
      }

      @Override
      public int size() {
        return ids.length;
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchResult r
        && Arrays.equals(r.ids, ids)
        && Arrays.equals(r.distances, distances);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(distances);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SearchResult[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(ids[i]).append(':').append(distances[i]);
    }
    return sb.append(']').toString();
  }
}
