package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.text.TermAnalyzer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExcerpterTest {
  private final Excerpter excerpter = Excerpter.of(new TermAnalyzer(false).lucene(), 60);

  @Test
  void shortTextIsReturnedWholeWithWhitespaceCollapsed() {
    assertThat(excerpter.excerpt("Hello\n\n  rocket   world", Set.of("rocket"))).isEqualTo("Hello rocket world");
  }

  @Test
  void picksTheWindowWithTheMostHitsAndMarksCuts() {
    String filler = "lorem ipsum dolor sit amet ".repeat(10);
    String text = filler + "one rocket here " + filler + "rocket orbit rocket orbit rocket " + filler;
    String excerpt = excerpter.excerpt(text, Set.of("rocket", "orbit"));
    assertThat(excerpt).startsWith("…").endsWith("…").contains("rocket orbit rocket orbit rocket");
    assertThat(excerpt.length()).isLessThanOrEqualTo(62);
  }

  @Test
  void withoutAMatchTheOpeningIsUsed() {
    String text = "first words of the text " + "more words ".repeat(20);
    String excerpt = excerpter.excerpt(text, Set.of("absent"));
    assertThat(excerpt).startsWith("first words").endsWith("…");
    assertThat(excerpter.excerpt("", Set.of("x"))).isEmpty();
  }

  @Test
  void cutsAtWordBoundaries() {
    String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma";
    String excerpt = excerpter.excerpt(text, Set.of());
    String body = excerpt.substring(0, excerpt.length() - 1).strip();
    assertThat(text).startsWith(body);
    assertThat(text.charAt(body.length())).isEqualTo(' ');
  }
}
