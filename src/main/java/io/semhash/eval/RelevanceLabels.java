package io.semhash.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Label sets of queries and database documents, interned to sorted int arrays, answering the
 * evaluation protocol's relevance: a database document is relevant to a query when they share at
 * least one label (0/1, never a count of shared labels).
 */
public final class RelevanceLabels {
  private final int[][] queries;
  private final int[][] database;

  private RelevanceLabels(int[][] queries, int[][] database) {
    this.queries = queries;
    this.database = database;
  }

  public static RelevanceLabels of(List<List<String>> queryLabels, List<List<String>> databaseLabels) {
    Map<String, Integer> ids = new HashMap<>();
    return new RelevanceLabels(intern(queryLabels, ids), intern(databaseLabels, ids));
  }

  private static int[][] intern(List<List<String>> labels, Map<String, Integer> ids) {
    int[][] out = new int[labels.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels.get(i).stream().mapToInt(l -> ids.computeIfAbsent(l, k -> ids.size())).sorted().distinct().toArray();
    }
    return out;
  }

  public int queryCount() {
    return queries.length;
  }

  public int databaseSize() {
    return database.length;
  }

  /** Queries without labels cannot have relevant documents and are left out of the averages. */
  public boolean hasLabels(int query) {
    return queries[query].length > 0;
  }

  public boolean relevant(int query, int doc) {
    int[] a = queries[query];
    int[] b = database[doc];
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RelevanceLabels[" + queries.length + " queries, " + database.length + " documents, first query "
        + Arrays.toString(queries.length > 0 ? queries[0] : new int[0]) + "]";
  }
}
