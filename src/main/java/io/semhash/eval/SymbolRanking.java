package io.semhash.eval;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ranks a database of categorical codes for each query by symbol distance (the number of groups
 * whose classes differ), ties to the earlier database position, as the protocol asks: an exact
 * scan over the codes' classes, one byte per group, and a counting sort on the distance (which
 * takes only groups + 1 values).
 *
 * <p>The evaluation's own ranking, so that P@k of categorical codes does not wait on an index
 * that searches by symbol distance; binary shapes go to {@link HammingRanking}.
 */
public final class SymbolRanking {
  private SymbolRanking() {}

  public static int[][] rank(CodeShape shape, List<BitCode> database, List<BitCode> queries, int k) {
    if (database.isEmpty()) {
      return new int[queries.size()][0];
    }
    int m = shape.groups();
    byte[] db = classes(shape, database);
    byte[] qs = classes(shape, queries);
    int n = database.size();
    int kk = Math.min(k, n);
    return IntStream.range(0, queries.size()).parallel().mapToObj(q -> {
      int[] distance = new int[n];
      int[] count = new int[m + 2];
      int qo = q * m;
      for (int i = 0; i < n; i++) {
        int d = 0;
        int o = i * m;
        for (int g = 0; g < m; g++) {
          if (db[o + g] != qs[qo + g]) {
            d++;
          }
        }
        distance[i] = d;
        count[d + 1]++;
      }
      // the first kk positions in (distance, position) order
      int cut = 0;
      int taken = 0;
      while (taken + count[cut + 1] < kk) {
        taken += count[cut + 1];
        cut++;
      }
      int[] next = new int[cut + 1];
      for (int d = 1; d <= cut; d++) {
        next[d] = next[d - 1] + count[d];
      }
      int[] out = new int[kk];
      int atCut = 0;
      int roomAtCut = kk - taken;
      for (int i = 0; i < n; i++) {
        int d = distance[i];
        if (d < cut) {
          out[next[d]++] = i;
        } else if (d == cut && atCut < roomAtCut) {
          out[taken + atCut++] = i;
        }
      }
      return out;
    }).toArray(int[][]::new);
  }

  private static byte[] classes(CodeShape shape, List<BitCode> codes) {
    int m = shape.groups();
    byte[] out = new byte[codes.size() * m];
    for (int i = 0; i < codes.size(); i++) {
      BitCode c = codes.get(i);
      for (int g = 0; g < m; g++) {
        out[i * m + g] = (byte) shape.classOf(c, g);
      }
    }
    return out;
  }
}
