package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The hidden layers compute xW + b once per training step, and train as DL4J's dense layers do. */
class SingleForwardDenseLayerTest {

  @Test
  void onePreActivationPerFitStepAndTheSameNumbersAsDl4j() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("zgr"), 300, ParallelSlices.SINGLE);
    MultiLayerNetwork ref = VaeNetwork.create(VaeFixtures.vaeOptions("zgr"), 300, false, false, ParallelSlices.SINGLE);
    SingleForwardDenseLayer.Impl hidden = (SingleForwardDenseLayer.Impl) net.getLayer(VaeNetwork.ENCODER_2);
    SingleForwardDenseLayer.Impl logits = (SingleForwardDenseLayer.Impl) net.getLayer(VaeNetwork.LOGITS);
    for (int s = 1; s <= 3; s++) {
      DataSet ds = VaeFixtures.vaeBatch(16, 300, 20 + s);
      net.fit(ds);
      ref.fit(ds);
      assertThat(hidden.computed).isEqualTo(s);
      assertThat(logits.computed).isEqualTo(s);
      for (int layer : new int[] {VaeNetwork.ENCODER_2, VaeNetwork.LOGITS}) {
        VaeFixtures.assertClose(net.getLayer(layer).params(), ref.getLayer(layer).params(), 1e-4);
      }
    }
    // inference takes DL4J's path and does not disturb the next training step
    DataSet ds = VaeFixtures.vaeBatch(16, 300, 9);
    VaeFixtures.assertClose(net.output(ds.getFeatures()), ref.output(ds.getFeatures()), 1e-4);
    net.fit(ds);
    ref.fit(ds);
    VaeFixtures.assertClose(net.getLayer(VaeNetwork.ENCODER_2).params(), ref.getLayer(VaeNetwork.ENCODER_2).params(), 1e-4);
  }

  @Test
  void configurationSurvivesJsonAndClone() {
    MultiLayerNetwork net = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, ParallelSlices.SINGLE);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    assertThat(back.getConf(VaeNetwork.ENCODER_2).getLayer()).isInstanceOf(SingleForwardDenseLayer.class)
        .isEqualTo(net.getLayerWiseConfigurations().getConf(VaeNetwork.ENCODER_2).getLayer());
    assertThat(net.clone().getLayer(VaeNetwork.LOGITS)).isInstanceOf(SingleForwardDenseLayer.Impl.class);
  }
}
