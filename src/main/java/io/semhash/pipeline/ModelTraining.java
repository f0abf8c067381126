package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.eval.HammingRanking;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.model.HashingModel;
import io.semhash.model.HashingTrainer;
import io.semhash.model.ModelManifest;
import io.semhash.model.ModelWeights;
import io.semhash.model.SparseEncoder;
import io.semhash.model.TrainingOptions;
import io.semhash.model.ValidationScorer;
import io.semhash.text.CorpusVectors;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trains a hashing model on an analysed corpus: validation split, tf-idf neighbours for the
 * neighbour term, training with validation P@100 after every epoch, and the model with its
 * manifest. The test split is not used.
 */
public final class ModelTraining {
  /** Cut-off of the validation precision, as in the evaluation protocol. */
  public static final int VALIDATION_K = 100;

  private ModelTraining() {}

  public static HashingModel train(
      List<Document> docs, CorpusVectors vectors, TrainingOptions options, PrintStream progress) {
    return train(docs, vectors, options, progress, Double.POSITIVE_INFINITY);
  }

  /** As {@link #train(List, CorpusVectors, TrainingOptions, PrintStream)}, stopping once {@code budgetSeconds} of training have passed. */
  public static HashingModel train(
      List<Document> docs, CorpusVectors vectors, TrainingOptions options, PrintStream progress, double budgetSeconds) {
    long t0 = System.nanoTime();
    TrainingSet set = TrainingSet.of(docs, vectors, options.validationFraction(), options.inputTermWeighting());
    int vocab = vectors.vocabulary().size();
    int[][] neighbours = options.neighbourWeight() > 0 ? neighbours(set, vectors, options) : null;
    ValidationScorer validation = validationPrecision(set);
    HashingTrainer.Result result =
        new HashingTrainer(options, progress, budgetSeconds).train(set.fitInputs(), set.fitCounts(), neighbours, vocab, validation);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, Instant.now().toString(),
        options, vocab, vectors.vocabulary().stemmed(), vectors.vocabulary().checksum(), Map.of(),
        result.history(), result.bestEpoch(), seconds);
    return HashingModel.of(vectors.vectorizer(), ModelWeights.of(result.network()), manifest);
  }

  /**
   * For each fit document, the positions of its nearest fit documents by cosine of the vectors
   * {@code options.neighbourWeighting()} gives, best first, without those below
   * {@code options.neighbourMinSimilarity()}.
   */
  static int[][] neighbours(TrainingSet set, CorpusVectors vectors, TrainingOptions options) {
    TermWeighting weighting = options.neighbourTermWeighting();
    List<SparseVector> graph = weighting == options.inputTermWeighting()
        ? set.fitInputs()
        : set.fitCounts().stream().map(c -> weighting.apply(c, vectors.vectorizer())).toList();
    int[][] nearest = CosineKnnIndex.build(graph, vectors.vocabulary().size()).topK(graph, options.neighbours(), true);
    double min = options.neighbourMinSimilarity();
    if (min > 0) {
      for (int i = 0; i < nearest.length; i++) {
        SparseVector v = graph.get(i);
        nearest[i] = Arrays.stream(nearest[i]).filter(j -> v.dot(graph.get(j)) >= min).toArray();
      }
    }
    return nearest;
  }

  /** P@100 of the validation documents against the fit documents, by Hamming distance. */
  static ValidationScorer validationPrecision(TrainingSet set) {
    RelevanceLabels labels = RelevanceLabels.of(
        set.validationDocs().stream().map(Document::labels).toList(),
        set.fitDocs().stream().map(Document::labels).toList());
    return encoder -> {
      List<BitCode> db = encode(encoder, set.fitInputs());
      List<BitCode> queries = encode(encoder, set.validationInputs());
      return RetrievalScores.of(HammingRanking.rank(db, queries, VALIDATION_K), labels, VALIDATION_K).precision();
    };
  }

  static List<BitCode> encode(SparseEncoder encoder, List<SparseVector> inputs) {
    return inputs.parallelStream().map(encoder::code).toList();
  }
}
