package io.semhash.bench;

import io.semhash.model.TrainingOptions;
import io.semhash.training.ParallelSlices;
import io.semhash.training.VaeNetwork;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fit-step time of the VAE as it was ("dense": DL4J's dense first layer, ND4J's Adam, DL4J's
 * output layer) vs as it is ("sparse": {@code SparseDenseLayer}, {@code FastAdam},
 * {@code SoftmaxDecoderLayer}; {@code -DnativeAdam=true}: ND4J's Adam and DL4J's output layer), in the
 * same JVM, rounds interleaved so that load on the machine hits both alike;
 * {@code -DsparseOnly=true} skips the old network (for profiling); {@code -Dthreads=N} the threads
 * of the Java loops (default 0, one per core, as training). Input: ~nnz random terms per
 * row with tf-idf-like values (counts as labels), a fresh batch every step.
 *
 * <pre>
 * javac -cp "target/classes:target/lib/*" -d /tmp/bench bench/java/io/semhash/bench/StepBench.java
 * OMP_NUM_THREADS=1 java -cp "/tmp/bench:target/classes:target/lib/*" io.semhash.bench.StepBench 10000 64 [steps] [rounds] [nnz]
 * OMP_NUM_THREADS=1 java -cp "/tmp/bench:target/classes:target/lib/*" io.semhash.bench.OpBench   # per-op costs
 * </pre>
 */
public final class StepBench {
  public static void main(String[] a) {
    int v = Integer.parseInt(a[0]);
    int b = Integer.parseInt(a[1]);
    int steps = a.length > 2 ? Integer.parseInt(a[2]) : 10;
    int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 3;
    int nnz = a.length > 4 ? Integer.parseInt(a[4]) : 100;
    boolean denseToo = !Boolean.getBoolean("sparseOnly");
    TrainingOptions o = new TrainingOptions(64, 500, "zgr", 0.5, 10, 1.0, 0.0, 10, 1e-3, b, 1, 1, 0.1, 1);
    ParallelSlices slices = new ParallelSlices(Integer.getInteger("threads", 0));
    MultiLayerNetwork dense = denseToo ? VaeNetwork.create(o, v, false, false, slices) : null;
    MultiLayerNetwork sparse = VaeNetwork.create(o, v, true, !Boolean.getBoolean("nativeAdam"), slices);
    SplittableRandom rnd = new SplittableRandom(7);
    DataSet[] batches = new DataSet[8];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = batch(rnd, b, v, nnz);
    }
    for (int i = 0; i < 3; i++) {
      if (dense != null) {
        dense.fit(batches[i]);
      }
      sparse.fit(batches[i]);
    }
    double[] td = new double[rounds];
    double[] ts = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (dense != null) {
        td[r] = time(dense, batches, steps);
      }
      ts[r] = time(sparse, batches, steps);
      System.out.printf("round %d: dense %.1f ms/step, sparse %.1f ms/step%n", r, td[r], ts[r]);
    }
    Arrays.sort(td);
    Arrays.sort(ts);
    System.out.printf("V=%d B=%d nnz/row=%d OMP_NUM_THREADS=%s: median dense %.1f ms, sparse %.1f ms, ratio %.1fx; sparse epoch of 10,000 docs ≈ %.1f s%n",
        v, b, nnz, System.getenv("OMP_NUM_THREADS"), td[rounds / 2], ts[rounds / 2], td[rounds / 2] / ts[rounds / 2],
        ts[rounds / 2] * 10000.0 / b / 1000);
  }

  /** Wall ms per step; prints the thread's CPU ms per step beside it (what holds on a shared machine). */
  static double time(MultiLayerNetwork net, DataSet[] batches, int steps) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      net.fit(batches[i % batches.length]);
    }
    double wall = (System.nanoTime() - t0) / 1e6 / steps;
    System.out.printf("  (%.1f ms wall, %.1f ms CPU per step)%n", wall, (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps);
    return wall;
  }

  static DataSet batch(SplittableRandom rnd, int b, int v, int nnz) {
    float[] x = new float[b * v];
    float[] y = new float[b * v];
    for (int r = 0; r < b; r++) {
      for (int k = 0; k < nnz; k++) {
        int t = (int) Math.min(v - 1, Math.floor(Math.pow(rnd.nextDouble(), 2) * v)); // skewed towards low ids
        y[r * v + t] += 1;
        x[r * v + t] = (float) (0.02 + 0.2 * rnd.nextDouble());
      }
    }
    return new DataSet(Nd4j.create(x, new long[] {b, v}, 'c'), Nd4j.create(y, new long[] {b, v}, 'c'));
  }
}
