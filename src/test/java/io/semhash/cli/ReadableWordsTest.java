package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.explain.MatchExplanation;
import io.semhash.model.HashingModel;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.CliRun;
import io.semhash.text.TermAnalyzer;
import io.semhash.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over every bit of a small stemmed model trained on a slice of 20 Newsgroups: every word shown to
 * a person ({@code semhash bits}, bit words and match words of explanations) is its term's most
 * frequent surface form, whose stem is the term; the term stays alongside for programs.
 */
class ReadableWordsTest {
  @TempDir static Path dir;
  static Path index;
  static HashingModel model;
  static SemanticSearchService service;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void build() throws Exception {
    index = dir.resolve("index");
    CliRun build = CliRun.of("build", "--config", SmallCorpus.writeConfig(dir, 3).toString(),
        "--corpus", SmallCorpus.writeJsonl(dir).toString(), "--out", index.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
    model = HashingModel.load(index.resolve("model"));
    service = SemanticSearchService.open(index);
  }

  @AfterAll
  static void close() {
    service.close();
  }

  /** Host names, e-mail addresses and anything with a digit or an underscore. */
  static final java.util.regex.Pattern NOT_A_WORD =
      java.util.regex.Pattern.compile(".*([0-9_@]|[a-z]\\.[a-z]).*");

  /**
   * A word shown for {@code term}: the vocabulary's word for it, a surface form of it, and not
   * shaped like a host name, an e-mail address or a number.
   */
  static void assertReadable(String term, String word) {
    assertThat(word).as(term).doesNotMatch(NOT_A_WORD);
    Vocabulary v = model.vectorizer().vocabulary();
    TermAnalyzer analyzer = model.vectorizer().analyzer();
    assertThat(v.indexOf(term)).as(term).isNotNegative();
    assertThat(word).as(term).isEqualTo(v.word(v.indexOf(term)));
    assertThat(analyzer.stem(word)).as(word).isEqualTo(term);
  }

  @Test
  void bitWordsAreSurfaceFormsWithTheirStems() throws Exception {
    assertThat(model.vectorizer().vocabulary().stemmed()).isTrue();
    // the vocabulary does hold host names, e-mail parts and numbers: the lists below must leave them out
    assertThat(model.vectorizer().vocabulary().terms().stream().filter(t -> NOT_A_WORD.matcher(t).matches()).count())
        .as("vocabulary terms shaped like host names or numbers").isGreaterThan(10);
    CliRun json = CliRun.of("bits", "--model", index.resolve("model").toString(), "--top", "50", "--json",
        "--corpus", dir.resolve("small.jsonl").toString());
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode report = JSON.readTree(json.out());
    int differ = 0;
    int words = 0;
    for (JsonNode m : report.get("meanings")) {
      for (String list : new String[] {"on", "on_by_probability", "off"}) {
        for (JsonNode w : m.get(list)) {
          assertReadable(w.get("term").asText(), w.get("word").asText());
          differ += w.get("term").asText().equals(w.get("word").asText()) ? 0 : 1;
          words++;
        }
      }
    }
    assertThat(report.get("rank").asText()).isEqualTo("contrast");
    assertThat(words).as("words listed over all bits and lists").isGreaterThan(32 * 25);
    assertThat(differ).as("words that are not their stem").isGreaterThan(words / 10);

    CliRun text = CliRun.of("bits", "--model", index.resolve("model").toString(), "--top", "5",
        "--corpus", dir.resolve("small.jsonl").toString());
    String[] lines = text.out().strip().split("\n");
    for (int b = 0; b < 32; b++) {
      List<String> shown = new ArrayList<>();
      report.get("meanings").get(b).get("on").forEach(w -> shown.add(w.get("word").asText()));
      assertThat(lines[b + 1]).contains(String.join(" ", shown.subList(0, Math.min(5, shown.size()))) + " |");
    }
  }

  /** The index's own report (what /api/bits serves), every bit, every list. */
  @Test
  void theIndexsBitReportListsOnlyReadableWords() {
    var report = service.bits(50);
    assertThat(report.rank()).isEqualTo(io.semhash.explain.BitMeanings.Rank.CONTRAST);
    assertThat(report.meanings()).hasSize(32);
    for (var m : report.meanings()) {
      for (var list : List.of(m.on(), m.onByProbability(), m.off())) {
        list.forEach(w -> assertReadable(w.term(), w.word()));
      }
    }
  }

  @Test
  void explanationsShowSurfaceFormsWithTheirStems() {
    int differ = 0;
    for (Document d : SmallCorpus.documents().stream().filter(d -> d.split() == Split.TEST).limit(20).toList()) {
      String id = SmallCorpus.documents().stream().filter(x -> x.split() == Split.TRAIN
          && x.labels().equals(d.labels())).findFirst().orElseThrow().id();
      MatchExplanation e = service.explain(d.fullText(), id).orElseThrow();
      for (MatchExplanation.MatchWord w : e.matchWords()) {
        assertReadable(w.term(), w.word());
        differ += w.term().equals(w.word()) ? 0 : 1;
      }
      List<MatchExplanation.ExplainedBit> bits = new ArrayList<>(e.shared());
      bits.addAll(e.differing());
      assertThat(bits).hasSize(32);
      for (MatchExplanation.ExplainedBit b : bits) {
        assertThat(b.onWords()).hasSameSizeAs(b.on());
        assertThat(b.offWords()).hasSameSizeAs(b.off());
        for (int k = 0; k < b.on().size(); k++) {
          assertReadable(b.on().get(k), b.onWords().get(k));
        }
        for (int k = 0; k < b.off().size(); k++) {
          assertReadable(b.off().get(k), b.offWords().get(k));
        }
      }
    }
    assertThat(differ).as("match words that are not their stem").isPositive();
  }
}
