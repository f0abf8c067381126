package io.semhash.training;

import io.semhash.estimator.BinaryEstimators;
import io.semhash.estimator.CategoricalEstimators;
import io.semhash.estimator.EstimatorParams;
import io.semhash.model.EpochRecord;
import io.semhash.model.ModelWeights;
import io.semhash.model.SparseEncoder;
import io.semhash.model.TrainingOptions;
import io.semhash.progress.Progress;
import io.semhash.text.SparseVector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains the hashing VAE: mini-batches densified from sparse vectors on the fly (the corpus is
 * never a dense matrix), one DL4J Adam step per batch, validation after every epoch, early
 * stopping on it, and the best weights kept.
 *
 * <p>With a neighbour weight, every batch is paired: half of it is the next documents of the
 * epoch's order, the other half one of each one's nearest tf-idf neighbours drawn at random, and
 * the latent layer pulls each pair's bit probabilities together (both are in the forward pass,
 * both get the gradient, both are reconstructed). An epoch then visits every document once as
 * the first of a pair, so it costs twice the rows of a plain epoch. Pulling towards targets fixed
 * at the previous epoch did not work (see docs/RESULTS.md): probabilities as targets fed the
 * collapse to ½, hard codes as targets lagged behind the plain model.
 *
 * <p>Each {@link #train} runs the step's Java loops on a {@link ParallelSlices} pool of its own,
 * of the trainer's thread count, and ends its threads when it returns. The model does not depend
 * on the count.
 *
 * <p>With a neighbour reconstruction weight λ (pairwise reconstruction, as in PairRec), each row
 * of a paired batch reconstructs its own words plus λ times its partner's: the code is then
 * asked for what the pair shares rather than for the words only one document has.
 *
 * <p>With an input dropout rate, each term of an encoder input is dropped with that probability
 * at every step (the rest rescaled to the same length): the code must follow from part of the
 * text, which keeps the encoder from fitting single words of short documents.
 */
public final class HashingTrainer {
  private final TrainingOptions options;
  private final int threads;
  private final PrintStream progressOut;
  private final double budgetSeconds;

  /**
   * @param threads threads of the training step's Java loops, 0 for one per core (at most {@link
   *     ParallelSlices#MAX_THREADS})
   * @param progressOut where each epoch's progress is drawn; null for none
   * @param budgetSeconds stop after the first epoch that ends past this much training time (the
   *     best epoch's weights are kept as always); for a demo that must be ready in minutes
   * @throws IllegalArgumentException for an unknown estimator or its bad parameters, a thread count
   *     out of range or a budget that is not positive
   */
  public HashingTrainer(TrainingOptions options, int threads, PrintStream progressOut, double budgetSeconds) {
    EstimatorParams params = new EstimatorParams(options.tau(), options.samples());
    if (options.code().categorical()) {
      CategoricalEstimators.byName(options.estimator(), params);
    } else {
      BinaryEstimators.byName(options.estimator(), params);
    }
    ParallelSlices.checkThreads(threads);
    if (!(budgetSeconds > 0)) {
      throw new IllegalArgumentException("training time budget must be > 0 seconds, got " + budgetSeconds);
    }
    this.options = options;
    this.threads = threads;
    this.progressOut = progressOut;
    this.budgetSeconds = budgetSeconds;
  }

  /** The weights of the best epoch, and the history. */
  public record Result(ModelWeights weights, List<EpochRecord> history, int bestEpoch) {}

  /**
   * @param tfidf encoder input per training document
   * @param counts reconstruction target per training document (same order)
   * @param neighbours for each training document, positions of its nearest neighbours among the
   *     training documents (null when the neighbour weight is 0)
   * @param vocabularySize input and output width
   */
  public Result train(
      List<SparseVector> tfidf, List<SparseVector> counts, int[][] neighbours, int vocabularySize,
      ValidationScorer validation) {
    if (tfidf.size() != counts.size() || tfidf.isEmpty()) {
      throw new IllegalArgumentException("need as many tf-idf as count vectors, and at least one: "
          + tfidf.size() + " vs " + counts.size());
    }
    boolean withNeighbours = options.neighbourWeight() > 0;
    if (withNeighbours && (neighbours == null || neighbours.length != tfidf.size())) {
      throw new IllegalArgumentException("the neighbour term needs neighbours for every training document");
    }
    try (ParallelSlices slices = new ParallelSlices(threads)) {
      return fit(tfidf, counts, neighbours, vocabularySize, validation, VaeNetwork.create(options, vocabularySize, slices));
    }
  }

  private Result fit(
      List<SparseVector> tfidf, List<SparseVector> counts, int[][] neighbours, int vocabularySize,
      ValidationScorer validation, MultiLayerNetwork net) {
    boolean withNeighbours = options.neighbourWeight() > 0;
    LatentLayer<?> latent = VaeNetwork.latent(net);
    SplittableRandom random = new SplittableRandom(options.seed());
    // its own stream, so that a rate of 0 leaves batch order and partners exactly as without it
    SplittableRandom dropout = new SplittableRandom(options.seed() ^ 0x64726f70L);
    int n = tfidf.size();
    int batchSize = options.batchSize();
    latent.setPairedBatch(withNeighbours);
    List<EpochRecord> history = new ArrayList<>();
    INDArray best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    DenseBatch inputs = new DenseBatch(vocabularySize);
    DenseBatch targets = new DenseBatch(vocabularySize);
    long trainingStart = System.nanoTime();
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      int[] order = permutation(n, random);
      Progress progress = progressOut == null
          ? Progress.silent("epoch " + epoch, n)
          : Progress.start(String.format(Locale.ROOT, "epoch %d/%d", epoch, options.epochs()), "docs", n, progressOut);
      double recon = 0;
      double kl = 0;
      long rows = 0;
      long t0 = System.nanoTime();
      int step = withNeighbours ? Math.max(1, batchSize / 2) : batchSize;
      for (int start = 0; start < n; start += step) {
        int end = Math.min(n, start + step);
        int[] batch = Arrays.copyOfRange(order, start, end);
        if (withNeighbours) {
          batch = withNeighbours(batch, neighbours, random);
        }
        INDArray target = withNeighbours && options.neighbourReconstruction() > 0
            ? targets.fill(counts, batch, partners(batch), (float) options.neighbourReconstruction())
            : targets.fill(counts, batch);
        INDArray input = options.inputDropout() > 0
            ? inputs.fillDropped(tfidf, batch, options.inputDropout(), dropout)
            : inputs.fill(tfidf, batch);
        DataSet ds = new DataSet(input, target);
        net.fit(ds);
        recon += net.score() * batch.length;
        kl += latent.lastKl();
        rows += batch.length;
        progress.advance(end - start);
        progress.status(String.format(Locale.ROOT, "loss %.1f KL %.2f", (recon + options.beta() * kl) / rows, kl / rows));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      SparseEncoder encoder = SparseEncoder.of(VaeNetwork.weights(net), options.code());
      double score = validation.score(encoder);
      progress.status(String.format(Locale.ROOT, "loss %.1f KL %.2f val P@100 %.4f",
          (recon + options.beta() * kl) / rows, kl / rows, score));
      progress.finish();
      history.add(new EpochRecord(epoch, (recon + options.beta() * kl) / rows, recon / rows, kl / rows, score, seconds));
      if (score > bestScore) {
        bestScore = score;
        bestEpoch = epoch;
        best = net.params().dup();
      } else if (epoch - bestEpoch >= options.patience()) {
        break;
      }
      if ((System.nanoTime() - trainingStart) / 1e9 > budgetSeconds) {
        break;
      }
    }
    net.setParams(best);
    return new Result(VaeNetwork.weights(net), List.copyOf(history), bestEpoch);
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** For a paired batch (documents, then their partners), each row's partner. */
  static int[] partners(int[] paired) {
    int half = paired.length / 2;
    int[] out = new int[paired.length];
    for (int r = 0; r < half; r++) {
      out[r] = paired[r + half];
      out[r + half] = paired[r];
    }
    return out;
  }

  /** {@code batch} followed by one nearest neighbour of each of its documents, drawn at random. */
  private static int[] withNeighbours(int[] batch, int[][] neighbours, SplittableRandom random) {
    int[] paired = Arrays.copyOf(batch, 2 * batch.length);
    for (int i = 0; i < batch.length; i++) {
      int[] nb = neighbours[batch[i]];
      paired[batch.length + i] = nb.length == 0 ? batch[i] : nb[random.nextInt(nb.length)];
    }
    return paired;
  }
}
