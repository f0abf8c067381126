package io.semhash.search;

import io.semhash.backend.AddResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeywordSearchServiceTest {
  private KeywordSearchService service;

  @BeforeEach
  void fill() {
    service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    AddResult result = service.add(MiniCorpus.documents());
    assertThat(result.added()).hasSize(26);
    assertThat(result.replaced()).isEmpty();
  }

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void keywordSearchIsTheDefaultAndHasNoCodes() {
    assertThat(service.defaultMode()).isEqualTo(SearchMode.KEYWORD);
    SearchResponse r = service.search(new SearchRequest("goalie", 3, 0, List.of(), 5, null));
    assertThat(r.mode()).isEqualTo(SearchMode.KEYWORD);
    assertThat(r.codeHex()).isNull();
    assertThat(r.bits()).isNull();
    assertThat(r.results()).hasSize(3);
    assertThat(r.total()).isGreaterThan(3);
    assertThat(r.results()).allSatisfy(h -> {
      assertThat(h.distance()).isNull();
      assertThat(h.codeHex()).isNull();
      assertThat(h.score()).isPositive();
      assertThat(h.title() + " " + h.snippet()).containsIgnoringCase("goalie");
    });
    SearchResponse filtered = service.search(new SearchRequest("time", 50, 0, List.of("sci.space"), null, SearchMode.KEYWORD));
    assertThat(filtered.results()).allMatch(h -> h.labels().contains("sci.space"));
  }

  @Test
  void semanticHybridAndEncodeNeedAModel() {
    for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
      assertThatThrownBy(() -> service.search(new SearchRequest("orbit", 10, 0, List.of(), null, mode)))
          .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("no model");
    }
    assertThatThrownBy(() -> service.encode("orbit")).isInstanceOf(ModelUnavailableException.class);
  }

  @Test
  void documentsSimilarAddReplaceDelete() {
    StoredDocument d = service.document("space-1").orElseThrow();
    assertThat(d.title()).isEqualTo("Shuttle launch delayed");
    assertThat(d.split()).isEqualTo("train");
    assertThat(d.codeHex()).isNull();
    assertThat(service.document("nope")).isEmpty();

    SearchResponse similar = service.similar("space-1", 4).orElseThrow();
    assertThat(similar.results()).hasSize(4).noneMatch(h -> h.id().equals("space-1"));
    assertThat(service.similar("nope", 4)).isEmpty();

    AddResult again = service.add(List.of(
        new Document("space-1", "New title", "zeppelin", List.of("x"), Split.TRAIN),
        new Document("fresh", "", "zeppelin too", List.of(), Split.TEST),
        new Document("fresh", "", "zeppelin twice", List.of(), Split.TEST)));
    assertThat(again.replaced()).containsExactly("space-1");
    assertThat(again.added()).containsExactly("fresh");
    assertThat(service.document("fresh").orElseThrow().text()).isEqualTo("zeppelin twice");
    assertThat(service.search(SearchRequest.of("zeppelin", 10)).total()).isEqualTo(2);

    assertThat(service.delete("fresh")).isTrue();
    assertThat(service.delete("fresh")).isFalse();
    assertThat(service.stats().documents()).isEqualTo(26);
  }

  @Test
  void statsHaveCountsAndNoTrainingFigures() {
    ServiceStats stats = service.stats();
    assertThat(stats.documents()).isEqualTo(26);
    assertThat(stats.modes()).containsExactly(SearchMode.KEYWORD);
    assertThat(stats.bits()).isNull();
    assertThat(stats.training()).isEmpty();
    assertThat(stats.labels()).containsEntry("sci.space", 8L).containsEntry("rec.sport.hockey", 6L);
  }
}
