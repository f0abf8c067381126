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

  /** The options of {@link VaeFixtures#vaeOptions} with the sampled decoder. */
  private static io.semhash.model.TrainingOptions sampledOptions(String estimator, int negatives) {
    io.semhash.model.TrainingOptions o = VaeFixtures.vaeOptions(estimator);
    return new io.semhash.model.TrainingOptions(o.bits(), o.hidden(), o.estimator(), o.tau(), o.samples(), o.beta(),
        o.neighbourWeight(), o.neighbours(), o.neighbourWeighting(), o.neighbourMinSimilarity(), o.inputWeighting(),
        o.neighbourReconstruction(), o.inputDropout(), o.neighbourLoss(), o.learningRate(), o.batchSize(), o.epochs(),
        o.patience(), o.validationFraction(), o.seed(), negatives);
  }

  @Test
  void sampledDecoderOnBatchesHoldingEveryWordTrainsAsTheFullOne() {
    // every word held by some row: every word is a candidate, none is drawn, nothing is estimated
    MultiLayerNetwork net = VaeNetwork.create(sampledOptions("st", 50), 300, ParallelSlices.SINGLE);
    MultiLayerNetwork ref = VaeNetwork.create(VaeFixtures.vaeOptions("st"), 300, ParallelSlices.SINGLE);
    SoftmaxDecoderLayer.Impl decoder = (SoftmaxDecoderLayer.Impl) net.getLayer(VaeNetwork.DECODER);
    for (int s = 1; s <= 3; s++) {
      DataSet sparse = VaeFixtures.vaeBatch(16, 300, s);
      org.nd4j.linalg.api.ndarray.INDArray labels = sparse.getLabels().dup();
      for (int t = 0; t < 300; t++) {
        labels.putScalar(t % 16, t, labels.getFloat(t % 16, t) + 1);
      }
      DataSet ds = new DataSet(sparse.getFeatures(), labels);
      net.fit(ds);
      ref.fit(ds);
      assertThat(decoder.computed).isEqualTo(s);
      assertThat(net.score()).isCloseTo(ref.score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
      VaeFixtures.assertClose(VaeFixtures.logicalParams(net), VaeFixtures.logicalParams(ref), 1e-4);
    }
  }

  @Test
  void sampledDecoderMovesOnlyTheSampledWords() {
    // one step from the same start: the decoder's weights change only on the batch's words and its
    // negatives; a word neither in the batch nor drawn keeps its column and bias (Adam's first step
    // moves every parameter with a non-zero gradient by about the learning rate)
    int v = 300;
    MultiLayerNetwork net = VaeNetwork.create(sampledOptions("st", 5), v, ParallelSlices.SINGLE);
    org.nd4j.linalg.api.ndarray.INDArray before = net.getLayer(VaeNetwork.DECODER).getParam("W").dup();
    DataSet ds = VaeFixtures.vaeBatch(4, v, 7);
    net.fit(ds);
    org.nd4j.linalg.api.ndarray.INDArray after = net.getLayer(VaeNetwork.DECODER).getParam("W");
    org.nd4j.linalg.api.ndarray.INDArray inBatch = ds.getLabels().sum(0);
    int moved = 0;
    int movedOutside = 0;
    for (int t = 0; t < v; t++) {
      boolean changed = after.getColumn(t).neq(before.getColumn(t)).any();
      moved += changed ? 1 : 0;
      movedOutside += changed && inBatch.getDouble(t) == 0 ? 1 : 0;
    }
    assertThat(movedOutside).as("columns moved outside the batch's words: the negatives").isBetween(1, 5);
    assertThat(moved - movedOutside).isEqualTo(inBatch.gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue());
  }
}
