package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.eval.HammingRanking;
import io.semhash.codes.CodeSpec;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A categorical model trained on planted topics: the topics show in the class assignments. */
class CategoricalTrainingTest {
  static final int TOPICS = 4;
  static final CodeSpec CODE = CodeSpec.categorical(8, 16);
  static List<Document> docs;
  static HashingModel model;

  @BeforeAll
  static void train() {
    docs = PlantedTopics.corpus(TOPICS, 40, 30, 1);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    TrainingOptions options = new TrainingOptions(CODE.bits(), 64, "zgr", 0.5, 10, 1.0, 0.0, 5, 3e-3, 32, 6, 6, 0.2,
        7).withCode(CODE);
    model = ModelTraining.train(docs, vectors, options, null);
  }

  /**
   * For each topic, the (group, class) that sets its documents most apart from the others': most
   * of the topic's documents are in it and few of the others' (chance would put the same share
   * of both there).
   */
  @Test
  void documentsOfOnePlantedTopicShareAClassInSomeGroup() {
    CodeShape shape = model.codeShape();
    assertThat(shape).isEqualTo(new CodeShape(8, 16));
    int[][] classes = docs.stream().map(d -> model.code(d.fullText()))
        .map(c -> java.util.stream.IntStream.range(0, shape.groups()).map(g -> shape.classOf(c, g)).toArray())
        .toArray(int[][]::new);
    for (int t = 0; t < TOPICS; t++) {
      String label = "topic" + t;
      double best = 0;
      double othersThere = 0;
      for (int g = 0; g < shape.groups(); g++) {
        for (int c = 0; c < shape.classes(); c++) {
          int in = 0;
          int inTopic = 0;
          int out = 0;
          int outTopic = 0;
          for (int d = 0; d < docs.size(); d++) {
            boolean mine = docs.get(d).labels().contains(label);
            if (mine) {
              inTopic++;
              in += classes[d][g] == c ? 1 : 0;
            } else {
              outTopic++;
              out += classes[d][g] == c ? 1 : 0;
            }
          }
          double share = in / (double) inTopic;
          double others = out / (double) outTopic;
          if (share - others > best - othersThere) {
            best = share;
            othersThere = others;
          }
        }
      }
      assertThat(best).as("topic %d: share of its documents in its most common (group, class)", t).isGreaterThanOrEqualTo(0.8);
      assertThat(othersThere).as("topic %d: share of the other topics' documents there", t).isLessThanOrEqualTo(0.2);
    }
  }

  @Test
  void symbolDistanceRetrievesSameTopicDocuments() {
    List<Document> train = docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
    List<Document> test = docs.stream().filter(d -> d.split() == Split.TEST).toList();
    List<BitCode> db = train.stream().map(d -> model.code(d.fullText())).toList();
    List<BitCode> queries = test.stream().map(d -> model.code(d.fullText())).toList();
    RetrievalScores s = RetrievalScores.of(HammingRanking.rank(model.codeShape(), db, queries, 10),
        RelevanceLabels.of(test.stream().map(Document::labels).toList(), train.stream().map(Document::labels).toList()), 10);
    assertThat(s.precision()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void trainingLowersTheLossAndTheKlStaysBelowItsBound() {
    var h = model.manifest().history();
    assertThat(h.get(h.size() - 1).reconstruction()).isLessThan(h.get(0).reconstruction());
    // KL to the uniform categorical is at most log C per group
    for (var e : h) {
      assertThat(e.kl()).isBetween(0.0, CODE.groups() * Math.log(CODE.classes()) + 1e-6);
    }
  }

  @Test
  void saveThenLoadGivesIdenticalCodes(@TempDir Path dir) throws IOException {
    model.save(dir.resolve("m"));
    HashingModel loaded = HashingModel.load(dir.resolve("m"));
    assertThat(loaded.codeSpec()).isEqualTo(CODE);
    for (Document d : docs) {
      assertThat(loaded.code(d.fullText())).isEqualTo(model.code(d.fullText()));
    }
  }
}
