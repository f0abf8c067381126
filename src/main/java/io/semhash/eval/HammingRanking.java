package io.semhash.eval;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingScanIndex;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ranks a database of codes for each query by Hamming distance (symbol distance for a
 * categorical shape) through the exact scan index;
 * ties go to the earlier database position (the index's insertion order), as the protocol asks.
 */
public final class HammingRanking {
  private HammingRanking() {}

  public static int[][] rank(List<BitCode> database, List<BitCode> queries, int k) {
    if (database.isEmpty()) {
      return new int[queries.size()][0];
    }
    return rank(CodeShape.binary(database.get(0).bits()), database, queries, k);
  }

  /** As {@link #rank(List, List, int)} by the symbol distance of {@code shape} (Hamming for a binary shape). */
  public static int[][] rank(CodeShape shape, List<BitCode> database, List<BitCode> queries, int k) {
    if (database.isEmpty()) {
      return new int[queries.size()][0];
    }
    HammingScanIndex index = HammingScanIndex.create(shape);
    for (BitCode c : database) {
      index.add(c);
    }
    int kk = Math.min(k, database.size());
    return IntStream.range(0, queries.size()).parallel()
        .mapToObj(q -> index.knn(queries.get(q), kk).ids())
        .toArray(int[][]::new);
  }
}
