package io.semhash.model;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeSpec;
import io.semhash.text.TermWeighting;
import java.util.List;

/**
 * Everything that decides a trained model besides the data, kept in the model's manifest.
 *
 * <p>The ranges are checked here; whether the estimator exists and takes this τ and K is checked
 * by the training side ({@code HashingTrainer}, and the configuration before it), which knows the
 * estimators: a model is read without them.
 *
 * @param bits code length
 * @param hidden width of the two hidden encoder layers
 * @param estimator gradient estimator name (zgr, st, darn, gs, stgs, grmc)
 * @param tau temperature of the Gumbel estimators (ignored by zgr, st, darn)
 * @param samples K of Gumbel-Rao MC
 * @param beta weight of KL(q ‖ Bernoulli(½))
 * @param neighbourWeight weight of the term pulling a document's bit probabilities towards those of
 *     one of its nearest tf-idf neighbours; 0 trains the plain VAE
 * @param neighbours how many nearest tf-idf neighbours a document's partner is drawn from
 * @param neighbourWeighting the term weighting of the vectors whose cosine picks the neighbours
 *     ({@code tfidf} or {@code log-tf}, see {@code io.semhash.text.TermWeighting}); a manifest
 *     written before this option reads as {@code tfidf}
 * @param neighbourMinSimilarity neighbours less similar than this (cosine, in [0, 1)) are left out;
 *     a document left with none is not pulled by the neighbour term
 * @param neighbourMaxSimilarity neighbours more similar than this (cosine, in (min, 1]) are left
 *     out too: near-duplicates (sibling packages sharing one description, say) tie a document to
 *     one that differs only in what the description does not say; 1 = off. 0, which a manifest
 *     written before this option reads as, means 1
 * @param inputWeighting the term weighting of the encoder's input ({@code tfidf} or {@code log-tf});
 *     part of the model: serving weights a text the same way. A manifest written before this
 *     option reads as {@code tfidf}
 * @param neighbourReconstruction λ ≥ 0: with the neighbour term on, each document's reconstruction
 *     target is its own counts plus λ times its partner's (pairwise reconstruction; 0 = off)
 * @param inputDropout probability in [0, 1) of dropping each term of an encoder input at every
 *     training step, the rest rescaled to the same length (0 = off)
 * @param neighbourLoss form of the neighbour term: {@value #SQUARED} (w ‖p_i − p_j‖², whose
 *     gradient fades for certain bits) or {@value #CROSS_ENTROPY} (each one's probabilities the
 *     other's soft target; gradient w (p_i − p_j)) or {@value #HARD_TARGET} (the partner's code
 *     the target; gradient w (p_i − 1[p_j &gt; ½])); see {@code BinaryLatentLayerImpl}. A manifest
 *     from before the option reads as squared
 * @param bitBalance b ≥ 0: pulls each bit's mean probability over a batch towards ½ (0 = off)
 * @param bitDecorrelation d ≥ 0: pushes the covariance over a batch of every two bits' probabilities
 *     towards 0, so that bits do not repeat each other (0 = off; binary codes only). A manifest
 *     from before the option reads as 0
 * @param learningRate Adam step size
 * @param batchSize documents per step
 * @param epochs upper bound on epochs
 * @param patience epochs without a better validation P@100 before stopping
 * @param validationFraction share of the train split held out for model selection
 * @param seed weights, sampling and batch order
 * @param code the code the model makes, binary or categorical ({@link CodeSpec}); it stores {@code
 *     bits} bits. A manifest from before categorical codes has none and reads as binary
 * @param neighbourTitleWeight t in [0, 10]: the title's terms count t times more in the vectors
 *     whose cosine picks the neighbours (training only: the title of a Debian package, "development
 *     files", "Perl module", names its kind where the long description is shared with its
 *     siblings); 0 = off, as a manifest from before the option reads
 */
