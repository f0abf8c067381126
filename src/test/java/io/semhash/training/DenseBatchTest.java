package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link DenseBatch} against the sparse rows read back element by element through ND4J. */
class DenseBatchTest {
  private static List<SparseVector> randomRows(int n, int dims, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SparseVector> vectors = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      List<Integer> idx = new ArrayList<>();
      for (int t = 0; t < dims; t++) {
        if (random.nextInt(10) == 0) {
          idx.add(t);
        }
      }
      float[] values = new float[idx.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = 1 + random.nextInt(5);
      }
      vectors.add(new SparseVector(idx.stream().mapToInt(Integer::intValue).toArray(), values));
    }
    return vectors;
  }

  @Test
  void pairedTargetsAddThePartnersRowTimesTheWeight() {
    int dims = 200;
    List<SparseVector> vectors = randomRows(30, dims, 11);
    DenseBatch dense = new DenseBatch(dims);
    // documents 3, 8, 8 paired with 12, 8 (itself: no partner), 0; then a plain batch of the same size
    int[] paired = {3, 8, 8, 12, 8, 0};
    int[] partners = HashingTrainer.partners(paired);
    assertThat(partners).containsExactly(12, 8, 0, 3, 8, 8);
    for (int round = 0; round < 2; round++) {
      INDArray x = dense.fill(vectors, paired, partners, 0.5f);
      for (int r = 0; r < paired.length; r++) {
        float[] expected = new float[dims];
        for (int k = 0; k < vectors.get(paired[r]).nnz(); k++) {
          expected[vectors.get(paired[r]).indices()[k]] += vectors.get(paired[r]).values()[k];
        }
        if (partners[r] != paired[r]) {
          for (int k = 0; k < vectors.get(partners[r]).nnz(); k++) {
            expected[vectors.get(partners[r]).indices()[k]] += 0.5f * vectors.get(partners[r]).values()[k];
          }
        }
        for (int c = 0; c < dims; c++) {
          assertThat(x.getFloat(r, c)).as("round %d row %d col %d", round, r, c).isEqualTo(expected[c]);
        }
      }
      // the next fill of the same size must not keep any of the sums
      INDArray plain = dense.fill(vectors, new int[] {1, 1, 1, 1, 1, 1});
      for (int c = 0; c < dims; c++) {
        float want = 0;
        for (int k = 0; k < vectors.get(1).nnz(); k++) {
          want = vectors.get(1).indices()[k] == c ? vectors.get(1).values()[k] : want;
        }
        assertThat(plain.getFloat(5, c)).isEqualTo(want);
      }
    }
  }

  @Test
  void droppedInputsAreSubsetsOfTheRowsRescaledToTheSameLength() {
    int dims = 400;
    List<SparseVector> vectors = randomRows(50, dims, 5);
    DenseBatch dense = new DenseBatch(dims);
    int[] batch = java.util.stream.IntStream.range(0, 50).toArray();
    INDArray none = dense.fillDropped(vectors, batch, 0.0, new SplittableRandom(1)).dup();
    assertThat(none).isEqualTo(new DenseBatch(dims).fill(vectors, batch));
    INDArray x = dense.fillDropped(vectors, batch, 0.5, new SplittableRandom(1)).dup(); // the buffer is reused
    long total = 0;
    long kept = 0;
    for (int r = 0; r < batch.length; r++) {
      SparseVector v = vectors.get(r);
      double norm = 0;
      double keptNorm = 0;
      double scale = Double.NaN;
      for (int k = 0; k < v.nnz(); k++) {
        norm += v.values()[k] * v.values()[k];
      }
      for (int c = 0; c < dims; c++) {
        float got = x.getFloat(r, c);
        int k = java.util.Arrays.binarySearch(v.indices(), c);
        if (k < 0) {
          assertThat(got).as("row %d col %d: not a term of the row", r, c).isZero();
        } else if (got != 0) {
          double s = got / v.values()[k];
          assertThat(Double.isNaN(scale) || Math.abs(s - scale) < 1e-5).as("one scale per row").isTrue();
          scale = s;
          keptNorm += (double) got * got;
          kept++;
        }
      }
      total += v.nnz();
      if (keptNorm > 0) {
        assertThat(keptNorm).isCloseTo(norm, org.assertj.core.data.Offset.offset(1e-3 * norm));
      }
    }
    // binomial(total, 0.5): within 5 standard deviations of half
    assertThat((double) kept).isBetween(total / 2.0 - 2.5 * Math.sqrt(total), total / 2.0 + 2.5 * Math.sqrt(total));
    assertThat(dense.fillDropped(vectors, batch, 0.5, new SplittableRandom(1)))
        .as("same seed, same drops").isEqualTo(x);
    assertThat(dense.fillDropped(vectors, batch, 0.5, new SplittableRandom(2)))
        .as("another seed, other drops").isNotEqualTo(x);
  }

  @Test
  void densifiedBatchHoldsExactlyTheNonZerosOfTheChosenRowsInBatchOrder() {
    SplittableRandom random = new SplittableRandom(7);
    int dims = 300;
    List<SparseVector> vectors = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      List<Integer> idx = new ArrayList<>();
      for (int t = 0; t < dims; t++) {
        if (random.nextInt(10) == 0) {
          idx.add(t);
        }
      }
      float[] values = new float[idx.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = 0.5f + random.nextInt(100);
      }
      vectors.add(new SparseVector(idx.stream().mapToInt(Integer::intValue).toArray(), values));
    }
    DenseBatch dense = new DenseBatch(dims);
    int[][] batches = {{5, 0, 39, 5, 17}, {1, 2, 3, 4, 6}, {7, 8}, {5, 0, 39, 5, 17}, {9, 9, 9, 9, 9}};
    for (int[] batch : batches) { // a reused buffer must hold nothing of the batch before (repeated rows as paired batches have)
      INDArray x = dense.fill(vectors, batch);
      assertThat(x.shape()).containsExactly(batch.length, dims);
      assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
      for (int r = 0; r < batch.length; r++) {
        float[] expected = new float[dims];
        SparseVector v = vectors.get(batch[r]);
        for (int k = 0; k < v.nnz(); k++) {
          expected[v.indices()[k]] = v.values()[k];
        }
        for (int c = 0; c < dims; c++) {
          assertThat(x.getFloat(r, c)).as("row %d col %d", r, c).isEqualTo(expected[c]);
        }
      }
    }
  }
}
