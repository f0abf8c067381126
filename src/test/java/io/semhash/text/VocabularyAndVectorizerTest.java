package io.semhash.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyAndVectorizerTest {
  @TempDir Path dir;

  private static final VocabularyOptions ALL = new VocabularyOptions(10, 1, 1.0, false);

  private static List<Document> threeDocs() {
    return List.of(
        new Document("1", "", "apple banana apple", List.of(), Split.TRAIN),
        new Document("2", "", "banana cherry", List.of(), Split.TRAIN),
        new Document("3", "", "cherry cherry date", List.of(), Split.TRAIN),
        new Document("q", "", "apple elderberry elderberry", List.of(), Split.TEST));
  }

  @Test
  void vocabularyIsFittedOnTrainOnlyAndOrderedByDfThenTerm() {
    Vocabulary v = CorpusVectors.build(threeDocs(), ALL, null).vocabulary();
    // elderberry only occurs in the test document
    assertThat(v.terms()).containsExactly("banana", "cherry", "apple", "date");
    assertThat(v.documents()).isEqualTo(3);
    assertThat(v.df(v.indexOf("cherry"))).isEqualTo(2);
    assertThat(v.indexOf("elderberry")).isEqualTo(-1);
  }

  @Test
  void minDfMaxDfAndSizeCut() {
    List<Set<String>> sets = List.of(Set.of("a", "b", "c"), Set.of("a", "b"), Set.of("a", "d"), Set.of("a", "b", "e"));
    // a is in 4/4 docs (> 0.8), e/c/d in 1 doc (< min-df 2): only b survives
    assertThat(Vocabulary.fit(sets, new VocabularyOptions(10, 2, 0.8, false)).terms()).containsExactly("b");
    // size cut keeps the highest df first
    assertThat(Vocabulary.fit(sets, new VocabularyOptions(2, 1, 1.0, false)).terms()).containsExactly("a", "b");
  }

  @Test
  void sameInputGivesByteIdenticalFileWhateverTheDocumentOrder() throws IOException {
    List<Set<String>> sets = new ArrayList<>();
    Random r = new Random(7);
    for (int d = 0; d < 300; d++) {
      Set<String> s = new java.util.HashSet<>();
      for (int k = 0; k < 20; k++) {
        s.add("t" + r.nextInt(200));
      }
      sets.add(s);
    }
    Vocabulary a = Vocabulary.fit(sets, new VocabularyOptions(50, 2, 0.9, false));
    Collections.shuffle(sets, new Random(1));
    Vocabulary b = Vocabulary.fit(sets, new VocabularyOptions(50, 2, 0.9, false));
    a.save(dir.resolve("a.tsv"));
    b.save(dir.resolve("b.tsv"));
    assertThat(Files.readAllBytes(dir.resolve("a.tsv"))).isEqualTo(Files.readAllBytes(dir.resolve("b.tsv")));
    Vocabulary loaded = Vocabulary.load(dir.resolve("a.tsv"));
    assertThat(loaded.toBytes()).isEqualTo(a.toBytes());
    assertThat(loaded.checksum()).isEqualTo(a.checksum());
    assertThat(loaded.terms()).hasSize(50);
  }

  @Test
  void corruptVocabularyFileIsRefusedNamingFileAndLine() throws IOException {
    Path bad = dir.resolve("v.tsv");
    Files.writeString(bad, Vocabulary.COOKIE + "\n# documents\t3\n# stemmed\tfalse\nok\t2\tok\nbroken-line\n");
    assertThatThrownBy(() -> Vocabulary.load(bad)).hasMessageContaining(bad + ":5");
    Files.writeString(bad, "something else\n");
    assertThatThrownBy(() -> Vocabulary.load(bad))
        .hasMessageContaining("expected first line '" + Vocabulary.COOKIE + "'").hasMessageContaining("got 'something else'");
  }

  /**
   * Train split, as the analyzer has it (stop words out, lower-cased): "shuttle" ×3 and "shuttles"
   * ×2 (stem shuttl), "connected" ×1 and "connecting" ×1 (stem connect: a tie, lexical order
   * gives "connected"), "Dorothy" ×1 (dorothi), "launch" ×1 (its own stem). The test document's
   * five "shuttles" must not count.
   */
  private static List<Document> stemmedDocs() {
    return List.of(
        new Document("1", "", "The Shuttle shuttles. Dorothy connected the shuttle.", List.of(), Split.TRAIN),
        new Document("2", "", "shuttle shuttles connecting launch", List.of(), Split.TRAIN),
        new Document("q", "", "shuttles shuttles shuttles shuttles shuttles", List.of(), Split.TEST));
  }

  @Test
  void eachTermCarriesItsMostFrequentSurfaceFormOnTheTrainSplit() throws IOException {
    Vocabulary v = CorpusVectors.build(stemmedDocs(), new VocabularyOptions(10, 1, 1.0, true), null).vocabulary();
    assertThat(v.terms()).containsExactlyInAnyOrder("shuttl", "connect", "dorothi", "launch");
    assertThat(v.word(v.indexOf("shuttl"))).isEqualTo("shuttle");
    assertThat(v.word(v.indexOf("connect"))).isEqualTo("connected");
    assertThat(v.word(v.indexOf("dorothi"))).isEqualTo("dorothy");
    assertThat(v.word(v.indexOf("launch"))).isEqualTo("launch");
    v.save(dir.resolve("v2.tsv"));
    assertThat(Files.readAllLines(dir.resolve("v2.tsv"))).startsWith(Vocabulary.COOKIE).contains("shuttl\t2\tshuttle");
    Vocabulary loaded = Vocabulary.load(dir.resolve("v2.tsv"));
    assertThat(loaded.version()).isEqualTo(2);
    assertThat(loaded.word(loaded.indexOf("dorothi"))).isEqualTo("dorothy");
    assertThat(loaded.toBytes()).isEqualTo(v.toBytes());
    // without stemming, every term is its own word
    Vocabulary plain = CorpusVectors.build(stemmedDocs(), new VocabularyOptions(10, 1, 1.0, false), null).vocabulary();
    for (int i = 0; i < plain.size(); i++) {
      assertThat(plain.word(i)).isEqualTo(plain.term(i));
    }
  }

  @Test
  void version1FileLoadsWithTermsAsWordsAndWritesBackByteIdentical() throws IOException {
    Path old = dir.resolve("v1.tsv");
    String text = Vocabulary.COOKIE_V1 + "\n# documents\t2\n# stemmed\ttrue\nshuttl\t2\ndorothi\t1\n";
    Files.writeString(old, text);
    Vocabulary v = Vocabulary.load(old);
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.word(v.indexOf("shuttl"))).isEqualTo("shuttl");
    assertThat(v.word(v.indexOf("dorothi"))).isEqualTo("dorothi");
    assertThat(v.toBytes()).isEqualTo(Files.readAllBytes(old)); // so its model's checksum still holds
    // a v2 line without its word is refused
    Files.writeString(old, Vocabulary.COOKIE + "\n# documents\t2\n# stemmed\ttrue\nshuttl\t2\tshuttle\ndorothi\t1\n");
    assertThatThrownBy(() -> Vocabulary.load(old)).hasMessageContaining(old + ":5").hasMessageContaining("term<TAB>df<TAB>word");
  }

  @Test
  void tfidfMatchesHandComputedValues() {
    CorpusVectors cv = CorpusVectors.build(threeDocs(), ALL, null);
    // doc 1: apple tf 2, df 1; banana tf 1, df 2; N = 3
    // apple:  (1 + ln 2) * (ln(4/2) + 1) = 2.8667474; banana: 1 * (ln(4/3) + 1) = 1.2876821
    // norm = 3.1426686 -> banana 0.4097416, apple 0.9122016; vocabulary order: banana=0, apple=2
    SparseVector counts = cv.counts().get(0);
    assertThat(counts.indices()).containsExactly(0, 2);
    assertThat(counts.values()).containsExactly(1f, 2f);
    SparseVector tfidf = cv.vectorizer().tfidf(counts);
    assertThat(tfidf.indices()).containsExactly(0, 2);
    assertThat(tfidf.values()[0]).isCloseTo(0.4097416f, within(1e-6f));
    assertThat(tfidf.values()[1]).isCloseTo(0.9122016f, within(1e-6f));
    assertThat(tfidf.norm()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void outOfVocabularyTermsAreDroppedAndEmptyStaysEmpty() {
    Vectorizer v = CorpusVectors.build(threeDocs(), ALL, null).vectorizer();
    assertThat(v.counts("elderberry zucchini").nnz()).isZero();
    assertThat(v.tfidf(v.counts("elderberry")).nnz()).isZero();
  }
}