public record TrainingOptions(
    int bits,
    int hidden,
    String estimator,
    double tau,
    int samples,
    double beta,
    double neighbourWeight,
    int neighbours,
    String neighbourWeighting,
    double neighbourMinSimilarity,
    double neighbourMaxSimilarity,
    String inputWeighting,
    double neighbourReconstruction,
    double inputDropout,
    String neighbourLoss,
    double bitBalance,
    double bitDecorrelation,
    double learningRate,
    int batchSize,
    int epochs,
    int patience,
    double validationFraction,
    long seed,
    CodeSpec code,
    double neighbourTitleWeight) {

  /** The neighbour term as a squared difference of probabilities. */
  public static final String SQUARED = "squared";
  /** The neighbour term as cross-entropy against the partner's probabilities. */
  public static final String CROSS_ENTROPY = "cross-entropy";
  /** The neighbour term as cross-entropy against the partner's code. */
  public static final String HARD_TARGET = "hard-target";

  public TrainingOptions {
    BitCode.checkBits(bits);
    require(hidden >= 1 && hidden <= 8192, "hidden", hidden, "[1, 8192]");
    require(beta >= 0, "beta", beta, "[0, ∞)");
    require(neighbourWeight >= 0, "neighbour-weight", neighbourWeight, "[0, ∞)");
    require(neighbours >= 1 && neighbours <= 1000, "neighbours", neighbours, "[1, 1000]");
    neighbourWeighting = weighting("neighbour-weighting", neighbourWeighting);
    inputWeighting = weighting("input-weighting", inputWeighting);
    require(neighbourMinSimilarity >= 0 && neighbourMinSimilarity < 1, "neighbour-min-similarity",
        neighbourMinSimilarity, "[0, 1)");
    neighbourMaxSimilarity = neighbourMaxSimilarity == 0 ? 1 : neighbourMaxSimilarity;
    require(neighbourMaxSimilarity > neighbourMinSimilarity && neighbourMaxSimilarity <= 1, "neighbour-max-similarity",
        neighbourMaxSimilarity, "(neighbour-min-similarity, 1]");
    require(neighbourReconstruction >= 0 && neighbourReconstruction <= 10, "neighbour-reconstruction",
        neighbourReconstruction, "[0, 10]");
    require(inputDropout >= 0 && inputDropout < 1, "input-dropout", inputDropout, "[0, 1)");
    neighbourLoss = neighbourLoss == null ? SQUARED : neighbourLoss;
    if (!List.of(SQUARED, CROSS_ENTROPY, HARD_TARGET).contains(neighbourLoss)) {
      throw new IllegalArgumentException("neighbour-loss must be one of [" + SQUARED + ", " + CROSS_ENTROPY + ", "
          + HARD_TARGET + "], got '" + neighbourLoss + "'");
    }
    require(bitBalance >= 0 && bitBalance <= 1000, "bit-balance", bitBalance, "[0, 1000]");
    require(bitDecorrelation >= 0 && bitDecorrelation <= 1000, "bit-decorrelation", bitDecorrelation, "[0, 1000]");
    require(learningRate > 0 && learningRate < 1, "learning-rate", learningRate, "(0, 1)");
    require(batchSize >= 2 && batchSize <= 65536, "batch-size", batchSize, "[2, 65536]");
    require(epochs >= 1, "epochs", epochs, "[1, ∞)");
    require(patience >= 1, "patience", patience, "[1, ∞)");
    require(validationFraction > 0 && validationFraction < 0.5, "validation-fraction", validationFraction, "(0, 0.5)");
    code = code == null ? CodeSpec.binary(bits) : code;
    if (code.bits() != bits) {
      throw new IllegalArgumentException("a " + code + " code stores " + code.bits() + " bits, but bits is " + bits);
    }
    if (code.categorical() && (HARD_TARGET.equals(neighbourLoss) || bitBalance != 0 || bitDecorrelation != 0)) {
      throw new IllegalArgumentException("neighbour-loss hard-target, bit-balance and bit-decorrelation are for binary codes, not a "
          + code + " code");
    }
    require(neighbourTitleWeight >= 0 && neighbourTitleWeight <= 10, "neighbour-title-weight", neighbourTitleWeight, "[0, 10]");
  }

  /** Options without a title weight in the neighbour graph. */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, String neighbourWeighting, double neighbourMinSimilarity, double neighbourMaxSimilarity,
      String inputWeighting, double neighbourReconstruction, double inputDropout, String neighbourLoss, double bitBalance,
      double bitDecorrelation, double learningRate, int batchSize, int epochs, int patience, double validationFraction,
      long seed, CodeSpec code) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss,
        bitBalance, bitDecorrelation, learningRate, batchSize, epochs, patience, validationFraction, seed, code, 0);
  }

  /** Binary-code options (every option but the code). */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, String neighbourWeighting, double neighbourMinSimilarity, double neighbourMaxSimilarity,
      String inputWeighting, double neighbourReconstruction, double inputDropout, String neighbourLoss, double bitBalance,
      double bitDecorrelation, double learningRate, int batchSize, int epochs, int patience, double validationFraction,
      long seed) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss,
        bitBalance, bitDecorrelation, learningRate, batchSize, epochs, patience, validationFraction, seed, null);
  }

  /** Binary-code options without bit decorrelation. */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, String neighbourWeighting, double neighbourMinSimilarity, double neighbourMaxSimilarity,
      String inputWeighting, double neighbourReconstruction, double inputDropout, String neighbourLoss, double bitBalance,
      double learningRate, int batchSize, int epochs, int patience, double validationFraction, long seed) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss,
        bitBalance, 0, learningRate, batchSize, epochs, patience, validationFraction, seed, null);
  }

  /** Options without a similarity ceiling or bit balance, making the code {@code code}. */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, String neighbourWeighting, double neighbourMinSimilarity, String inputWeighting,
      double neighbourReconstruction, double inputDropout, String neighbourLoss, double learningRate, int batchSize,
      int epochs, int patience, double validationFraction, long seed, CodeSpec code) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, 1.0, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss, 0, 0, learningRate,
        batchSize, epochs, patience, validationFraction, seed, code);
  }

  /** Binary-code options without a similarity ceiling or bit balance. */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, String neighbourWeighting, double neighbourMinSimilarity, String inputWeighting,
      double neighbourReconstruction, double inputDropout, String neighbourLoss, double learningRate, int batchSize,
      int epochs, int patience, double validationFraction, long seed) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, 1.0, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss, 0, learningRate,
        batchSize, epochs, patience, validationFraction, seed);
  }

  /** Options with the neighbour graph of the first recipe: tf-idf cosine, every one of the k nearest. */
  public TrainingOptions(
      int bits, int hidden, String estimator, double tau, int samples, double beta, double neighbourWeight,
      int neighbours, double learningRate, int batchSize, int epochs, int patience, double validationFraction, long seed) {
    this(bits, hidden, estimator, tau, samples, beta, neighbourWeight, neighbours, TermWeighting.TFIDF.key(), 0, 1.0,
        TermWeighting.TFIDF.key(), 0, 0, SQUARED, 0, learningRate, batchSize, epochs, patience, validationFraction, seed);
  }

  /** The weighting of the neighbour graph's vectors. */
  public TermWeighting neighbourTermWeighting() {
    return TermWeighting.parse(neighbourWeighting);
  }

  /** The weighting of the encoder's input. */
  public TermWeighting inputTermWeighting() {
    return TermWeighting.parse(inputWeighting);
  }

  /** A valid weighting name, tfidf when absent (manifests older than the option). */
  private static String weighting(String option, String name) {
    if (name == null) {
      return TermWeighting.TFIDF.key();
    }
    try {
      return TermWeighting.parse(name).key();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage());
    }
  }

  private static void require(boolean ok, String name, Object value, String range) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be in " + range + ", got " + value);
    }
  }

  public TrainingOptions withEstimator(String name) {
    return new TrainingOptions(bits, hidden, name, tau, samples, beta, neighbourWeight, neighbours, neighbourWeighting,
        neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction, inputDropout, neighbourLoss,
        bitBalance, bitDecorrelation, learningRate, batchSize, epochs, patience, validationFraction, seed, code,
        neighbourTitleWeight);
  }

  /** The same options making the code {@code newCode} (whose stored length becomes the bits). */
  public TrainingOptions withCode(CodeSpec newCode) {
    return new TrainingOptions(newCode.bits(), hidden, estimator, tau, samples, beta, neighbourWeight, neighbours,
        neighbourWeighting, neighbourMinSimilarity, neighbourMaxSimilarity, inputWeighting, neighbourReconstruction,
        inputDropout, neighbourLoss, bitBalance, bitDecorrelation, learningRate, batchSize, epochs, patience, validationFraction,
        seed, newCode, neighbourTitleWeight);
  }
}
