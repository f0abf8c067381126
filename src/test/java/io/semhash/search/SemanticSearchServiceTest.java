package io.semhash.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.indexdir.IndexLayout;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.pipeline.ModelTraining;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic service over a real index directory, against brute-force Hamming ranking. */
class SemanticSearchServiceTest {
  @TempDir static Path dir;
  static List<Document> docs;
  static HashingModel model;
  static Path index;

  static List<Document> corpus() {
    SplittableRandom r = new SplittableRandom(4);
    String[][] topics = {
      {"orbit", "rocket", "launch", "shuttle", "nasa", "satellite", "moon", "astronaut"},
      {"hockey", "goalie", "puck", "playoffs", "skate", "season", "team", "coach"},
      {"church", "bible", "faith", "prayer", "gospel", "christ", "belief", "scripture"}};
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      int t = i % 3;
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 30; w++) {
        sb.append(topics[t][r.nextInt(topics[t].length)]).append(' ');
      }
      out.add(new Document("doc-" + i, "title " + topics[t][i % 8], sb.toString(), List.of("topic" + t),
          i % 5 == 0 ? Split.TEST : Split.TRAIN));
    }
    return out;
  }

  @BeforeAll
  static void build() throws IOException {
    docs = corpus();
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    model = ModelTraining.train(docs, vectors, new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 0.0, 3, 3e-3, 16, 5, 5, 0.2, 9), null);
    index = dir.resolve("index");
    IndexDirectoryWriter.write(model, docs, "all", index, null);
  }

  /** Reference: all documents by (Hamming distance, database position). */
  static List<Document> bruteForce(BitCode q, List<Document> among) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < among.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingInt(i -> model.code(among.get(i).fullText()).distance(q)).thenComparingInt(i -> i));
    return order.stream().map(among::get).toList();
  }

  @Test
  void semanticSearchEqualsBruteForceRankingWithPagingAndFilters() throws IOException {
    try (SemanticSearchService s = SemanticSearchService.open(index)) {
      String q = "rocket launch to the moon";
      BitCode code = model.code(q);
      List<Document> expected = bruteForce(code, docs);
      SearchResponse page2 = s.search(new SearchRequest(q, 7, 7, List.of(), null, SearchMode.SEMANTIC));
      assertThat(page2.results()).extracting(SearchHit::id).containsExactlyElementsOf(expected.subList(7, 14).stream().map(Document::id).toList());
      assertThat(page2.codeHex()).isEqualTo(code.toHex());
      assertThat(page2.total()).isEqualTo(docs.size());

      List<Document> topic1 = docs.stream().filter(d -> d.labels().contains("topic1")).toList();
      SearchResponse filtered = s.search(new SearchRequest(q, 5, 0, List.of("topic1"), null, SearchMode.SEMANTIC));
      assertThat(filtered.results()).extracting(SearchHit::id)
          .containsExactlyElementsOf(bruteForce(code, topic1).subList(0, 5).stream().map(Document::id).toList());
      assertThat(filtered.total()).isEqualTo(topic1.size());

      int r = code.distance(model.code(expected.get(20).fullText()));
      long within = docs.stream().filter(d -> model.code(d.fullText()).distance(code) <= r).count();
      SearchResponse radius = s.search(new SearchRequest(q, 100, 0, List.of(), r, SearchMode.SEMANTIC));
      assertThat(radius.total()).isEqualTo(within);
      assertThat(radius.results()).allSatisfy(h -> assertThat(h.distance()).isLessThanOrEqualTo(r));
    }
  }

  @Test
  void similarExcludesTheDocumentAndFollowsDistance() throws IOException {
    try (SemanticSearchService s = SemanticSearchService.open(index)) {
      Document d = docs.get(3);
      List<String> expected = bruteForce(model.code(d.fullText()), docs).stream().map(Document::id)
          .filter(id -> !id.equals(d.id())).limit(6).toList();
      assertThat(s.similar(d.id(), 6).orElseThrow().results()).extracting(SearchHit::id).containsExactlyElementsOf(expected);
      assertThat(s.similar("no-such-id", 6)).isEmpty();
    }
  }

  @Test
  void sameTopicComesFirstInSemanticAndHybridModes() throws IOException {
    try (SemanticSearchService s = SemanticSearchService.open(index)) {
      for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
        SearchResponse r = s.search(new SearchRequest("the goalie stopped the puck; the team and its coach skate towards the playoffs this season", 10, 0, List.of(), null, mode));
        long hockey = r.results().stream().filter(h -> h.labels().contains("topic1")).count();
        assertThat(hockey).as(mode.label()).isGreaterThanOrEqualTo(9);
      }
    }
  }

  @Test
  void addsAndDeletesSurviveReopening(@TempDir Path tmp) throws IOException {
    Path copy = tmp.resolve("copy");
    copyTree(index, copy);
    Document extra = new Document("extra-1", "Shuttle news", "orbit rocket launch shuttle nasa", List.of("topic0"), Split.TRAIN);
    try (SemanticSearchService s = SemanticSearchService.open(copy)) {
      assertThat(s.add(List.of(extra)).added()).containsExactly("extra-1");
      assertThat(s.delete("doc-0")).isTrue();
      assertThat(s.delete("doc-0")).isFalse();
    }
    try (SemanticSearchService s = SemanticSearchService.open(copy)) {
      assertThat(s.document("extra-1")).get().satisfies(d -> assertThat(d.codeHex()).isEqualTo(model.code(extra.fullText()).toHex()));
      assertThat(s.document("doc-0")).isEmpty();
      assertThat(s.stats().documents()).isEqualTo(docs.size());
    }
  }

  @Test
  void inconsistentOrForeignDirectoriesAreRefused(@TempDir Path tmp) throws IOException {
    assertThatThrownBy(() -> SemanticSearchService.open(tmp)).hasMessageContaining("not a semhash index directory");
    Path copy = tmp.resolve("copy");
    copyTree(index, copy);
    Files.writeString(copy.resolve(IndexLayout.MANIFEST), "{\"format\":\"something-else\",\"version\":1}");
    assertThatThrownBy(() -> SemanticSearchService.open(copy)).hasMessageContaining("expected format semhash-index");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
