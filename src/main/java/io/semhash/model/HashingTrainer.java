package io.semhash.model;

import io.semhash.progress.Progress;
import io.semhash.text.SparseVector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the hashing VAE: mini-batches densified from sparse vectors on the fly (the corpus is
 * never a dense matrix), one DL4J Adam step per batch, validation after every epoch, early
 * stopping on it, and the best weights kept.
 *
 * <p>With a neighbour weight, each document's bit probabilities are pulled towards the code of
 * one of its nearest tf-idf neighbours, drawn at random at every step, as the encoder gave it at
 * the end of the previous epoch (the sparse encoder recomputes all codes in a second, so the
 * neighbours cost no extra forward or backward pass). Hard codes rather than probabilities as
 * targets: probabilities near ½ early in training would pull every bit to ½ and feed the collapse
 * the KL term already favours, while codes of a random initial encoder behave like LSH of the
 * tf-idf vectors and give similar documents similar targets from the first epoch on.
 */
public final class HashingTrainer {
  private final TrainingOptions options;
  private final PrintStream progressOut;
  private final double budgetSeconds;

  public HashingTrainer(TrainingOptions options, PrintStream progressOut) {
    this(options, progressOut, Double.POSITIVE_INFINITY);
  }

  /**
   * @param budgetSeconds stop after the first epoch that ends past this much training time (the
   *     best epoch's weights are kept as always); for a demo that must be ready in minutes
   */
  public HashingTrainer(TrainingOptions options, PrintStream progressOut, double budgetSeconds) {
    if (!(budgetSeconds > 0)) {
      throw new IllegalArgumentException("training time budget must be > 0 seconds, got " + budgetSeconds);
    }
    this.options = options;
    this.progressOut = progressOut;
    this.budgetSeconds = budgetSeconds;
  }

  /** The trained network (best epoch's weights) and its history. */
  public record Result(MultiLayerNetwork network, List<EpochRecord> history, int bestEpoch) {}

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
    MultiLayerNetwork net = VaeNetwork.create(options, vocabularySize);
    BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
    SplittableRandom random = new SplittableRandom(options.seed());
    int n = tfidf.size();
    int batchSize = options.batchSize();
    float[][] codes = withNeighbours ? codes(SparseEncoder.of(ModelWeights.of(net)), tfidf) : null;
    List<EpochRecord> history = new ArrayList<>();
    INDArray best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
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
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        int[] batch = Arrays.copyOfRange(order, start, end);
        if (codes != null) {
          latent.setNeighbourTargets(neighbourRows(codes, neighbours, batch, random));
        }
        DataSet ds = new DataSet(dense(tfidf, batch, vocabularySize), dense(counts, batch, vocabularySize));
        net.fit(ds);
        recon += net.score() * batch.length;
        kl += latent.lastKl();
        rows += batch.length;
        progress.advance(end - start);
        progress.status(String.format(Locale.ROOT, "loss %.1f KL %.2f", (recon + options.beta() * kl) / rows, kl / rows));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      SparseEncoder encoder = SparseEncoder.of(ModelWeights.of(net));
      double score = validation.score(encoder);
      if (withNeighbours) {
        codes = codes(encoder, tfidf);
      }
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
    return new Result(net, List.copyOf(history), bestEpoch);
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

  /** The code of every training document under {@code encoder}, as 0/1 floats. */
  static float[][] codes(SparseEncoder encoder, List<SparseVector> tfidf) {
    return IntStream.range(0, tfidf.size()).parallel()
        .mapToObj(i -> {
          float[] eta = encoder.logits(tfidf.get(i));
          float[] bits = new float[eta.length];
          for (int b = 0; b < eta.length; b++) {
            bits[b] = eta[b] > 0f ? 1f : 0f;
          }
          return bits;
        })
        .toArray(float[][]::new);
  }

  /** For each document of the batch, the row of one of its neighbours drawn at random. */
  private static INDArray neighbourRows(float[][] p, int[][] neighbours, int[] batch, SplittableRandom random) {
    float[][] rows = new float[batch.length][];
    for (int i = 0; i < batch.length; i++) {
      int[] nb = neighbours[batch[i]];
      rows[i] = p[nb.length == 0 ? batch[i] : nb[random.nextInt(nb.length)]];
    }
    return Nd4j.create(rows);
  }

  /** Densifies the rows {@code batch} of a sparse list into a [rows, dims] float matrix. */
  static INDArray dense(List<SparseVector> vectors, int[] batch, int dims) {
    float[] data = new float[batch.length * dims];
    for (int r = 0; r < batch.length; r++) {
      SparseVector v = vectors.get(batch[r]);
      int base = r * dims;
      for (int k = 0; k < v.nnz(); k++) {
        data[base + v.indices()[k]] = v.values()[k];
      }
    }
    return Nd4j.create(data, new long[] {batch.length, dims}, 'c');
  }
}
