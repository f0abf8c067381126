package io.semhash.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe masks against exact enumeration of every substring value. */
class SubstringNeighboursTest {

  @Test
  void enumeratesEveryValueAtEachSymbolDistanceOnce() {
    for (int w : new int[] {1, 2, 3, 4, 5, 8}) {
      for (int n = 1; n * w <= 12; n++) {
        SubstringNeighbours neighbours = new SubstringNeighbours(w);
        for (int r = 0; r <= n; r++) {
          Set<Integer> want = new HashSet<>();
          for (int v = 0; v < 1 << (n * w); v++) {
            if (symbolsSet(v, w, n) == r) {
              want.add(v);
            }
          }
          Set<Integer> got = new HashSet<>();
          int given = 0;
          for (int m = neighbours.first(n, r); m >= 0; m = neighbours.next()) {
            got.add(m);
            given++;
          }
          assertThat(got).as("w=%d n=%d r=%d", w, n, r).isEqualTo(want);
          assertThat(given).as("no mask twice").isEqualTo(want.size());
        }
        assertThat(neighbours.first(n, n + 1)).isEqualTo(-1);
      }
    }
  }

  /** Symbols of v (n symbols of w bits) that are not zero. */
  private static int symbolsSet(int v, int w, int n) {
    int count = 0;
    for (int g = 0; g < n; g++) {
      if ((v >>> (g * w) & ((1 << w) - 1)) != 0) {
        count++;
      }
    }
    return count;
  }
}
