package io.semhash.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermAnalyzerTest {
  private static final String SENTENCE = "The Space Shuttle's 2 engines fired at 3.14 seconds; NASA's rockets are a go! x";

  @Test
  void handCheckedSentenceWithoutStemming() {
    // stop words (the, at, are, a), numbers (2, 3.14) and one-letter tokens (x) go; possessives lose 's
    assertThat(new TermAnalyzer(false).tokens(SENTENCE))
        .containsExactly("space", "shuttle", "engines", "fired", "seconds", "nasa", "rockets", "go");
  }

  @Test
  void handCheckedSentenceWithPorterStemming() {
    assertThat(new TermAnalyzer(true).tokens(SENTENCE))
        .containsExactly("space", "shuttl", "engin", "fire", "second", "nasa", "rocket", "go");
  }

  @Test
  void termCountsCountRepeats() {
    assertThat(new TermAnalyzer(false).termCounts("Orbit orbit ORBIT moon"))
        .containsOnlyKeys("orbit", "moon")
        .containsEntry("orbit", 3)
        .containsEntry("moon", 1);
  }

  /**
   * The promise the excerpter's fast path rests on, for every distinct word of the embedded 20
   * Newsgroups corpus (167,853): each word's lower-cased text starts with the guaranteed prefix of
   * the stem it analyses to.
   */
  @Test
  void everyWordOfTheEmbeddedCorpusStartsWithTheGuaranteedPrefixOfItsStem() throws Exception {
    TermAnalyzer plain = new TermAnalyzer(false);
    TermAnalyzer stemming = new TermAnalyzer(true);
    Set<String> words = new HashSet<>();
    for (Document d : Corpus.load(Path.of("data", "20news-bydate.tar.gz"), CorpusOptions.DEFAULTS).documents()) {
      words.addAll(plain.tokens(d.fullText()));
    }
    assertThat(words).hasSizeGreaterThan(100_000);
    int checked = 0;
    for (String w : words) {
      List<String> stems = stemming.tokens(w);
      if (stems.size() == 1) {
        String stem = stems.get(0);
        assertThat(w).as("word %s, stem %s", w, stem).startsWith(stem.substring(0, stemming.guaranteedTokenPrefix(stem)));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }
}
