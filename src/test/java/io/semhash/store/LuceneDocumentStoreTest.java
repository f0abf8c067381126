package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneDocumentStoreTest {
  private static final TermAnalyzer ANALYZER = new TermAnalyzer(false);

  @TempDir Path tmp;
  private List<Document> docs;
  private final Map<String, Set<String>> terms = new HashMap<>();
  private LuceneDocumentStore store;

  @BeforeEach
  void fill() {
    docs = MiniCorpus.documents();
    store = LuceneDocumentStore.inMemory(ANALYZER); // the on-disk life cycle has its own tests below
    store.add(entries(docs));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<StoredEntry> entries(List<Document> docs) {
    List<StoredEntry> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      out.add(new StoredEntry(i, docs.get(i)));
    }
    return out;
  }

  /** Brute force: the ids of documents whose analysed title or text holds {@code term}. */
  private Set<String> containing(String term, Set<String> labels) {
    Set<String> ids = new TreeSet<>();
    for (Document d : docs) {
      boolean has = terms.computeIfAbsent(d.id(), id -> new HashSet<>(ANALYZER.tokens(d.title() + "\n" + d.text()))).contains(term);
      boolean labelled = labels.isEmpty() || d.labels().stream().anyMatch(labels::contains);
      if (has && labelled) {
        ids.add(d.id());
      }
    }
    return ids;
  }

  private static Set<String> ids(KeywordHits hits) {
    return hits.hits().stream().map(h -> h.document().id()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void storesEveryFieldAndFindsByIdAndNumber() {
    assertThat(store.count()).isEqualTo(docs.size());
    assertThat(store.maxNumber()).isEqualTo(docs.size() - 1);
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      assertThat(store.get(d.id())).contains(new StoredEntry(i, d));
      assertThat(store.getByNumber(i)).contains(new StoredEntry(i, d));
    }
    assertThat(store.get("no-such-id")).isEmpty();
    assertThat(store.getByNumber(10_000)).isEmpty();
  }

  @Test
  void everySingleTermQueryMatchesExactlyTheDocumentsHoldingIt() {
    Set<String> vocabulary = new TreeSet<>();
    docs.forEach(d -> vocabulary.addAll(ANALYZER.tokens(d.title() + " " + d.text())));
    assertThat(vocabulary).hasSizeGreaterThan(50);
    for (String term : vocabulary) {
      KeywordHits hits = store.search(term, List.of(), 1000, 0);
      Set<String> expected = containing(term, Set.of());
      assertThat(ids(hits)).as(term).isEqualTo(expected);
      assertThat(hits.total()).as(term).isEqualTo(expected.size());
      for (int i = 1; i < hits.hits().size(); i++) {
        assertThat(hits.hits().get(i).score()).isLessThanOrEqualTo(hits.hits().get(i - 1).score());
      }
    }
  }

  @Test
  void aMultiWordQueryMatchesDocumentsHoldingAnyWord() {
    Set<String> expected = new TreeSet<>(containing("goalie", Set.of()));
    expected.addAll(containing("garlic", Set.of()));
    KeywordHits hits = store.search("Goalie's GARLIC", List.of(), 1000, 0);
    assertThat(ids(hits)).isEqualTo(expected);
  }

  @Test
  void labelFilterKeepsDocumentsWithAnyOfTheLabels() {
    Set<String> labels = Set.of("sci.space", "rec.food.cooking");
    for (String term : List.of("time", "question", "really", "orbit", "image")) {
      KeywordHits hits = store.search(term, labels, 1000, 0);
      assertThat(ids(hits)).as(term).isEqualTo(containing(term, labels));
      assertThat(hits.total()).isEqualTo(containing(term, labels).size());
    }
    // the two-label document is found under either label
    assertThat(ids(store.search("jpeg", List.of("sci.space"), 10, 0))).contains("graphics-1");
    assertThat(store.search("time", List.of("no.such.label"), 10, 0).total()).isZero();
  }

  /** A filter of thousands of labels (far past Lucene's 1,024 clauses) answers as a small one does. */
  @Test
  void aFilterOfThousandsOfLabelsCannotOverflowTheClauseLimit() {
    Set<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < 5000; i++) {
      labels.add("no.such.label." + i);
    }
    labels.add("sci.space");
    for (String term : List.of("time", "orbit")) {
      KeywordHits hits = store.search(term + " question really image", labels, 1000, 0);
      KeywordHits small = store.search(term + " question really image", Set.of("sci.space"), 1000, 0);
      assertThat(ids(hits)).as(term).isEqualTo(ids(small)).isNotEmpty();
      assertThat(hits.total()).isEqualTo(small.total());
      assertThat(ids(store.search(term, labels, 1000, 0))).isEqualTo(containing(term, Set.of("sci.space")));
    }
  }

  @Test
  void pagesConcatenateToTheFullRanking() {
    KeywordHits all = store.search("time question", List.of(), 1000, 0);
    assertThat(all.hits().size()).isGreaterThan(6);
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < all.total(); offset += 4) {
      KeywordHits page = store.search("time question", List.of(), 4, offset);
      assertThat(page.total()).isEqualTo(all.total());
      page.hits().forEach(h -> paged.add(h.document().id()));
    }
    assertThat(paged).isEqualTo(all.hits().stream().map(h -> h.document().id()).toList());
    KeywordHits beyond = store.search("time question", List.of(), 4, 1000);
    assertThat(beyond.hits()).isEmpty();
    assertThat(beyond.total()).isEqualTo(all.total());
  }

  @Test
  void queriesWithoutTermsOrWithSyntaxCharactersAreJustWords() {
    assertThat(store.search("the and of 1234", List.of(), 10, 0)).isEqualTo(KeywordHits.empty());
    assertThat(store.search("   ", List.of(), 10, 0).total()).isZero();
    KeywordHits odd = store.search("title:(orbit AND \"unbalanced ~* [", List.of(), 100, 0);
    Set<String> expected = new TreeSet<>(containing("orbit", Set.of()));
    expected.addAll(containing("unbalanced", Set.of()));
    expected.addAll(containing("title", Set.of()));
    assertThat(ids(odd)).isEqualTo(expected);
    assertThatThrownBy(() -> store.search("orbit", List.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.search("orbit", List.of(), 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void snippetsArePlainTextAroundTheQueryTerms() {
    KeywordHits hits = store.search("payload", List.of(), 100, 0);
    assertThat(hits.hits()).isNotEmpty();
    for (KeywordHit hit : hits.hits()) {
      assertThat(hit.snippet().toLowerCase()).contains("payload");
      assertThat(hit.snippet().length()).isLessThanOrEqualTo(260);
      assertThat(hit.snippet()).doesNotContain("\n");
    }
    // markup in a stored document comes back verbatim, as text: escaping is the renderer's job
    KeywordHit evil = store.search("hostile", List.of(), 1, 0).hits().get(0);
    assertThat(evil.document().title()).contains("<img src=x onerror=");
    assertThat(evil.snippet()).contains("<script>");
  }

  @Test
  void labelCountsMatchBruteForceAndFollowDeletes() {
    Map<String, Long> expected = new TreeMap<>();
    docs.forEach(d -> d.labels().forEach(l -> expected.merge(l, 1L, Long::sum)));
    assertThat(new TreeMap<>(store.labelCounts())).isEqualTo(expected);
    List<Long> counts = new ArrayList<>(store.labelCounts().values());
    assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    assertThat(store.delete("evil-1")).isPresent();
    expected.merge("sci.space", -1L, Long::sum);
    assertThat(new TreeMap<>(store.labelCounts())).isEqualTo(expected);
  }

  @Test
  void deleteRemovesFromEveryReadAndUnknownIdsAreReported() {
    Document gone = docs.get(3);
    assertThat(store.delete(gone.id())).contains(new StoredEntry(3, gone));
    assertThat(store.delete(gone.id())).isEmpty();
    assertThat(store.delete("never-there")).isEmpty();
    assertThat(store.count()).isEqualTo(docs.size() - 1);
    assertThat(store.get(gone.id())).isEmpty();
    assertThat(store.getByNumber(3)).isEmpty();
    String term = ANALYZER.tokens(gone.title()).get(0);
    assertThat(ids(store.search(term, List.of(), 1000, 0))).doesNotContain(gone.id());
  }

  @Test
  void addingAStoredIdReplacesTheDocument() {
    Document old = docs.get(0);
    Document updated = new Document(old.id(), "Replaced", "zeppelin airship", List.of("misc"), Split.TEST);
    store.add(List.of(new StoredEntry(0, updated)));
    assertThat(store.count()).isEqualTo(docs.size());
    assertThat(store.get(old.id())).contains(new StoredEntry(0, updated));
    assertThat(ids(store.search("zeppelin", List.of(), 10, 0))).containsExactly(old.id());
    assertThat(store.labelCounts()).containsEntry("misc", 1L);
  }

  @Test
  void moreLikeThisFindsSimilarDocumentsButNotItself() {
    KeywordHits like = store.moreLikeThis("hockey-1", List.of(), 5, 0).orElseThrow();
    assertThat(ids(like)).doesNotContain("hockey-1");
    assertThat(like.hits()).hasSize(5);
    long sameLabel = like.hits().stream().filter(h -> h.document().labels().contains("rec.sport.hockey")).count();
    assertThat(sameLabel).isGreaterThanOrEqualTo(4);
    KeywordHits filtered = store.moreLikeThis("hockey-1", List.of("rec.food.cooking"), 50, 0).orElseThrow();
    assertThat(filtered.hits()).allMatch(h -> h.document().labels().contains("rec.food.cooking"));
    assertThat(store.moreLikeThis("no-such-id", List.of(), 5, 0)).isEmpty();
  }

  @Test
  void reopensWithEveryDocumentAndTheSameAnalyzer() {
    Path dir = tmp.resolve("stemmed");
    try (LuceneDocumentStore stemmed = LuceneDocumentStore.create(dir, new TermAnalyzer(true))) {
      stemmed.add(entries(docs));
      stemmed.commit();
    }
    try (LuceneDocumentStore reopened = LuceneDocumentStore.open(dir)) {
      assertThat(reopened.analyzer().stems()).isTrue();
      assertThat(reopened.count()).isEqualTo(docs.size());
      assertThat(reopened.get("cooking-1")).contains(new StoredEntry(6 * 2, docs.get(12)));
      // stemming applies to queries too: "rockets" finds documents saying "rocket"
      assertThat(reopened.search("rockets", List.of(), 100, 0).total()).isEqualTo(containing("rocket", Set.of()).size());
      reopened.add(List.of(new StoredEntry(99, new Document("late", "", "late text", List.of(), Split.TRAIN))));
    }
    try (LuceneDocumentStore again = LuceneDocumentStore.open(dir)) {
      assertThat(again.count()).isEqualTo(docs.size() + 1); // close commits
      assertThat(again.maxNumber()).isEqualTo(99);
    }
  }

  @Test
  void openNamesTheDirectoryWhenItIsNotAStore() throws Exception {
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> LuceneDocumentStore.open(missing))
        .isInstanceOf(StoreException.class).hasMessageContaining(missing.toString());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> LuceneDocumentStore.open(empty))
        .isInstanceOf(StoreException.class).hasMessageContaining(empty.toString())
        .hasMessageContaining("not a semhash document store");
    Path plain = tmp.resolve("plain-lucene");
    try (IndexWriter w = new IndexWriter(FSDirectory.open(plain), new IndexWriterConfig())) {
      w.commit();
    }
    assertThatThrownBy(() -> LuceneDocumentStore.open(plain))
        .isInstanceOf(StoreException.class).hasMessageContaining(plain.toString())
        .hasMessageContaining("marker");
    try (LuceneDocumentStore onDisk = LuceneDocumentStore.create(tmp.resolve("store"), ANALYZER)) {
      assertThatThrownBy(() -> LuceneDocumentStore.create(tmp.resolve("store"), ANALYZER))
          .isInstanceOf(StoreException.class).hasMessageContaining("not empty");
      assertThatThrownBy(() -> LuceneDocumentStore.open(tmp.resolve("store")))
          .isInstanceOf(StoreException.class).hasMessageContaining("in use");
    }
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    assertThatThrownBy(() -> LuceneDocumentStore.open(file))
        .isInstanceOf(StoreException.class).hasMessageContaining(file.toString());
  }

  @Test
  void numbersWithAnyLabelMatchBruteForceAndSkipDeletes() {
    for (Set<String> labels : List.of(Set.of("sci.space"), Set.of("rec.sport.hockey", "comp.graphics"), Set.of("none"), Set.<String>of())) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        if (docs.get(i).labels().stream().anyMatch(labels::contains)) {
          expected.add(i);
        }
      }
      assertThat(store.numbersWithAnyLabel(labels)).as(labels.toString())
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
    int evil = docs.indexOf(store.get("evil-1").orElseThrow().document());
    store.delete("evil-1");
    assertThat(store.numbersWithAnyLabel(Set.of("sci.space"))).doesNotContain(evil).hasSize(7);
  }

  @Test
  void snippetsForTextsFromElsewhere() {
    String text = "lorem ipsum dolor sit amet ".repeat(20) + "the Rockets were launched " + "lorem ipsum ".repeat(20);
    assertThat(store.snippet(text, "rockets launch")).contains("Rockets").startsWith("…").endsWith("…");
    assertThat(store.snippet("short text", "absent")).isEqualTo("short text");
  }

  @Test
  void onDiskStoreWorksAlike() {
    try (LuceneDocumentStore disk = LuceneDocumentStore.create(tmp.resolve("disk"), ANALYZER)) {
      disk.add(entries(docs));
      assertThat(disk.path()).contains(tmp.resolve("disk"));
      assertThat(store.path()).isEmpty();
      assertThat(ids(disk.search("puck", List.of(), 100, 0))).isEqualTo(containing("puck", Set.of()));
      assertThat(disk.labelCounts()).isEqualTo(store.labelCounts());
    }
  }

  @Test
  void fixtureHasTheShapeTheseTestsAssume() {
    // guard against a fixture change silently weakening the tests above
    Map<String, Integer> perLabel = new HashMap<>();
    docs.forEach(d -> d.labels().forEach(l -> perLabel.merge(l, 1, Integer::sum)));
    assertThat(perLabel).hasSize(4);
    assertThat(new HashSet<>(docs.stream().map(Document::id).toList())).hasSize(docs.size());
    assertThat(new LinkedHashSet<>(docs).size()).isEqualTo(26);
  }

  @Test
  void aQueryOfThousandsOfDistinctTermsSearchesTheFirstOnesWithoutHittingTheClauseLimit() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      q.append((char) ('a' + i % 26)).append((char) ('a' + i / 26 % 26)).append((char) ('a' + i / 676)).append("zq ");
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      labels.add("label" + i);
    }
    assertThat(store.search(q.toString(), labels, 10, 0).total()).isZero();
    String word = docs.get(3).text().split("\\W+")[1].toLowerCase(java.util.Locale.ROOT);
    String early = word + " " + q;
    String late = q + " " + word;
    assertThat(store.search(early, List.of(), 100, 0).hits()).extracting(h -> h.document().id()).contains(docs.get(3).id());
    assertThat(store.search(late, List.of(), 100, 0).total()).as("terms past the first " + LuceneDocumentStore.MAX_QUERY_TERMS).isZero();
  }
}
