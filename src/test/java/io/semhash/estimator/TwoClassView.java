package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A function of two-class one-hots seen as a function of bits: x_v ↦ one-hot (1 − x_v, x_v), so
 * ∂f/∂x_v = g_{v,1} − g_{v,0}.
 */
record TwoClassView(Objective onOneHots) implements Objective {

  @Override
  public INDArray values(INDArray bits) {
    return onOneHots.values(oneHots(bits));
  }

  @Override
  public INDArray gradients(INDArray bits) {
    long rows = bits.size(0);
    long m = bits.size(1);
    INDArray g = onOneHots.gradients(oneHots(bits)).reshape(rows, m, 2);
    INDArray g1 = g.get(all(), all(), point(1));
    INDArray g0 = g.get(all(), all(), point(0));
    return g1.sub(g0).reshape(rows, m);
  }

  private static INDArray oneHots(INDArray bits) {
    long rows = bits.size(0);
    long m = bits.size(1);
    INDArray out = Nd4j.create(bits.dataType(), rows, m, 2);
    out.get(all(), all(), point(1)).assign(bits);
    out.get(all(), all(), point(0)).assign(bits.rsub(1.0));
    return out.reshape(rows, m * 2);
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex all() {
    return org.nd4j.linalg.indexing.NDArrayIndex.all();
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex point(long i) {
    return org.nd4j.linalg.indexing.NDArrayIndex.point(i);
  }
}
