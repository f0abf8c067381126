package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.HammingRanking;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantedTopicsTrainingTest {
  static TrainingOptions small(String estimator, double neighbourWeight) {
    return new TrainingOptions(16, 64, estimator, 0.5, 10, 1.0, neighbourWeight, 5, 3e-3, 32, 25, 25, 0.2, 7);
  }

  @Test
  void trainedCodesRetrieveSameTopicDocuments() {
    assertRetrievesTopics(small("zgr", 0.0));
  }

  @Test
  void pairwiseReconstructionWithLogTfNeighboursAndInputsRetrievesSameTopicDocuments() {
    assertRetrievesTopics(
        new TrainingOptions(16, 64, "zgr", 0.5, 10, 0.25, 5.0, 5, "log-tf", 0.1, 1.0, "log-tf", 1.0, 0.3, "cross-entropy", 1.0, 3e-3, 32, 25, 25, 0.2, 7));
  }

  private static void assertRetrievesTopics(TrainingOptions options) {
    List<Document> docs = PlantedTopics.corpus(4, 60, 30, 1);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    HashingModel model = ModelTraining.train(docs, vectors, options, null);
    List<Document> train = docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
    List<Document> test = docs.stream().filter(d -> d.split() == Split.TEST).toList();
    List<BitCode> db = train.stream().map(d -> model.code(d.fullText())).toList();
    List<BitCode> queries = test.stream().map(d -> model.code(d.fullText())).toList();
    RetrievalScores s = RetrievalScores.of(HammingRanking.rank(db, queries, 10),
        RelevanceLabels.of(test.stream().map(Document::labels).toList(), train.stream().map(Document::labels).toList()), 10);
    System.out.println("planted P@10 = " + s.precision() + " history " + model.manifest().history());
    assertThat(s.precision()).isGreaterThanOrEqualTo(0.9);
  }
}
