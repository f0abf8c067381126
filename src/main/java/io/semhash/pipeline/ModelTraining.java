package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.eval.RetrievalProtocol;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelManifest;
import io.semhash.model.SparseEncoder;
import io.semhash.model.TrainingOptions;
import io.semhash.training.HashingTrainer;
import io.semhash.training.ValidationScorer;
import io.semhash.text.CorpusVectors;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import io.semhash.text.Vectorizer;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a hashing model on an analysed corpus: validation split, tf-idf neighbours for the
 * neighbour term, training with validation P@100 after every epoch, and the model with its
 * manifest. The test split is not used.
 */
public final class ModelTraining {
  /** Cut-off of the validation precision, as in the evaluation protocol. */
  public static final int VALIDATION_K = 100;

  private ModelTraining() {}

  /** Trains with one thread per core and no time budget. */
  public static HashingModel train(
      List<Document> docs, CorpusVectors vectors, TrainingOptions options, PrintStream progress) {
    return train(docs, vectors, options, 0, progress, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #train(List, CorpusVectors, TrainingOptions, PrintStream)}, the training step on
   * {@code threads} threads (0: one per core), stopping once {@code budgetSeconds} of training have
   * passed.
   */
  public static HashingModel train(List<Document> docs, CorpusVectors vectors, TrainingOptions options, int threads,
      PrintStream progress, double budgetSeconds) {
    HashingTrainer trainer = new HashingTrainer(options, threads, progress, budgetSeconds);
    long t0 = System.nanoTime();
    TrainingSet set = TrainingSet.of(docs, vectors, options.validationFraction(), options.inputTermWeighting());
    int vocab = vectors.vocabulary().size();
    int[][] neighbours = options.neighbourWeight() > 0 ? neighbours(set, vectors, options) : null;
    ValidationScorer validation = validationPrecision(set);
    HashingTrainer.Result result = trainer.train(set.fitInputs(), set.fitCounts(), neighbours, vocab, validation);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, Instant.now().toString(),
        options, vocab, vectors.vocabulary().stemmed(), vectors.vocabulary().checksum(), Map.of(),
        result.history(), result.bestEpoch(), seconds);
    return HashingModel.of(vectors.vectorizer(), result.weights(), manifest);
  }

  /**
   * For each fit document, the positions of its nearest fit documents by cosine of the vectors
   * {@code options.neighbourWeighting()} gives, best first, without those below
   * {@code options.neighbourMinSimilarity()} or above {@code options.neighbourMaxSimilarity()}.
   * With a title weight t, a document's vector is that of its counts plus t times its title's.
   * With a ceiling, the {@value #CEILING_CANDIDATES} × k nearest are looked at, so that a document
   * with a few near-duplicates still gets k neighbours.
   */
  static int[][] neighbours(TrainingSet set, CorpusVectors vectors, TrainingOptions options) {
    TermWeighting weighting = options.neighbourTermWeighting();
    double titleWeight = options.neighbourTitleWeight();
    Vectorizer vz = vectors.vectorizer();
    List<SparseVector> graph;
    if (titleWeight > 0) {
      graph = IntStream.range(0, set.fitCounts().size()).parallel()
          .mapToObj(i -> weighting.apply(
              plus(set.fitCounts().get(i), vz.counts(set.fitDocs().get(i).title()), (float) titleWeight), vz))
          .toList();
    } else {
      graph = weighting == options.inputTermWeighting()
          ? set.fitInputs()
          : set.fitCounts().stream().map(c -> weighting.apply(c, vz)).toList();
    }
    double min = options.neighbourMinSimilarity();
    double max = options.neighbourMaxSimilarity();
    int k = options.neighbours();
    int looked = max < 1 ? (int) Math.min((long) k * CEILING_CANDIDATES, Math.max(1, graph.size() - 1)) : k;
    int[][] nearest = CosineKnnIndex.build(graph, vectors.vocabulary().size()).topK(graph, looked, true);
    if (min > 0 || max < 1) {
      for (int i = 0; i < nearest.length; i++) {
        SparseVector v = graph.get(i);
        nearest[i] = Arrays.stream(nearest[i]).filter(j -> {
          double c = v.dot(graph.get(j));
          return c >= min && c <= max;
        }).limit(k).toArray();
      }
    }
    return nearest;
  }

  /**
   * {@code counts} + {@code t} × {@code title}. The title's terms are in {@code counts} already
   * (the model reads title and body together), so every weight stays at least 1.
   */
  static SparseVector plus(SparseVector counts, SparseVector title, float t) {
    int[] idx = counts.indices();
    float[] vals = counts.values().clone();
    int k = 0;
    for (int j = 0; j < title.nnz(); j++) {
      int term = title.indices()[j];
      while (idx[k] < term) {
        k++;
      }
      vals[k] += t * title.values()[j];
    }
    return new SparseVector(idx.clone(), vals);
  }

  /** How many times k candidates a similarity ceiling looks at. */
  static final int CEILING_CANDIDATES = 4;

  /**
   * P@100 of the validation documents against the fit documents, by Hamming distance (symbol
   * distance for categorical codes; the evaluation protocol).
   */
  static ValidationScorer validationPrecision(TrainingSet set) {
    RetrievalProtocol.Sides<SparseVector> sides =
        RetrievalProtocol.sides(set.fitDocs(), set.fitInputs(), set.validationDocs(), set.validationInputs());
    return encoder -> RetrievalProtocol.codes(sides.with(encode(encoder, sides.database()),
        encode(encoder, sides.queries())), encoder.codeSpec().shape(), VALIDATION_K).precision();
  }

  static List<BitCode> encode(SparseEncoder encoder, List<SparseVector> inputs) {
    return inputs.parallelStream().map(encoder::code).toList();
  }
}
