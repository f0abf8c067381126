package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.model.TrainingOptions;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The sparse first layer computes what DL4J's dense layer computes: same output, same weight and
 * bias gradients (on the same parameters and the same sparse input), and a whole VAE step with it
 * moves the parameters as the step of the all-dense VAE does.
 */
class SparseDenseLayerTest {
  private static final int V = 300;
  private static final int H = 24;
  private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

  /** A one-hidden-layer network whose first layer is sparse or DL4J's own. */
  private static MultiLayerNetwork tiny(boolean sparse, Activation activation) {
    org.deeplearning4j.nn.conf.layers.Layer first = sparse
        ? SparseDenseLayer.of(V, H, activation, ParallelSlices.SINGLE)
        : new DenseLayer.Builder().nIn(V).nOut(H).activation(activation).build();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(11)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-2))
        .weightInit(WeightInit.XAVIER)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list()
        .layer(0, first)
        .layer(1, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(H).nOut(5).activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.initGradientsView();
    return net;
  }


  private static void randomiseParams(Layer dense, Layer sparse, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray w = Nd4j.randn(DataType.FLOAT, V, H).muli(0.2);
    INDArray b = Nd4j.randn(DataType.FLOAT, 1, H).muli(0.3); // a non-zero bias: both its use and its gradient count
    for (Layer l : new Layer[] {dense, sparse}) {
      l.setParam("W", w);
      l.setParam("b", b);
    }
  }


  private void checkLayer(INDArray x, Activation activation) {
    MultiLayerNetwork denseNet = tiny(false, activation);
    MultiLayerNetwork sparseNet = tiny(true, activation);
    Layer dense = denseNet.getLayer(0);
    Layer sparse = sparseNet.getLayer(0);
    assertThat(sparse).isInstanceOf(SparseDenseLayerImpl.class);
    assertThat(dense).isNotInstanceOf(SparseDenseLayerImpl.class);
    randomiseParams(dense, sparse, 5);
    // stale numbers in the gradient views (the updater leaves its update there): must not leak
    sparse.getGradientsViewArray().assign(7);
    dense.getGradientsViewArray().assign(7);

    dense.setInput(x, NO_WS);
    sparse.setInput(x, NO_WS);
    INDArray outDense = dense.activate(true, NO_WS).dup();
    INDArray outSparse = sparse.activate(true, NO_WS).dup();
    assertThat(outDense.amaxNumber().doubleValue()).isGreaterThan(0.1);
    VaeFixtures.assertClose(outSparse, outDense, 1e-5);

    INDArray eps = Nd4j.randn(DataType.FLOAT, x.size(0), H);
    Pair<Gradient, INDArray> gd = dense.backpropGradient(eps.dup(), NO_WS);
    Pair<Gradient, INDArray> gs = sparse.backpropGradient(eps.dup(), NO_WS);
    // the sparse layer's gradient is already the batch mean; DL4J's is the sum, divided later by its updater
    assertThat(sparse.updaterDivideByMinibatch("W")).isFalse();
    assertThat(dense.updaterDivideByMinibatch("W")).isTrue();
    long rows = x.size(0);
    INDArray wDense = gd.getFirst().getGradientFor("W");
    INDArray wSparse = gs.getFirst().getGradientFor("W").mul(rows);
    assertThat(wDense.amaxNumber().doubleValue()).isGreaterThan(0.1);
    VaeFixtures.assertClose(wSparse, wDense, 1e-5);
    VaeFixtures.assertClose(gs.getFirst().getGradientFor("b").mul(rows), gd.getFirst().getGradientFor("b"), 1e-5);
    // the gradients live where the updater reads them: the layer's gradient view, all of it, W row by row
    long n = sparse.getGradientsViewArray().length();
    INDArray expectedView = Nd4j.concat(0, wDense.dup('c').reshape(-1), gd.getFirst().getGradientFor("b").reshape(-1));
    VaeFixtures.assertClose(sparse.getGradientsViewArray().reshape(n).mul(rows), expectedView, 1e-5);
    assertThat(gs.getSecond()).as("first layer: no input gradient").isNull();
  }

  @Test
  void reluLayerMatchesDl4jDenseLayerOnCOrderInput() {
    checkLayer(VaeFixtures.sparseInput(40, V, 0.05, 1, 'c'), Activation.RELU);
  }

  @Test
  void matchesOnFOrderInputAndOtherActivation() {
    checkLayer(VaeFixtures.sparseInput(17, V, 0.1, 2, 'f'), Activation.TANH);
  }

  @Test
  void matchesOnAViewWithAnOffset() {
    INDArray big = VaeFixtures.sparseInput(50, V, 0.05, 3, 'c');
    INDArray view = big.get(NDArrayIndex.interval(9, 41), NDArrayIndex.all());
    assertThat(view.offset()).isGreaterThan(0);
    checkLayer(view, Activation.RELU);
  }

  @Test
  void readsTheInputAfreshOnEveryForwardPass() {
    MultiLayerNetwork net = tiny(true, Activation.RELU);
    MultiLayerNetwork ref = tiny(false, Activation.RELU);
    randomiseParams(ref.getLayer(0), net.getLayer(0), 9);
    INDArray x = VaeFixtures.sparseInput(8, V, 0.05, 4, 'c');
    Layer layer = net.getLayer(0);
    layer.setInput(x, NO_WS);
    INDArray first = layer.activate(true, NO_WS).dup();
    x.muli(-1); // same array, new numbers, no setInput in between
    INDArray second = layer.activate(true, NO_WS).dup();
    VaeFixtures.assertClose(second, ref.getLayer(0).activate(x, true, NO_WS), 1e-5);
    assertThat(second.equalsWithEps(first, 1e-3)).isFalse();
  }

  @Test
  void configurationSurvivesJsonAndClone() {
    MultiLayerNetwork net = tiny(true, Activation.RELU);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    assertThat(back.getConf(0).getLayer()).isInstanceOf(SparseDenseLayer.class).isEqualTo(net.getLayerWiseConfigurations().getConf(0).getLayer());
    assertThat(net.getLayerWiseConfigurations().clone().getConf(0).getLayer()).isInstanceOf(SparseDenseLayer.class);
    MultiLayerNetwork clone = net.clone();
    assertThat(clone.getLayer(0)).isInstanceOf(SparseDenseLayerImpl.class);
    INDArray x = VaeFixtures.sparseInput(6, V, 0.05, 5, 'c');
    VaeFixtures.assertClose(clone.output(x), net.output(x), 1e-6);
    // a plain dense layer with the same numbers is a different configuration
    assertThat(tiny(false, Activation.RELU).getLayerWiseConfigurations().getConf(0).getLayer())
        .isNotEqualTo(net.getLayerWiseConfigurations().getConf(0).getLayer());
  }

  @Test
  void sameInitialParametersAsTheDenseLayer() {
    // same seed, same configuration apart from the class: the weight init draws the same numbers
    // and puts them at the same (row, column), whatever the layout
    VaeFixtures.assertClose(VaeFixtures.logicalParams(tiny(true, Activation.RELU)), VaeFixtures.logicalParams(tiny(false, Activation.RELU)), 0);
  }

  @Test
  void weightsAndTheirGradientAreRowMajorViewsOfTheNetworksVectors() {
    MultiLayerNetwork net = tiny(true, Activation.RELU);
    Layer layer = net.getLayer(0);
    INDArray w = layer.getParam("W");
    assertThat(w.ordering()).isEqualTo('c');
    assertThat(w.stride()).containsExactly(H, 1);
    // element (r, c) of W is element r·H + c of the network's parameter vector
    INDArray flat = net.params().reshape(net.params().length());
    flat.putScalar(2L * H + 5, 42f);
    assertThat(w.getFloat(2, 5)).isEqualTo(42f);
    net.setInput(VaeFixtures.sparseInput(6, V, 0.2, 8, 'c'));
    net.setLabels(Nd4j.rand(DataType.FLOAT, 6, 5));
    net.computeGradientAndScore();
    INDArray gw = net.gradient().getGradientFor("0_W");
    INDArray gradFlat = layer.getGradientsViewArray().reshape(layer.getGradientsViewArray().length());
    assertThat(gw.amaxNumber().doubleValue()).isGreaterThan(0);
    for (int r = 0; r < V; r += 37) {
      for (int c = 0; c < H; c += 5) {
        assertThat(gradFlat.getFloat((long) r * H + c)).isEqualTo(gw.getFloat(r, c));
      }
    }
  }


  // ---- the whole VAE ----



  @Test
  void vaeFitStepsMatchTheDenseNetworkWithStraightThrough() {
    VaeFixtures.checkVaeSteps("st", 3, false);
  }

  @Test
  void vaeFitStepsMatchTheDenseNetworkWithZgr() {
    VaeFixtures.checkVaeSteps("zgr", 3, false);
  }

  @Test
  void vaeGradientsMatchTheDenseNetwork() {
    int vocab = 700;
    TrainingOptions o = VaeFixtures.vaeOptions("st");
    MultiLayerNetwork dense = VaeNetwork.create(o, vocab, false, false, ParallelSlices.SINGLE);
    MultiLayerNetwork sparse = VaeNetwork.create(o, vocab, true, false, ParallelSlices.SINGLE);
    DataSet ds = VaeFixtures.vaeBatch(32, vocab, 77);
    for (MultiLayerNetwork n : new MultiLayerNetwork[] {dense, sparse}) {
      n.setInput(ds.getFeatures());
      n.setLabels(ds.getLabels());
      n.computeGradientAndScore();
    }
    java.util.Map<String, INDArray> sparseByKey = new java.util.LinkedHashMap<>();
    for (String key : sparse.paramTable().keySet()) {
      INDArray g = sparse.gradient().getGradientFor(key).dup();
      // layer 0 of the sparse network hands over the batch mean (DL4J's updater divides the rest)
      sparseByKey.put(key, key.startsWith("0_") ? g.muli(ds.getFeatures().size(0)) : g);
    }
    java.util.Map<String, INDArray> denseByKey = new java.util.LinkedHashMap<>();
    for (String key : dense.paramTable().keySet()) {
      denseByKey.put(key, dense.gradient().getGradientFor(key));
    }
    INDArray gd = VaeFixtures.logical(denseByKey);
    INDArray gs = VaeFixtures.logical(sparseByKey);
    assertThat(gd.amaxNumber().doubleValue()).isGreaterThan(1e-2);
    VaeFixtures.assertClose(gs, gd, 1e-5);
    assertThat(sparse.score()).isCloseTo(dense.score(), org.assertj.core.data.Percentage.withPercentage(1e-4));
  }
}
