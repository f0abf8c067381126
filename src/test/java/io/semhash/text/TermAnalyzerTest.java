package io.semhash.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
