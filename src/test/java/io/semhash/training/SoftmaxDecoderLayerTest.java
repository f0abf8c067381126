package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The decoder computes logits, loss and δ once per training step, in place, and trains the network
 * exactly as DL4J's own output layer with the same loss does (the reference network).
 */
class SoftmaxDecoderLayerTest {

  @Test
  void oneTrainingPassPerFitStepAndTheSameNumbersAsDl4j() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, ParallelSlices.SINGLE);
    MultiLayerNetwork ref = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, false, false, ParallelSlices.SINGLE);
    SoftmaxDecoderLayer.Impl decoder = (SoftmaxDecoderLayer.Impl) net.getLayer(VaeNetwork.DECODER);
    for (int s = 1; s <= 3; s++) {
      DataSet ds = VaeFixtures.vaeBatch(16, 300, s);
      net.fit(ds);
      ref.fit(ds);
      assertThat(decoder.computed).isEqualTo(s);
      assertThat(net.score()).isCloseTo(ref.score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
      VaeFixtures.assertClose(net.getLayer(VaeNetwork.DECODER).params(), ref.getLayer(VaeNetwork.DECODER).params(), 1e-4);
    }
    DataSet ds = VaeFixtures.vaeBatch(16, 300, 9);
    VaeFixtures.assertClose(net.output(ds.getFeatures()), ref.output(ds.getFeatures()), 1e-4);
    assertThat(net.score(ds)).isCloseTo(ref.score(ds), org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @Test
  void columnMajorCountsTrainAlike() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, ParallelSlices.SINGLE);
    MultiLayerNetwork ref = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, false, false, ParallelSlices.SINGLE);
    for (int s = 1; s <= 2; s++) {
      DataSet ds = VaeFixtures.vaeBatch(16, 300, 40 + s);
      DataSet fOrder = new DataSet(ds.getFeatures(), ds.getLabels().dup('f'));
      net.fit(fOrder);
      ref.fit(ds);
      assertThat(net.score()).isCloseTo(ref.score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
    VaeFixtures.assertClose(net.getLayer(VaeNetwork.DECODER).params(), ref.getLayer(VaeNetwork.DECODER).params(), 1e-4);
  }

  @Test
  void configurationSurvivesJson() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, ParallelSlices.SINGLE);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    assertThat(back.getConf(VaeNetwork.DECODER).getLayer()).isInstanceOf(SoftmaxDecoderLayer.class)
        .isEqualTo(net.getLayerWiseConfigurations().getConf(VaeNetwork.DECODER).getLayer());
    assertThat(net.clone().getLayer(VaeNetwork.DECODER)).isInstanceOf(SoftmaxDecoderLayer.Impl.class);
  }
}
