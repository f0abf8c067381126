package io.semhash.pipeline;

import io.semhash.corpus.Document;
import io.semhash.corpus.IdHash;
import io.semhash.corpus.Split;
import io.semhash.text.CorpusVectors;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import io.semhash.text.Vectorizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The train split of an analysed corpus cut into the part the model fits and a fixed validation
 * part (by a hash of the id, so it is the same on every run) used for model selection. The test
 * split is never touched here.
 *
 * @param fitDocs documents the model trains on, in corpus order
 * @param fitInputs their encoder inputs (tf-idf, or the model's input weighting)
 * @param fitCounts their reconstruction targets
 * @param validationDocs held-out train documents (the validation queries)
 * @param validationInputs their encoder inputs
 */
public record TrainingSet(
    List<Document> fitDocs,
    List<SparseVector> fitInputs,
    List<SparseVector> fitCounts,
    List<Document> validationDocs,
    List<SparseVector> validationInputs) {
  /** Salt of the validation sampling, distinct from the test-split hash. */
  static final long VALIDATION_SALT = 0x5eed_0001L;

  /** Whether the train document {@code d} is in the validation part of a split with this fraction. */
  public static boolean validates(Document d, double validationFraction) {
    return IdHash.unit(d.id(), VALIDATION_SALT) < validationFraction;
  }

  /** The split with tf-idf inputs. */
  public static TrainingSet of(List<Document> docs, CorpusVectors vectors, double validationFraction) {
    return of(docs, vectors, validationFraction, TermWeighting.TFIDF);
  }

  /** The split with encoder inputs weighted by {@code input}. */
  public static TrainingSet of(
      List<Document> docs, CorpusVectors vectors, double validationFraction, TermWeighting input) {
    Vectorizer vz = vectors.vectorizer();
    List<Document> fitDocs = new ArrayList<>();
    List<SparseVector> fitInputs = new ArrayList<>();
    List<SparseVector> fitCounts = new ArrayList<>();
    List<Document> valDocs = new ArrayList<>();
    List<SparseVector> valInputs = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      if (d.split() != Split.TRAIN) {
        continue;
      }
      SparseVector counts = vectors.counts().get(i);
      if (validates(d, validationFraction)) {
        valDocs.add(d);
        valInputs.add(input.apply(counts, vz));
      } else {
        fitDocs.add(d);
        fitInputs.add(input.apply(counts, vz));
        fitCounts.add(counts);
      }
    }
    if (fitDocs.isEmpty() || valDocs.isEmpty()) {
      throw new IllegalArgumentException("the train split has " + fitDocs.size() + " documents to fit and "
          + valDocs.size() + " to validate; both must be non-empty (more train documents are needed)");
    }
    return new TrainingSet(fitDocs, fitInputs, fitCounts, valDocs, valInputs);
  }
}
