package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
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

  /**
   * The excerpt is the same as that of the straightforward implementation it replaced (a String per
   * token looked up in a {@code Set<String>}, whitespace collapsed with a regex), over random texts
   * mixing query terms, possessives, capitals, digits and every kind of whitespace, ASCII or not.
   */
  @Test
  void sameExcerptsAsTheStraightforwardImplementation() {
    Random random = new Random(42);
    String[] words = {"Rocket", "rocket's", "orbit", "ORBIT", "launch", "the", "of", "x", "42", "naïve", "e-mail",
        "a.b.c", "Israel's", "word", "Ωmega", "😀", "don't"};
    String[] spaces = {" ", "  ", "\n", "\r\n", "\t", "\u000B", "\f", "\u00A0", "\u2003", "\u001C", "\u0085", "\u2028", " \n\t "};
    Set<String> terms = Set.of("rocket", "orbit", "israel", "naïve");
    for (int n = 0; n < 500; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 3000 : 80);
      for (int i = 0; i < length; i++) {
        text.append(words[random.nextInt(words.length)]).append(spaces[random.nextInt(spaces.length)]);
      }
      String t = random.nextBoolean() ? text.toString() : text.toString().strip();
      assertThat(excerpter.excerpt(t, terms)).as("text %s", t).isEqualTo(Reference.excerpt(t, terms, 60));
      assertThat(Excerpter.collapseWhitespace(t)).isEqualTo(t.replaceAll("\\s+", " ").strip());
    }
  }

  /** The excerpter as it was before its hot loops were tuned: the oracle for the test above. */
  private static final class Reference {
    static String excerpt(String text, Set<String> terms, int maxChars) {
      String scanned = text.length() > Excerpter.SCAN_LIMIT ? text.substring(0, Excerpter.SCAN_LIMIT) : text;
      List<Integer> hits = new ArrayList<>();
      try (TokenStream ts = new TermAnalyzer(false).lucene().tokenStream("text", scanned)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          if (terms.contains(term.toString())) {
            hits.add(offset.startOffset());
          }
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int leadIn = Math.min(40, maxChars / 4);
      int start = 0;
      if (!hits.isEmpty()) {
        int best = 0;
        int bestCount = 0;
        int hi = 0;
        for (int lo = 0; lo < hits.size(); lo++) {
          while (hi < hits.size() && hits.get(hi) < hits.get(lo) + maxChars - leadIn) {
            hi++;
          }
          if (hi - lo > bestCount) {
            bestCount = hi - lo;
            best = lo;
          }
        }
        start = Math.max(0, hits.get(best) - leadIn);
      }
      int j = start;
      while (j > 0 && j > start - 20 && !Character.isWhitespace(text.charAt(j - 1))) {
        j--;
      }
      start = (j == 0 || Character.isWhitespace(text.charAt(j - 1))) ? j : start;
      if (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
        start++;
      }
      int end = Math.min(text.length(), start + maxChars);
      if (end < text.length()) {
        int k = end;
        while (k > 0 && k > end - 20 && !Character.isWhitespace(text.charAt(k))) {
          k--;
        }
        end = Character.isWhitespace(text.charAt(k)) ? k : end;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
      }
      return (start > 0 ? "…" : "") + text.substring(start, end).replaceAll("\\s+", " ").strip()
          + (end < text.length() ? "…" : "");
    }
  }
}
