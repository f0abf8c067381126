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
