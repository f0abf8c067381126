package io.semhash.indexdir;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Document;
import io.semhash.search.SearchHit;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SemanticSearchService;
import io.semhash.corpus.Split;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a crash between the Lucene commit and the Hamming save leaves (Lucene has the write,
 * the saved Hamming index does not), made exactly by putting back the Hamming files of before the
 * write: opening the directory repairs it and every committed document is there with its code.
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  private static final Document SHUTTLE =
      new Document("extra-1", "Shuttle news", "orbit rocket launch shuttle nasa moon", List.of("topic0"), Split.TRAIN);
  private static final Document GOALIE =
      new Document("extra-2", "Goalie news", "hockey goalie puck playoffs skate", List.of("topic1"), Split.TRAIN);

  @Test
  void anAddWhoseHammingSaveWasLostIsRecovered() throws IOException {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    Path before = keepHamming(dir);
    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      s.add(List.of(SHUTTLE));
    }
    restoreHamming(dir, before);

    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery()).isEqualTo(new IndexRecovery.Outcome(1, 0, 0));
      assertFound(s, SHUTTLE);
      assertThat(s.stats().documents()).isEqualTo(91);
    }
    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery().changed()).as("the repair was saved").isFalse();
      assertFound(s, SHUTTLE);
    }
  }

  @Test
  void aDeleteAndAReplaceWhoseHammingSaveWasLostAreRecovered() throws IOException {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    Path before = keepHamming(dir);
    Document replacement = new Document("doc-1", "now about space", "orbit rocket launch satellite", List.of("topic0"), Split.TRAIN);
    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(s.delete("doc-0")).isTrue();
      assertThat(s.add(List.of(replacement)).replaced()).containsExactly("doc-1");
    }
    restoreHamming(dir, before);

    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery()).isEqualTo(new IndexRecovery.Outcome(1, 0, 2));
      assertThat(s.document("doc-0")).isEmpty();
      assertFound(s, replacement);
      assertThat(s.stats().documents()).isEqualTo(89);
      SearchResponse all = s.search(new SearchRequest("orbit", 100, 0, List.of(), null, SearchMode.SEMANTIC));
      assertThat(all.total()).isEqualTo(89);
      assertThat(all.results()).extracting(SearchHit::id).doesNotContain("doc-0").containsOnlyOnce("doc-1");
    }
  }

  @Test
  void severalLostWritesLeaveGapsThatStayDeleted() throws IOException {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    Path before = keepHamming(dir);
    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      s.add(List.of(SHUTTLE));
      s.add(List.of(GOALIE));
      s.delete(SHUTTLE.id());
    }
    restoreHamming(dir, before);

    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery()).isEqualTo(new IndexRecovery.Outcome(1, 0, 0));
      assertThat(s.document(SHUTTLE.id())).isEmpty();
      assertFound(s, GOALIE);
      assertThat(s.stats().documents()).isEqualTo(91);
      SearchResponse all = s.search(new SearchRequest("puck", 100, 0, List.of(), null, SearchMode.SEMANTIC));
      assertThat(all.total()).isEqualTo(91);
      assertThat(all.results()).hasSize(91).extracting(SearchHit::id).doesNotContain(SHUTTLE.id());
    }
  }

  @Test
  void aStoredDocumentWhoseCodeIsDeletedGetsANewNumber() throws IOException {
    // Lucene from before a delete, Hamming from after it: not a state the write order produces,
    // but recovery trusts the store whichever way the two disagree
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    Path other = TinySemanticIndex.copyTo(tmp.resolve("other"));
    try (SemanticSearchService s = SemanticSearchService.open(other)) {
      s.delete("doc-5");
    }
    restoreHamming(dir, other.resolve(IndexLayout.HAMMING));

    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery()).isEqualTo(new IndexRecovery.Outcome(0, 1, 0));
      assertFound(s, TinySemanticIndex.documents().get(5));
      assertThat(s.stats().documents()).isEqualTo(90);
    }
  }

  /** Found by id with the model's code for its text, and by a radius-0 search for its own text. */
  private static void assertFound(SemanticSearchService s, Document d) {
    String code = s.model().code(d.fullText()).toHex();
    assertThat(s.document(d.id())).get().satisfies(sd -> {
      assertThat(sd.codeHex()).isEqualTo(code);
      assertThat(sd.text()).isEqualTo(d.text());
    });
    SearchResponse exact = s.search(new SearchRequest(d.fullText(), 100, 0, List.of(), 0, SearchMode.SEMANTIC));
    assertThat(exact.results()).extracting(SearchHit::id).contains(d.id());
  }

  private Path keepHamming(Path dir) throws IOException {
    Path kept = tmp.resolve("hamming-before");
    copy(dir.resolve(IndexLayout.HAMMING), kept);
    return kept;
  }

  private static void restoreHamming(Path dir, Path saved) throws IOException {
    Path hamming = dir.resolve(IndexLayout.HAMMING);
    try (Stream<Path> walk = Files.walk(hamming)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    copy(saved, hamming);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
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
