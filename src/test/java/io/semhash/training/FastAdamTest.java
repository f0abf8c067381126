package io.semhash.training;

import static io.semhash.training.VaeFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** {@link FastAdam} updates and keeps state exactly as ND4J's native Adam, and DL4J keeps it in the network. */
class FastAdamTest {

  /**
   * Runs both updaters over the same gradients, [1, n] views as DL4J's updater blocks pass them;
   * the state view sits at an offset in a bigger array.
   */
  private static void compare(IUpdater reference, IUpdater fast, long n, int iterations) {
    INDArray stateRef = Nd4j.zeros(DataType.FLOAT, 1, 2 * n + 10).get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 2 * n + 10)).reshape(1, 2 * n);
    INDArray stateFast = Nd4j.zeros(DataType.FLOAT, 1, 2 * n + 10).get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 2 * n + 10)).reshape(1, 2 * n);
    GradientUpdater<?> ref = reference.instantiate(stateRef, true);
    GradientUpdater<?> fst = fast.instantiate(stateFast, true);
    assertThat(fst).isInstanceOf(FastAdam.Updater.class);
    Nd4j.getRandom().setSeed(3);
    for (int it = 0; it < iterations; it++) {
      INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(it % 2 == 0 ? 0.01 : 3);
      g.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, n / 3)).assign(0); // no gradient: still moved by momentum
      INDArray gRef = g.dup();
      INDArray gFast = Nd4j.zeros(DataType.FLOAT, 1, n + 7).get(NDArrayIndex.point(0), NDArrayIndex.interval(7, n + 7)).reshape(1, n).assign(g);
      ref.applyUpdater(gRef, it, 0);
      fst.applyUpdater(gFast, it, 0);
      assertThat(gRef.sub(g).amaxNumber().doubleValue()).as("the update replaces the gradient").isGreaterThan(0);
      assertThat(((FastAdam.Updater) fst).lastInJava).isTrue();
      assertClose(gFast, gRef, 1e-5);
    }
    assertClose(stateFast, stateRef, 1e-5);
  }

  @Test
  void sameUpdatesAndStateAsNd4jAdamOnAFlatView() {
    compare(new Adam(1e-3), new FastAdam(1e-3), 5003, 6);
  }

  @Test
  void momentsOfParametersWithoutGradientReachZeroWithoutPassingThroughSubnormals() {
    long n = 64;
    INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
    GradientUpdater<?> fst = new FastAdam(1e-3).instantiate(state, true);
    fst.applyUpdater(Nd4j.ones(DataType.FLOAT, 1, n).muli(1e-3), 0, 0);
    boolean reachedZero = false;
    for (int it = 1; it < 1500; it++) { // 0.9^1500 · 1e-4 would be far below the smallest float
      INDArray g = Nd4j.zeros(DataType.FLOAT, 1, n);
      fst.applyUpdater(g, it, 0);
      for (float x : state.data().asFloat()) {
        assertThat(x == 0f || Math.abs(x) >= Float.MIN_NORMAL).as("moment %s at step %d", x, it).isTrue();
      }
      for (float u : g.data().asFloat()) {
        assertThat(u == 0f || Math.abs(u) >= Float.MIN_NORMAL).as("update %s at step %d", u, it).isTrue();
      }
      reachedZero |= state.getFloat(0, 0) == 0f;
    }
    assertThat(reachedZero).as("the first moment of an idle parameter ends at zero").isTrue();
    assertThat(state.getFloat(0, n)).as("the second moment decays slowly and stays normal").isGreaterThan(0f);
  }

  @Test
  void sameWithOtherHyperparameters() {
    Adam a = new Adam(0.05, 0.8, 0.99, 1e-6);
    FastAdam f = new FastAdam(0.05);
    f.setBeta1(0.8);
    f.setBeta2(0.99);
    f.setEpsilon(1e-6);
    compare(a, f, 37 * 61, 5);
  }

  @Test
  void followsALearningRateSchedule() {
    StepSchedule schedule = new StepSchedule(ScheduleType.ITERATION, 0.01, 0.5, 2);
    compare(new Adam(schedule), new FastAdam() {{
        setLearningRateSchedule(schedule.clone());
      }}, 300, 6);
  }

  @Test
  void vaeFitStepsWithSparseLayerAndFastAdamMatchTheReferenceNetwork() {
    VaeFixtures.checkVaeSteps("zgr", 4, true);
  }

  @Test
  void theNetworkRunsFastAdamAfterJsonAndClone() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 200, ParallelSlices.SINGLE);
    net.fit(VaeFixtures.vaeBatch(8, 200, 1));
    for (MultiLayerNetwork n : new MultiLayerNetwork[] {net, net.clone()}) {
      for (UpdaterBlock block : ((org.deeplearning4j.nn.updater.MultiLayerUpdater) n.getUpdater()).getUpdaterBlocks()) {
        assertThat(block.getGradientUpdater()).isInstanceOf(FastAdam.Updater.class);
        if (n == net) {
          assertThat(((FastAdam.Updater) block.getGradientUpdater()).lastInJava).as("the network's gradients take the Java loop").isTrue();
        }
      }
    }
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    for (int i = 0; i < back.getConfs().size(); i++) {
      if (back.getConf(i).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer l) {
        assertThat(l.getIUpdater()).isInstanceOf(FastAdam.class).isEqualTo(new FastAdam(1e-3));
      }
    }
  }
}
