package io.semhash.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelWeights;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelEvaluation;
import io.semhash.pipeline.ModelTraining;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.search.SearchHit;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On planted topics, where each topic owns its vocabulary (topic t's words start with "t", the
 * letter of t, "x": "tax…", "tbx…"), explanations must name the topic's words, and a bit forced
 * always on must be reported dead.
 */
class PlantedTopicsExplanationTest {
  @TempDir static Path dir;
  static List<Document> docs;
  static HashingModel model;

  @BeforeAll
  static void train() throws IOException {
    docs = PlantedTopics.corpus(4, 40, 30, 1);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    model = ModelTraining.train(docs, vectors,
        new TrainingOptions(16, 64, "zgr", 0.5, 10, 1.0, 0.0, 5, 3e-3, 32, 15, 15, 0.2, 7), null);
    IndexDirectoryWriter.write(model, docs, "all", dir.resolve("index"), null);
  }

  static String topicPrefix(String label) {
    return "t" + (char) ('a' + Integer.parseInt(label.substring("topic".length()))) + "x";
  }

  static double share(List<String> terms, String prefix) {
    return terms.stream().filter(t -> t.startsWith(prefix)).count() / (double) terms.size();
  }

  @Test
  void explanationOfASameTopicMatchNamesThatTopicsWords() throws IOException {
    try (SemanticSearchService s = SemanticSearchService.open(dir.resolve("index"))) {
      int checked = 0;
      for (Document d : docs.subList(0, 8)) {
        String prefix = topicPrefix(d.labels().get(0));
        SearchHit nearest = s.similar(d.id(), 1).orElseThrow().results().get(0);
        assertThat(nearest.labels()).as("the nearest neighbour of %s", d.id()).isEqualTo(d.labels());
        MatchExplanation e = s.explainPair(d.id(), nearest.id()).orElseThrow();
        assertThat(e.distance()).isEqualTo(nearest.distance());
        assertThat(e.shared().size() + e.differing().size()).isEqualTo(16);
        List<String> words = e.matchWords().stream().map(MatchExplanation.MatchWord::term).toList();
        assertThat(words).as("match words of %s ~ %s", d.id(), nearest.id()).isNotEmpty();
        // the topic's words lead, and no other topic's word appears (the shared pool may)
        assertThat(words.get(0)).startsWith(prefix);
        assertThat(share(words, prefix)).as("%s", words).isGreaterThanOrEqualTo(0.6);
        assertThat(words).as("%s", words).allMatch(w -> w.startsWith(prefix) || w.startsWith("shared"));
        // single bits are not topics (a topic is a corner of the cube, several bits at once), so
        // their own top words mix topics; it is the shared bits together that name the topic
        checked++;
      }
      assertThat(checked).isEqualTo(8);

      // a query made of topic 2's words, against a topic-2 document
      StringBuilder q = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        q.append("tcx").append((char) ('a' + i % 10)).append(' ');
      }
      Document topic2 = docs.stream().filter(d -> d.labels().equals(List.of("topic2"))).findFirst().orElseThrow();
      MatchExplanation e = s.explain(q.toString(), topic2.id()).orElseThrow();
      assertThat(e.leftId()).isNull();
      assertThat(e.leftCode()).isEqualTo(model.code(q.toString()).toHex());
      List<String> words = e.matchWords().stream().map(MatchExplanation.MatchWord::term).toList();
      assertThat(share(words, "tcx")).as("%s", words).isGreaterThanOrEqualTo(0.6);
      assertThat(words).as("%s", words).allMatch(w -> w.startsWith("tcx") || w.startsWith("shared"));
      assertThat(s.explain(q.toString(), "no-such-doc")).isEmpty();
      assertThat(s.explainPair(topic2.id(), "no-such-doc")).isEmpty();
    }
  }

  /**
   * Ranked by contrast over the index's own documents, each bit's top words are words of the
   * topics the bit is on for more often than overall, at most one of the shared pool and never
   * first (its off words:
   * of topics it is on for less often): the topic shares come from the codes alone, not from the
   * ranking.
   */
  @Test
  void contrastRanksEachBitsWordsFromItsPlantedTopics() throws IOException {
    List<BitCode> codes = docs.stream().map(d -> model.code(d.fullText())).toList();
    try (SemanticSearchService s = SemanticSearchService.open(dir.resolve("index"))) {
      BitReport report = s.bits(10);
      assertThat(report.rank()).isEqualTo(BitMeanings.Rank.CONTRAST);
      int listed = 0;
      for (BitMeaning m : report.meanings()) {
        int bit = m.bit();
        double rate = codes.stream().filter(c -> c.get(bit)).count() / (double) codes.size();
        double[] topicRate = new double[4];
        for (int t = 0; t < 4; t++) {
          String label = "topic" + t;
          List<BitCode> ofTopic = new ArrayList<>();
          for (int d = 0; d < docs.size(); d++) {
            if (docs.get(d).labels().contains(label)) {
              ofTopic.add(codes.get(d));
            }
          }
          topicRate[t] = ofTopic.stream().filter(c -> c.get(bit)).count() / (double) ofTopic.size();
        }
        // the shared pool's words are spread evenly over the topics, but a sample leans a little:
        // exclusivity may let one such word in, never at the head of a list
        assertThat(m.on().stream().filter(w -> w.term().startsWith("shared")).count())
            .as("bit %d on: %s", bit, m.onTerms(10)).isLessThanOrEqualTo(1);
        if (!m.on().isEmpty()) {
          assertThat(m.on().get(0).term()).as("bit %d on: %s", bit, m.onTerms(10)).doesNotStartWith("shared");
        }
        for (BitWord w : m.on()) {
          if (w.term().startsWith("shared")) {
            continue;
          }
          int t = w.term().charAt(1) - 'a';
          assertThat(topicRate[t]).as("bit %d, word %s: topic %d on-rate vs %.3f", bit, w.term(), t, rate).isGreaterThan(rate);
          assertThat(w.contrast()).isPositive();
          listed++;
        }
        for (BitWord w : m.off()) {
          // the shared pool may be listed off: with one topic taken by the on side, every other
          // word gains share among the off documents
          if (!w.term().startsWith("shared")) {
            int t = w.term().charAt(1) - 'a';
            assertThat(topicRate[t]).as("bit %d (on-rate %.3f), off word %s", bit, rate, w.term()).isLessThan(rate);
          }
          assertThat(w.contrast()).isNegative();
        }
      }
      assertThat(listed).as("on words listed over all bits").isGreaterThan(16 * 5);
    }
  }

  @Test
  void aBitForcedAlwaysOnIsReportedDead() throws IOException {
    int forced = 3;
    List<ModelWeights.Matrix> m = new ArrayList<>(model.weights().matrices());
    ModelWeights.Matrix b3 = model.weights().get("b3");
    float[] bias = b3.data().clone();
    bias[forced] = 1e6f;
    m.set(5, new ModelWeights.Matrix("b3", b3.rows(), b3.cols(), bias));
    HashingModel broken = HashingModel.of(model.vectorizer(), new ModelWeights(m), model.manifest());

    List<BitCode> codes = docs.stream().map(d -> broken.code(d.fullText())).toList();
    BitHealth health = BitHealth.of(16, codes);
    assertThat(health.onRate()[forced]).isEqualTo(1.0);
    assertThat(health.dead()).contains(forced);
    BitHealth before = BitHealth.of(16, docs.stream().map(d -> model.code(d.fullText())).toList());
    assertThat(before.dead()).doesNotContain(forced);

    // the index's report and the evaluation say so too
    IndexDirectoryWriter.write(broken, docs, "all", dir.resolve("broken"), null);
    try (SemanticSearchService s = SemanticSearchService.open(dir.resolve("broken"))) {
      BitReport report = s.bits(5);
      assertThat(report.health().dead()).contains(forced);
      assertThat(report.health().documents()).isEqualTo(docs.size());
      assertThat(report.rank()).isEqualTo(BitMeanings.Rank.CONTRAST);
      assertThat(report.meanings()).hasSize(16);
      // a bit on in every document sets no documents apart: it has no words
      assertThat(report.meanings().get(forced).on()).isEmpty();
      assertThat(report.meanings().get(forced).off()).isEmpty();
    }
    assertThat(ModelEvaluation.run(broken, docs, 10).deadBits())
        .isEqualTo(ModelEvaluation.run(model, docs, 10).deadBits() + 1);
  }
}
