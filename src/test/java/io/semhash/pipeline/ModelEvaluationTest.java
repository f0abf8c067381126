package io.semhash.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.testing.BitLikelihood;
import io.semhash.testing.BruteForcePrecision;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code semhash eval}'s rows of the model's own codes, {@code semhash} (Hamming or symbol
 * distance) and {@code semhash-asymmetric} (the query's likelihood), for a binary and a
 * categorical model, against the protocol written out by brute force over the whole database
 * (smaller than the re-rank's candidate depth, so the re-rank sees every code).
 */
class ModelEvaluationTest {
  @TempDir Path dir;

  @Test
  void binaryModelRowsAreTheBruteForceRankings() throws IOException {
    check(HashingModel.load(PlantedTopicIndex.build(dir.resolve("binary")).resolve("model")));
  }

  @Test
  void categoricalModelRowsAreTheBruteForceRankings() throws IOException {
    HashingModel model = HashingModel.load(PlantedTopicIndex.buildCategorical(dir.resolve("categorical")).resolve("model"));
    assertThat(model.codeSpec()).isEqualTo(PlantedTopicIndex.CATEGORICAL);
    check(model);
  }

  private static void check(HashingModel model) {
    List<Document> docs = PlantedTopicIndex.documents();
    int k = 10;
    ModelEvaluation.Report report = ModelEvaluation.run(model, docs, k);
    assertThat(report.methods()).extracting(ModelEvaluation.MethodScores::method)
        .containsExactly("semhash", ModelEvaluation.ASYMMETRIC, "tfidf-cosine", "lsh");
    assertThat(report.database()).isLessThan(io.semhash.codes.AsymmetricDistance.CANDIDATES);
    assertThat(report.method("semhash").precision()).isCloseTo(bruteForce(model, docs, k, false), within(1e-12));
    assertThat(report.method(ModelEvaluation.ASYMMETRIC).precision())
        .isCloseTo(bruteForce(model, docs, k, true), within(1e-12));
  }

  /**
   * Mean P@k of the labelled test documents against the labelled train documents sorted by the
   * query's negative log-likelihood of each code (when {@code likelihood}), then by the code
   * distance (symbols; Hamming for a binary code), then by corpus position.
   */
  private static double bruteForce(HashingModel model, List<Document> docs, int k, boolean likelihood) {
    CodeShape shape = model.codeShape();
    Map<Document, BitCode> codes = new HashMap<>();
    docs.forEach(d -> codes.put(d, model.code(d.fullText())));
    return BruteForcePrecision.ranked(docs, q -> {
      float[] logits = model.logits(q.fullText());
      BitCode qc = model.codeSpec().code(logits);
      Comparator<Document> byDistance = Comparator.comparingInt(d -> shape.symbolDistance(codes.get(d), qc));
      return likelihood
          ? Comparator.<Document>comparingDouble(d -> BitLikelihood.negativeLogLikelihood(model.codeSpec(), logits, codes.get(d)))
              .thenComparing(byDistance)
          : byDistance;
    }, k);
  }
}
