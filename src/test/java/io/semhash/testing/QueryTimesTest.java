package io.semhash.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTimesTest {

  @Test
  void eachQueryKeepsItsBestRunAndPercentilesAreNearestRank() {
    QueryTimes t = QueryTimes.of(4);
    double[][] rounds = {{4, 9, 1, 7}, {3, 10, 2, 8}};
    for (double[] round : rounds) {
      for (int q = 0; q < round.length; q++) {
        t.record(q, round[q]);
      }
    }
    // best per query: 3, 9, 1, 7 -> sorted 1, 3, 7, 9
    assertThat(t.percentile(50)).isEqualTo(3);
    assertThat(t.percentile(75)).isEqualTo(7);
    assertThat(t.percentile(99)).isEqualTo(9);
    assertThat(t.percentile(0)).isEqualTo(1);
    assertThat(t.mean()).isEqualTo(5);
  }
}
