package io.semhash.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-op costs of one fit step besides the first layer: the updater's passes over all parameters and the decoder. */
public final class OpBench {
  interface Op {
    void run();
  }

  static void time(String name, int n, Op op) {
    for (int i = 0; i < 3; i++) {
      op.run();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.run();
    }
    System.out.printf("%-48s %7.2f ms%n", name, (System.nanoTime() - t0) / 1e6 / n);
  }

  public static void main(String[] a) {
    long p = Long.parseLong(a.length > 0 ? a[0] : "5591000");
    int b = a.length > 1 ? Integer.parseInt(a[1]) : 64;
    int v = 10000;
    int n = 20;
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, p);
    INDArray grad = Nd4j.rand(DataType.FLOAT, 1, p);
    INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * p);
    GradientUpdater<?> adam = new Adam(1e-3).instantiate(state, true);
    int[] it = {0};
    INDArray src = Nd4j.randn(DataType.FLOAT, 1, p).muli(0.01);
    time("grad.assign(src) (copy, to subtract below)", n, () -> grad.assign(src));
    time("Adam applyUpdater over " + p + " params (+copy)", n, () -> adam.applyUpdater(grad.assign(src), it[0]++, 0));
    time("params.subi(update)", n, () -> params.subi(grad));
    time("grad.divi(minibatch) (+copy)", n, () -> grad.assign(src).divi(b));
    time("grad.muli(1/minibatch) (+copy)", n, () -> grad.assign(src).muli(1.0 / b));
    time("grad.assign(0) (" + p + ")", n, () -> grad.assign(0));
    INDArray w1 = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5_000_000));
    time("W1 gradient view assign(0) (5M)", n, () -> w1.assign(0));
    INDArray h = Nd4j.rand(DataType.FLOAT, b, 64);
    INDArray w4 = Nd4j.rand(DataType.FLOAT, 'f', 64, v);
    INDArray outC = Nd4j.create(DataType.FLOAT, new long[] {b, v}, 'c');
    INDArray outF = Nd4j.create(DataType.FLOAT, new long[] {b, v}, 'f');
    time("decoder h·W4 into 'c' (mmuli, DL4J's way)", n, () -> h.mmuli(w4, outC));
    time("decoder h·W4 into 'f'", n, () -> h.mmuli(w4, outF));
    INDArray z = Nd4j.rand(DataType.FLOAT, b, v);
    time("softmax [" + b + "," + v + "]", n, () -> Transforms.softmax(z, true));
    time("exp [" + b + "," + v + "]", n, () -> Transforms.exp(z, true));
    INDArray d = Nd4j.rand(DataType.FLOAT, b, v);
    INDArray gw4 = Nd4j.create(DataType.FLOAT, new long[] {64, v}, 'f');
    time("decoder weight grad hᵀ·δ", n, () -> Nd4j.gemm(h, d, gw4, true, false, 1.0, 0.0));
    time("decoder input grad δ·W4ᵀ", n, () -> d.mmul(w4.transpose()));
  }
}
