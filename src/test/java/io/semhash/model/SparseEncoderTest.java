package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encoder's grouped row sums add exactly what one axpy per row adds, in the same order. */
class SparseEncoderTest {

  @Test
  void addingFourRowsPerPassGivesTheSameFloatsAsOneRowAtATime() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 37; // not a multiple of any vector width
    float[] x = new float[50 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
    }
    for (int count = 0; count <= 11; count++) {
      float[] a = new float[count];
      int[] rows = new int[count];
      for (int k = 0; k < count; k++) {
        a[k] = (float) r.nextGaussian();
        rows[k] = r.nextInt(50) * n;
      }
      float[] y0 = new float[n];
      for (int j = 0; j < n; j++) {
        y0[j] = (float) r.nextGaussian();
      }
      float[] expected = y0.clone();
      for (int k = 0; k < count; k++) {
        for (int j = 0; j < n; j++) {
          expected[j] += a[k] * x[rows[k] + j];
        }
      }
      float[] actual = y0.clone();
      SparseEncoder.addRows(a, rows, count, x, actual, n);
      assertThat(actual).as("%d rows", count).containsExactly(expected);
    }
  }
}
