package io.semhash.cli;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.codes.CodeSpec;
import io.semhash.model.TrainingOptions;
import io.semhash.training.ParallelSlices;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Training flags. Each defaults to the {@code model.*} key of the same name in the configuration
 * the command reads ({@link ConfigDefaults}), so a flag given wins and the rest are as configured.
 */
final class ModelArgs {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--bits", descriptionKey = "model.bits", paramLabel = "N", description = "code length, 8..1024 (default: ${DEFAULT-VALUE})")
  int bits;

  @Option(names = "--estimator", descriptionKey = "model.estimator", paramLabel = "E", description = "zgr | st | darn | gs | stgs | grmc; categorical codes: zgr | st | stgs | grmc (default: ${DEFAULT-VALUE})")
  String estimator;

  @Option(names = "--code", descriptionKey = "model.code", paramLabel = "T",
      description = "binary | categorical (groups of classes, one class per group) (default: ${DEFAULT-VALUE})")
  String code;

  @Option(names = "--groups", descriptionKey = "model.groups", paramLabel = "M",
      description = "symbols of a categorical code; 0 = bits / log2 classes (default: ${DEFAULT-VALUE})")
  int groups;

  @Option(names = "--classes", descriptionKey = "model.classes", paramLabel = "C",
      description = "classes per symbol of a categorical code, a power of two in [2, 256] (default: ${DEFAULT-VALUE})")
  int classes;

  @Option(names = "--tau", descriptionKey = "model.tau", paramLabel = "T", description = "temperature of gs, stgs and grmc, > 0 (default: ${DEFAULT-VALUE})")
  double tau;

  @Option(names = "--epochs", descriptionKey = "model.epochs", paramLabel = "N", description = "maximum epochs (early stopping on validation P@100) (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--seed", descriptionKey = "model.seed", paramLabel = "S", description = "random seed: same seed, same machine, same codes (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--learning-rate", descriptionKey = "model.learning-rate", paramLabel = "LR", description = "Adam step size, in (0, 1) (default: ${DEFAULT-VALUE})")
  double learningRate;

  @Option(names = "--batch-size", descriptionKey = "model.batch-size", paramLabel = "B", description = "documents per step (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--beta", descriptionKey = "model.beta", paramLabel = "B", description = "weight of the KL term, >= 0 (default: ${DEFAULT-VALUE})")
  double beta;

  @Option(names = "--neighbour-weight", descriptionKey = "model.neighbour-weight", paramLabel = "W", description = "weight of the tf-idf neighbour term, >= 0 (0 = plain VAE) (default: ${DEFAULT-VALUE})")
  double neighbourWeight;

  @Option(names = "--neighbours", descriptionKey = "model.neighbours", paramLabel = "K", description = "the neighbour term's partner is one of the K nearest, 1..1000 (default: ${DEFAULT-VALUE})")
  int neighbours;

  @Option(names = "--neighbour-weighting", descriptionKey = "model.neighbour-weighting", paramLabel = "W",
      description = "term weighting of the vectors whose cosine picks the neighbours: tfidf | log-tf (default: ${DEFAULT-VALUE})")
  String neighbourWeighting;

  @Option(names = "--neighbour-min-similarity", descriptionKey = "model.neighbour-min-similarity", paramLabel = "C",
      description = "leave out neighbours below this cosine, in [0, 1) (0 = keep all K) (default: ${DEFAULT-VALUE})")
  double neighbourMinSimilarity;

  @Option(names = "--neighbour-max-similarity", descriptionKey = "model.neighbour-max-similarity", paramLabel = "C",
      description = "leave out neighbours above this cosine (near-duplicates), in (min, 1] (1 = keep all) (default: ${DEFAULT-VALUE})")
  double neighbourMaxSimilarity;

  @Option(names = "--neighbour-title-weight", descriptionKey = "model.neighbour-title-weight", paramLabel = "T",
      description = "the title's terms count T times more in the vectors that pick the neighbours, in [0, 10] (0 = off) (default: ${DEFAULT-VALUE})")
  double neighbourTitleWeight;

  @Option(names = "--input-weighting", descriptionKey = "model.input-weighting", paramLabel = "W",
      description = "term weighting of the encoder's input, kept with the model: tfidf | log-tf (default: ${DEFAULT-VALUE})")
  String inputWeighting;

  @Option(names = "--neighbour-reconstruction", descriptionKey = "model.neighbour-reconstruction", paramLabel = "L",
      description = "each document also reconstructs L times its neighbour's words, in [0, 10] (0 = off) (default: ${DEFAULT-VALUE})")
  double neighbourReconstruction;

