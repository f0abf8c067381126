package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The decoder computes its pre-output once per training step, and nothing else changes. */
class OnceOutputLayerTest {

  @Test
  void onePreOutputPerFitStepAndTheSameNumbersAsDl4j() {
    MultiLayerNetwork net = VaeNetwork.create(SparseDenseLayerTest.vaeOptions("st"), 300);
    MultiLayerNetwork ref = VaeNetwork.create(SparseDenseLayerTest.vaeOptions("st"), 300, false, false);
    OnceOutputLayer.Impl decoder = (OnceOutputLayer.Impl) net.getLayer(VaeNetwork.DECODER);
    for (int s = 1; s <= 3; s++) {
      DataSet ds = SparseDenseLayerTest.vaeBatch(16, 300, s);
      net.fit(ds);
      ref.fit(ds);
      assertThat(decoder.computed).isEqualTo(s);
      assertThat(net.score()).isCloseTo(ref.score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
    DataSet ds = SparseDenseLayerTest.vaeBatch(16, 300, 9);
    SparseDenseLayerTest.assertClose(net.output(ds.getFeatures()), ref.output(ds.getFeatures()), 1e-4);
    assertThat(net.score(ds)).isCloseTo(ref.score(ds), org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @Test
  void configurationSurvivesJson() {
    MultiLayerNetwork net = VaeNetwork.create(SparseDenseLayerTest.vaeOptions("st"), 300);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    assertThat(back.getConf(VaeNetwork.DECODER).getLayer()).isInstanceOf(OnceOutputLayer.class)
        .isEqualTo(net.getLayerWiseConfigurations().getConf(VaeNetwork.DECODER).getLayer());
    assertThat(net.clone().getLayer(VaeNetwork.DECODER)).isInstanceOf(OnceOutputLayer.Impl.class);
  }
}
