package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.model.ParallelSlices;
import io.semhash.model.TrainingOptions;
import picocli.CommandLine.Option;

/** Training flags; each overrides the {@code model.*} key of the same name in the configuration. */
final class ModelArgs {
  @Option(names = "--bits", paramLabel = "N", description = "code length, 8..1024")
  Integer bits;

  @Option(names = "--estimator", paramLabel = "E", description = "zgr | st | darn | gs | stgs | grmc")
  String estimator;

  @Option(names = "--tau", paramLabel = "T", description = "temperature of gs, stgs and grmc, > 0")
  Double tau;

  @Option(names = "--epochs", paramLabel = "N", description = "maximum epochs (early stopping on validation P@100)")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", description = "random seed: same seed, same machine, same codes")
  Long seed;

  @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam step size, in (0, 1)")
  Double learningRate;

  @Option(names = "--batch-size", paramLabel = "B", description = "documents per step")
  Integer batchSize;

  @Option(names = "--beta", paramLabel = "B", description = "weight of the KL term, >= 0")
  Double beta;

  @Option(names = "--neighbour-weight", paramLabel = "W", description = "weight of the tf-idf neighbour term, >= 0 (0 = plain VAE)")
  Double neighbourWeight;

  @Option(names = "--neighbours", paramLabel = "K", description = "the neighbour term's partner is one of the K nearest, 1..1000")
  Integer neighbours;

  @Option(names = "--neighbour-weighting", paramLabel = "W",
      description = "term weighting of the vectors whose cosine picks the neighbours: tfidf | log-tf")
  String neighbourWeighting;

  @Option(names = "--neighbour-min-similarity", paramLabel = "C",
      description = "leave out neighbours below this cosine, in [0, 1) (0 = keep all K)")
  Double neighbourMinSimilarity;

  @Option(names = "--input-weighting", paramLabel = "W",
      description = "term weighting of the encoder's input, kept with the model: tfidf | log-tf")
  String inputWeighting;

  @Option(names = "--neighbour-reconstruction", paramLabel = "L",
      description = "each document also reconstructs L times its neighbour's words, in [0, 10] (0 = off)")
  Double neighbourReconstruction;

  @Option(names = "--input-dropout", paramLabel = "P",
      description = "drop each input term with probability P at every training step, in [0, 1) (0 = off)")
  Double inputDropout;

  @Option(names = "--neighbour-loss", paramLabel = "F",
      description = "form of the neighbour term: squared | cross-entropy | hard-target (the last two do not fade for certain bits)")
  String neighbourLoss;

  @Option(names = "--bit-balance", paramLabel = "B",
      description = "pull each bit's mean over a batch towards 1/2 with weight B, in [0, 1000] (0 = off)")
  Double bitBalance;

  @Option(names = "--hidden", paramLabel = "H", description = "encoder hidden width")
  Integer hidden;

  @Option(names = "--patience", paramLabel = "N", description = "epochs without improvement before stopping")
  Integer patience;

  @Option(names = "--threads", paramLabel = "N",
      description = "threads of the training step, 0..256 (0 = one per core); the model does not depend on it")
  Integer threads;

  /** Sets the training threads from the flag or {@code model.threads}. */
  void applyThreads(SemhashConfig config) {
    applyThreads(threads, config);
  }

  /** Sets the training threads from {@code flag} (the {@code --threads} value, or null) or {@code model.threads}. */
  static void applyThreads(Integer flag, SemhashConfig config) {
    int n = flag != null ? flag : config.model().threads();
    if (n < 0 || n > ParallelSlices.MAX_THREADS) {
      throw new IllegalArgumentException((flag != null ? "--threads" : "model.threads") + " must be in [0, "
          + ParallelSlices.MAX_THREADS + "] (0 = one per core), got " + n);
    }
    ParallelSlices.setThreads(n);
  }

  TrainingOptions options(SemhashConfig config) {
    SemhashConfig.Model m = config.model();
    return new SemhashConfig.Model(
        bits != null ? bits : m.bits(),
        estimator != null ? estimator : m.estimator(),
        tau != null ? tau : m.tau(),
        m.samples(),
        hidden != null ? hidden : m.hidden(),
        epochs != null ? epochs : m.epochs(),
        learningRate != null ? learningRate : m.learningRate(),
        batchSize != null ? batchSize : m.batchSize(),
        beta != null ? beta : m.beta(),
        neighbourWeight != null ? neighbourWeight : m.neighbourWeight(),
        neighbours != null ? neighbours : m.neighbours(),
        neighbourWeighting != null ? neighbourWeighting : m.neighbourWeighting(),
        neighbourMinSimilarity != null ? neighbourMinSimilarity : m.neighbourMinSimilarity(),
        inputWeighting != null ? inputWeighting : m.inputWeighting(),
        neighbourReconstruction != null ? neighbourReconstruction : m.neighbourReconstruction(),
        inputDropout != null ? inputDropout : m.inputDropout(),
        neighbourLoss != null ? neighbourLoss : m.neighbourLoss(),
        bitBalance != null ? bitBalance : m.bitBalance(),
        seed != null ? seed : m.seed(),
        m.validationFraction(),
        patience != null ? patience : m.patience(),
        m.threads()).options();
  }
}