  @Option(names = "--input-dropout", descriptionKey = "model.input-dropout", paramLabel = "P",
      description = "drop each input term with probability P at every training step, in [0, 1) (0 = off) (default: ${DEFAULT-VALUE})")
  double inputDropout;

  @Option(names = "--neighbour-loss", descriptionKey = "model.neighbour-loss", paramLabel = "F",
      description = "form of the neighbour term: squared | cross-entropy | hard-target (the last two do not fade for certain bits) (default: ${DEFAULT-VALUE})")
  String neighbourLoss;

  @Option(names = "--bit-balance", descriptionKey = "model.bit-balance", paramLabel = "B",
      description = "pull each bit's mean over a batch towards 1/2 with weight B, in [0, 1000] (0 = off) (default: ${DEFAULT-VALUE})")
  double bitBalance;

  @Option(names = "--bit-decorrelation", descriptionKey = "model.bit-decorrelation", paramLabel = "D",
      description = "push the batch covariance of every two bits towards 0 with weight D, in [0, 1000] (0 = off) (default: ${DEFAULT-VALUE})")
  double bitDecorrelation;

  @Option(names = "--hidden", descriptionKey = "model.hidden", paramLabel = "H", description = "encoder hidden width (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--patience", descriptionKey = "model.patience", paramLabel = "N", description = "epochs without improvement before stopping (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--threads", descriptionKey = "model.threads", paramLabel = "N",
      description = "threads of the training step, 0..256 (0 = one per core); the model does not depend on it (default: ${DEFAULT-VALUE})")
  int threads;

  /** The configuration keys of the flags given on the command line (the settings a user fixed). */
  Set<String> givenKeys() {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (o.descriptionKey() != null && o.descriptionKey().startsWith("model.")
          && spec.commandLine().getParseResult().hasMatchedOption(o)) {
        keys.add(o.descriptionKey());
      }
    }
    return keys;
  }

  /** The training threads, checked here so that the error names where the bad value came from. */
  int threads() {
    boolean flag = spec.commandLine().getParseResult().hasMatchedOption("--threads");
    return checkThreads(threads, flag ? "--threads" : "model.threads");
  }

  /** The training threads of {@code model.threads}, for commands without the flag. */
  static int threads(SemhashConfig config) {
    return checkThreads(config.model().threads(), "model.threads");
  }

  private static int checkThreads(int n, String name) {
    if (n < 0 || n > ParallelSlices.MAX_THREADS) {
      throw new IllegalArgumentException(name + " must be in [0, " + ParallelSlices.MAX_THREADS + "] (0 = one per core), got " + n);
    }
    return n;
  }

  /** The training options: the flags, with the settings that have no flag from {@code model.*}. */
  TrainingOptions options(SemhashConfig config) {
    return model(config).options();
  }

  /**
   * The {@code model} section the flags give: each flag's value, the settings without a flag from
   * {@code config}, its per-width settings ({@code by-bits}) for the code length over its {@code model} section's.
   */
  SemhashConfig.Model model(SemhashConfig config) {
    SemhashConfig.Model m = config.model();
    if (CodeSpec.BINARY.equals(code)) {
      for (String flag : new String[] {"--groups", "--classes"}) {
        if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
          throw new IllegalArgumentException(flag + " describes a categorical code; add --code categorical");
        }
      }
    }
    int storedBits = bits;
    if (CodeSpec.CATEGORICAL.equals(code) && groups > 0 && !spec.commandLine().getParseResult().hasMatchedOption("--bits")) {
      // --groups M --classes C alone: the bits follow
      storedBits = groups * Integer.numberOfTrailingZeros(Math.max(1, classes));
    }
    SemhashConfig.Model flagged = new SemhashConfig.Model(storedBits, estimator, tau, m.samples(), hidden, epochs, learningRate,
        batchSize, beta, neighbourWeight, neighbours, neighbourWeighting, neighbourMinSimilarity, neighbourMaxSimilarity,
        inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss, bitBalance, bitDecorrelation, seed,
        m.validationFraction(), patience, threads, code, groups, classes, neighbourTitleWeight);
    // the configuration's settings for this code length, where no flag gave the setting
    SemhashConfig at = new SemhashConfig(config.corpus(), config.text(), flagged, config.server(), config.solr(), config.byBits());
    return ConfigLoader.atWidth(at, givenKeys(), "configuration").model();
  }
}
