package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Document;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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
    // words that hold a query term without being it, or are it in disguise (case, İ, Kelvin sign,
    // possessives), words glued by punctuation the tokenizer splits or keeps, combining marks,
    // joiners, CJK, emoji, and a token beyond the tokenizer's 255-character limit
    String[] words = {"Rocket", "rocket's", "ROCKET’S", "rockets", "Rocketry", "xrocket", "orbit", "ORBIT", "orbit42",
        "launch", "the", "of", "x", "42", "naïve", "NAÏVE", "e-mail", "a.b.c", "Israel's", "İsrael", "israeli", "word",
        "Ωmega", "😀", "don't", "don’t", "\u212Aick", "kick", "rocket-orbit", "rocket_orbit", "rocket.orbit", "3.rocket",
        "\u0301rocket", "rocket\u0301", "rock\u200Det", "ro\u00ADcket", "火箭rocket", "rocket火箭", "'rocket'", "(orbit)",
        "orbit:rocket", "\"Rocket\"", "x".repeat(300) + "rocket", "rocket" + "y".repeat(300), "ca", "can", "cause"};
    String[] spaces = {" ", "  ", "\n", "\r\n", "\t", "\u000B", "\f", "\u00A0", "\u2003", "\u001C", "\u0085", "\u2028",
        " \n\t ", "", "-", ".", "\u200B"};
    List<Set<String>> queries = List.of(Set.of("rocket", "orbit", "israel", "naïve"), Set.of("rocket", "orbit", "israel"),
        Set.of("kick", "don't", "ca"), Set.of("rocket's"), Set.of("Rocket"), Set.of("mail", "email", "e-mail"), Set.of());
    Excerpter[] excerpters = {excerpter, Excerpter.of(new TermAnalyzer(false), 60)};
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 5000 : 80);
      for (int i = 0; i < length; i++) {
        text.append(words[random.nextInt(words.length)]).append(spaces[random.nextInt(spaces.length)]);
      }
      String t = random.nextBoolean() ? text.toString() : text.toString().strip();
      Set<String> terms = queries.get(random.nextInt(queries.size()));
      String expected = Reference.excerpt(t, terms, 60);
      for (Excerpter e : excerpters) {
        assertThat(e.excerpt(t, terms)).as("terms %s, text %s", terms, t).isEqualTo(expected);
        if (!terms.isEmpty()) { // the excerpt can hide a wrong hit: the hits themselves must agree
          assertThat(e.hitOffsets(t, terms)).as("hits of %s in %s", terms, t).isEqualTo(Reference.hitOffsets(t, terms));
        }
      }
      assertThat(Excerpter.collapseWhitespace(t)).isEqualTo(t.replaceAll("\\s+", " ").strip());
    }
  }

  @Test
  void theFastPathAgreesOnTheFixtureCorpusForEachOfItsWords() {
    Excerpter fast = Excerpter.of(new TermAnalyzer(false), 240);
    TermAnalyzer analyzer = new TermAnalyzer(false);
    List<Document> docs = MiniCorpus.documents();
    for (Document query : docs) {
      for (String term : new TreeSet<>(analyzer.tokens(query.fullText()))) {
        for (Document d : docs) {
          assertThat(fast.excerpt(d.text(), Set.of(term))).as("%s in %s", term, d.id())
              .isEqualTo(Reference.excerpt(d.text(), Set.of(term), 240));
          assertThat(fast.hitOffsets(d.text(), Set.of(term))).isEqualTo(Reference.hitOffsets(d.text(), Set.of(term)));
        }
      }
    }
  }

  /**
   * With stemming the fast path looks for all but the last character of each stem: over random
   * texts of words whose stems rewrite their endings (y → i, "biliti" → "ble", "ational" → "ate",
   * + "e"), in every case and with possessives, it finds exactly the hits of full analysis.
   */
  @Test
  void stemmedTermsFindTheSameHitsAsFullAnalysis() {
    TermAnalyzer stemming = new TermAnalyzer(true);
    Excerpter fast = Excerpter.of(stemming, 60);
    Random random = new Random(7);
    String[] words = {"ability", "Abilities", "ABLE", "relational", "Relate", "happy", "happiness", "Happily", "cities",
        "City's", "hopping", "hop", "conflated", "conflate", "generalizations", "General", "sensibility", "sensible",
        "reasonably", "reason", "activity", "active", "Organization's", "organize", "probability", "probable",
        "valency", "hockey", "Hockey's", "goalies", "encryption", "encrypted", "governments", "agreed", "feed",
        "filing", "file", "controlling", "roll", "skies", "ponies", "caresses", "the", "of", "42", "naïve", "x",
        "ability-happy", "(cities)", "e-mail", "don't",
        // stems of two letters (prefix of one or two), and their letters inside other words, which
        // are no token starts: "re" in "are", "ax" in "relax"; after a digit, an apostrophe, İ or the
        // Kelvin sign; and after 254 and 255 letters, where the tokenizer cuts a token mid-word
        "re", "Re:", "res", "are", "bread", "ax", "axe", "AXES", "relax", "taxes", "AX>'AX>'AX", "3ax", "'re", "İre",
        "\u212Aax", "ex", "EX-soviet", "next", "us", "use", "bus", "mobility", "reusability", "mobl",
        "x".repeat(254) + "re", "x".repeat(255) + "axe", "y".repeat(256) + "ex", "_re", "re_", "ré", "ére"};
    String[] spaces = {" ", "\n", "\t", "  ", "-", ".", "\u00A0", ""};
    List<String> stems = new ArrayList<>(new TreeSet<>(stemming.tokens(String.join(" ", words))));
    for (int n = 0; n < 1500; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        String w = words[random.nextInt(words.length)];
        text.append(random.nextInt(5) == 0 ? w.toUpperCase(Locale.ROOT) : w).append(spaces[random.nextInt(spaces.length)]);
      }
      String t = text.toString();
      Set<String> terms = new HashSet<>();
      for (int q = 1 + random.nextInt(3); q > 0; q--) {
        terms.add(stems.get(random.nextInt(stems.size())));
      }
      assertThat(fast.hitOffsets(t, terms)).as("hits of %s in %s", terms, t).isEqualTo(Reference.hitOffsets(stemming, t, terms));
      assertThat(fast.excerpt(t, terms)).isEqualTo(Reference.excerpt(stemming, t, terms, 60));
    }
  }

  /**
   * Excerpts of several texts for one query share what each stretch of text analysed to: the
   * same excerpts as full analysis of each text alone, also when words recur within and across
   * the texts in other cases and with other punctuation.
   */
  @Test
  void aBatchOfTextsGetsTheExcerptsOfEachTextAlone() {
    TermAnalyzer stemming = new TermAnalyzer(true);
    Excerpter fast = Excerpter.of(stemming, 60);
    Random random = new Random(11);
    String[] words = {"Space", "space,", "spaces", "SPACE.", "spacecraft", "launch", "launched", "Launching", "re",
        "Re:", "are", "orbit", "orbits", "(orbit)", "the", "of", "x", "relax", "ax", "axe", "AX>'AX", "hockey", "Hockey's"};
    List<String> stems = new ArrayList<>(new TreeSet<>(stemming.tokens(String.join(" ", words))));
    for (int n = 0; n < 300; n++) {
      List<String> texts = new ArrayList<>();
      for (int d = random.nextInt(12); d > 0; d--) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(120); i > 0; i--) {
          text.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "\n" : " ");
        }
        texts.add(text.toString());
      }
      Set<String> terms = new HashSet<>();
      for (int q = 1 + random.nextInt(3); q > 0; q--) {
        terms.add(stems.get(random.nextInt(stems.size())));
      }
      List<String> expected = texts.stream().map(t -> Reference.excerpt(stemming, t, terms, 60)).toList();
      assertThat(fast.excerpts(texts, terms)).as("terms %s", terms).isEqualTo(expected);
    }
  }

  @Test
  void theStemmedFastPathAgreesOnTheFixtureCorpusForEachOfItsWords() {
    TermAnalyzer stemming = new TermAnalyzer(true);
    Excerpter fast = Excerpter.of(stemming, 240);
    List<Document> docs = MiniCorpus.documents();
    for (Document query : docs) {
      for (String term : new TreeSet<>(stemming.tokens(query.fullText()))) {
        for (Document d : docs) {
          assertThat(fast.hitOffsets(d.text(), Set.of(term))).as("%s in %s", term, d.id())
              .isEqualTo(Reference.hitOffsets(stemming, d.text(), Set.of(term)));
        }
      }
    }
  }

  @Test
  void aStemNotInTheTextIsFoundThroughItsPrefix() {
    Excerpter stemming = Excerpter.of(new TermAnalyzer(true), 60);
    // "citi" (the stem of "Cities") is not in the text; "cit", ignoring case, is
    String text = "lorem ipsum dolor sit amet ".repeat(10) + "Cities " + "lorem ipsum dolor sit amet ".repeat(10);
    assertThat(stemming.excerpt(text, Set.of("citi"))).contains("Cities").startsWith("…");
  }

  /** The excerpter as it was before its hot loops were tuned: the oracle for the test above. */
  private static final class Reference {
    static List<Integer> hitOffsets(String scanned, Set<String> terms) {
      return hitOffsets(new TermAnalyzer(false), scanned, terms);
    }

    static List<Integer> hitOffsets(TermAnalyzer analyzer, String scanned, Set<String> terms) {
      List<Integer> hits = new ArrayList<>();
      try (TokenStream ts = analyzer.lucene().tokenStream("text", scanned)) {
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
      return hits;
    }

    static String excerpt(String text, Set<String> terms, int maxChars) {
      return excerpt(new TermAnalyzer(false), text, terms, maxChars);
    }

    static String excerpt(TermAnalyzer analyzer, String text, Set<String> terms, int maxChars) {
      String scanned = text.length() > Excerpter.SCAN_LIMIT ? text.substring(0, Excerpter.SCAN_LIMIT) : text;
      List<Integer> hits = hitOffsets(analyzer, scanned, terms);
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
