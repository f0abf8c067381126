package io.semhash.training;

import io.semhash.text.SparseVector;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Densifies mini-batches of sparse rows into [rows, dims] float matrices, reusing one native
 * buffer per batch size: a fresh zeroed [128, 10,000] buffer per step cost ~13% of a training
 * step in allocation alone. Only the non-zeros are written, and before the next batch only the
 * positions the last one wrote are cleared, so the corpus is never a dense matrix and a step
 * touches ~1% of the buffer.
 *
 * <p>The matrix returned by {@link #fill} is overwritten by the next call with the same number of
 * rows: it must not be kept past the training step that uses it.
 */
final class DenseBatch {
  private final int dims;
  private final Map<Integer, Buffer> buffers = new HashMap<>();

  private static final class Buffer {
    final INDArray array;
    final FloatBuffer floats;
    int[] written = new int[0];
    int count;

    Buffer(int rows, int dims) {
      array = Nd4j.zeros(DataType.FLOAT, rows, dims);
      floats = array.data().asNioFloat();
    }
  }

  DenseBatch(int dims) {
    this.dims = dims;
  }

  /** The rows {@code batch} of {@code vectors}, densified in batch order. */
  INDArray fill(List<SparseVector> vectors, int[] batch) {
    return fill(vectors, batch, null, 0);
  }

  /**
   * Row r is {@code vectors[batch[r]] + weight · vectors[also[r]]}, or the first alone where
   * {@code also} is null or {@code also[r] == batch[r]}.
   */
  INDArray fill(List<SparseVector> vectors, int[] batch, int[] also, float weight) {
    Buffer b = buffers.computeIfAbsent(batch.length, rows -> new Buffer(rows, dims));
    for (int i = 0; i < b.count; i++) {
      b.floats.put(b.written[i], 0f);
    }
    b.count = 0;
    for (int r = 0; r < batch.length; r++) {
      add(b, r, vectors.get(batch[r]), 1f);
      if (also != null && also[r] != batch[r]) {
        add(b, r, vectors.get(also[r]), weight);
      }
    }
    return b.array;
  }

  /**
   * The rows {@code batch} of {@code vectors} with each non-zero dropped with probability
   * {@code rate}, the rest scaled so that the row keeps its L2 norm (a row that loses every term
   * is empty).
   */
  INDArray fillDropped(List<SparseVector> vectors, int[] batch, double rate, SplittableRandom random) {
    Buffer b = buffers.computeIfAbsent(batch.length, rows -> new Buffer(rows, dims));
    for (int i = 0; i < b.count; i++) {
      b.floats.put(b.written[i], 0f);
    }
    b.count = 0;
    for (int r = 0; r < batch.length; r++) {
      SparseVector v = vectors.get(batch[r]);
      int[] keptIndex = new int[v.nnz()];
      float[] keptValue = new float[v.nnz()];
      int kept = 0;
      double all = 0;
      double left = 0;
      for (int k = 0; k < v.nnz(); k++) {
        float x = v.values()[k];
        all += (double) x * x;
        if (random.nextDouble() >= rate) {
          keptIndex[kept] = v.indices()[k];
          keptValue[kept++] = x;
          left += (double) x * x;
        }
      }
      float scale = left > 0 ? (float) Math.sqrt(all / left) : 0f;
      for (int k = 0; k < kept; k++) {
        keptValue[k] *= scale;
      }
      add(b, r, new SparseVector(Arrays.copyOf(keptIndex, kept), Arrays.copyOf(keptValue, kept)), 1f);
    }
    return b.array;
  }

  private void add(Buffer b, int row, SparseVector v, float weight) {
    int base = row * dims;
    int[] indices = v.indices();
    float[] values = v.values();
    if (b.count + indices.length > b.written.length) {
      b.written = java.util.Arrays.copyOf(b.written, Math.max(2 * b.written.length, b.count + indices.length));
    }
    for (int k = 0; k < indices.length; k++) {
      int at = base + indices[k];
      b.floats.put(at, b.floats.get(at) + weight * values[k]);
      b.written[b.count++] = at;
    }
  }
}
