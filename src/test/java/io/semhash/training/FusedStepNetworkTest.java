package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.model.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class FusedStepNetworkTest {
  /** Large enough that every parallel loop of a step really splits (see {@link ParallelSlices#run} callers). */
  static final int V = 3000;

  static TrainingOptions options() {
    return new TrainingOptions(16, 40, "zgr", 0.5, 10, 1.0, 0.0, 10, 3e-3, 64, 1, 1, 0.1, 5);
  }

  static List<DataSet> batches(int n) {
    List<DataSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(VaeFixtures.vaeBatch(128, V, 40 + i)); // ~3% non-zeros: ~11,500 per batch
    }
    return out;
  }

  private static float[] trainedParams(MultiLayerNetwork net, List<DataSet> data) {
    for (DataSet ds : data) {
      net.fit(ds);
    }
    return net.params().dup().data().asFloat();
  }

  private static List<FastAdam.Updater> updaters(MultiLayerNetwork net) {
    List<FastAdam.Updater> out = new ArrayList<>();
    for (UpdaterBlock b : ((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks()) {
      out.add((FastAdam.Updater) b.getGradientUpdater());
    }
    return out;
  }

  /** Equal float for float, bit for bit; a failure names the first parameter that differs. */
  private static void assertSameBits(float[] actual, float[] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
        throw new AssertionError("parameter " + i + " of " + actual.length + ": " + actual[i] + " vs " + expected[i]);
      }
    }
  }

  @Test
  void fusedStepGivesTheParametersOfDl4jsOwnStepToTheLastBit() {
    List<DataSet> data = batches(5);
    MultiLayerNetwork fused = VaeNetwork.create(options(), V, ParallelSlices.SINGLE);
    assertThat(fused).isInstanceOf(FusedStepNetwork.class);
    // the same layers and FastAdam, but DL4J's network, solver and step function
    MultiLayerNetwork plain = new MultiLayerNetwork(fused.getLayerWiseConfigurations().clone());
    plain.init();
    assertThat(plain.params()).isEqualTo(fused.params());

    float[] a = trainedParams(fused, data);
    float[] b = trainedParams(plain, data);

    for (FastAdam.Updater u : updaters(fused)) {
      assertThat(u.updatesIntoParams).as("every update went straight into the parameters").isEqualTo(data.size());
    }
    for (FastAdam.Updater u : updaters(plain)) {
      assertThat(u.updatesIntoParams).as("DL4J's network leaves the update to its step").isZero();
      assertThat(u.lastInJava).isTrue();
    }
    assertSameBits(a, b);

    // outside fit(DataSet) the updaters leave the update to the step function, which then applies it
    DataSet more = batches(6).get(5);
    fused.fit(more.getFeatures(), more.getLabels());
    plain.fit(more.getFeatures(), more.getLabels());
    for (FastAdam.Updater u : updaters(fused)) {
      assertThat(u.updatesIntoParams).isEqualTo(data.size());
    }
    assertSameBits(fused.params().dup().data().asFloat(), plain.params().dup().data().asFloat());
    // and training moved them
    MultiLayerNetwork untrained = new MultiLayerNetwork(fused.getLayerWiseConfigurations().clone());
    untrained.init();
    assertThat(java.util.Arrays.equals(a, untrained.params().data().asFloat())).isFalse();
  }

  @Test
  void sameModelOnOneThreadAndOnThree() {
    List<DataSet> data = batches(30); // enough steps for a race between the slices to show
    float[] one;
    try (ParallelSlices single = new ParallelSlices(1)) {
      one = trainedParams(VaeNetwork.create(options(), V, single), data);
      assertThat(single.splitRuns.get()).isZero();
    }
    try (ParallelSlices slices = new ParallelSlices(3)) {
      float[] three = trainedParams(VaeNetwork.create(options(), V, slices), data);
      // per step: Adam, the first layer's weight gradient, the decoder's softmax, all on the pool given
      assertThat(slices.splitRuns.get()).isGreaterThanOrEqualTo(3L * data.size());
      assertSameBits(three, one);
    }
  }
}
