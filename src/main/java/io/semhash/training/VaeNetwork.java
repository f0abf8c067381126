package io.semhash.training;

import io.semhash.codes.CodeSpec;
import io.semhash.model.ModelWeights;
import io.semhash.model.TrainingOptions;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The hashing VAE as a DL4J network: encoder V → H → H → b (ReLU, ReLU, identity: the logits η;
 * the first layer sparse-aware, see {@link SparseDenseLayer}),
 * the latent layer (estimator, KL, neighbour term: {@link BinaryLatentLayer}, or {@link
 * CategoricalLatentLayer} with b = m·C logits and the one-hot classes concatenated as the
 * decoder's input), and a linear decoder b → V whose
 * softmax and count-weighted log-likelihood live in {@link CountMultinomialLoss}.
 *
 * <p>The network is rebuilt from the options, never read from a serialised configuration, so a
 * model file holds nothing but numbers: {@link #weights} copies them out into the model's own
 * format.
 *
 * <p>The training step's Java loops run on the {@link ParallelSlices} given here, which reach the
 * layers and the updater through their configurations.
 */
public final class VaeNetwork {
  /** Layer positions. */
  public static final int ENCODER_1 = 0;
  public static final int ENCODER_2 = 1;
  public static final int LOGITS = 2;
  public static final int LATENT = 3;
  public static final int DECODER = 4;

  private VaeNetwork() {}

  /** The network the trainer trains, its Java loops run on {@code slices}. */
  public static MultiLayerNetwork create(TrainingOptions o, int vocabularySize, ParallelSlices slices) {
    return create(o, vocabularySize, true, true, slices);
  }

  /**
   * The network with DL4J's own parts swapped in or out, for tests and benchmarks (same
   * parameters, same numbers up to float rounding).
   *
   * @param sparseInput first layer a {@link SparseDenseLayer} (the input is ~1% non-zeros) rather
   *     than DL4J's dense layer
   * @param fast Adam as {@link FastAdam} rather than ND4J's native op, subtracting the update in
   *     the same pass ({@link FusedStepNetwork}), the hidden layers {@link
   *     SingleForwardDenseLayer}s and the decoder a {@link SoftmaxDecoderLayer} rather than DL4J's
   *     own
   * @param slices the threads of the sparse layer's, the decoder's and Adam's Java loops
   */
  public static MultiLayerNetwork create(
      TrainingOptions o, int vocabularySize, boolean sparseInput, boolean fast, ParallelSlices slices) {
    OutputLayer.Builder decoder = new OutputLayer.Builder(new CountMultinomialLoss())
        .nIn(o.code().logits()).nOut(vocabularySize).activation(Activation.IDENTITY);
    org.deeplearning4j.nn.conf.layers.Layer first = sparseInput
        ? SparseDenseLayer.of(vocabularySize, o.hidden(), Activation.RELU, slices)
        : new DenseLayer.Builder().nIn(vocabularySize).nOut(o.hidden()).activation(Activation.RELU).build();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(o.seed())
        .dataType(DataType.FLOAT)
        .updater(fast ? new FastAdam(o.learningRate(), slices) : new Adam(o.learningRate()))
        .weightInit(WeightInit.XAVIER)
        // the latent layer keeps its sample between forward and backward: no workspace reuse
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list()
        .layer(ENCODER_1, first)
        .layer(ENCODER_2, hidden(o.hidden(), o.hidden(), Activation.RELU, fast))
        .layer(LOGITS, hidden(o.hidden(), o.code().logits(), Activation.IDENTITY, fast))
        .layer(LATENT, latentLayer(o))
        .layer(DECODER, fast ? new SoftmaxDecoderLayer(decoder, slices) : decoder.build())
        .build();
    MultiLayerNetwork net = fast ? new FusedStepNetwork(conf) : new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static DenseLayer hidden(long nIn, long nOut, Activation activation, boolean fast) {
    return fast
        ? SingleForwardDenseLayer.of(nIn, nOut, activation)
        : new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(activation).build();
  }

  /** The latent layer of the options' code: binary bits, or one class per group. */
  private static LatentLayerConfiguration latentLayer(TrainingOptions o) {
    boolean crossEntropy = o.neighbourLoss().equals(TrainingOptions.CROSS_ENTROPY);
    CodeSpec code = o.code();
    return code.categorical()
        ? CategoricalLatentLayer.of(code.groups(), code.classes(), o.estimator(), o.tau(), o.samples(), o.beta(),
            o.neighbourWeight(), crossEntropy, o.seed())
        : BinaryLatentLayer.of(o.estimator(), o.tau(), o.samples(), o.beta(), o.neighbourWeight(), o.neighbourLoss(),
            o.bitBalance(), o.bitDecorrelation(), o.seed());
  }

  /** The latent layer of a network made here ({@link BinaryLatentLayerImpl} or {@link CategoricalLatentLayerImpl}). */
  @SuppressWarnings("unchecked")
  public static <L extends LatentLayer<?>> L latent(MultiLayerNetwork net) {
    return (L) net.getLayer(LATENT);
  }

  /** Copies the weights out of a network made here, as the model stores them. */
  public static ModelWeights weights(MultiLayerNetwork net) {
    int[] layers = {ENCODER_1, ENCODER_2, LOGITS, DECODER};
    ModelWeights.Matrix[] m = new ModelWeights.Matrix[ModelWeights.NAMES.size()];
    for (int l = 0; l < layers.length; l++) {
      m[2 * l] = matrix(ModelWeights.NAMES.get(2 * l), net.getLayer(layers[l]).getParam("W"));
      m[2 * l + 1] = matrix(ModelWeights.NAMES.get(2 * l + 1), net.getLayer(layers[l]).getParam("b"));
    }
    return new ModelWeights(List.of(m));
  }

  private static ModelWeights.Matrix matrix(String name, INDArray a) {
    INDArray c = a.dup('c');
    int rows = a.rank() == 1 ? 1 : (int) a.size(0);
    int cols = (int) (a.length() / rows);
    return new ModelWeights.Matrix(name, rows, cols, c.data().asFloat());
  }
}
