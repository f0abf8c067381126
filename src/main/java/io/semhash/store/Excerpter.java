package io.semhash.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import io.semhash.text.TermAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Cuts a short plain-text excerpt out of a document: the window of at most {@code maxChars}
 * characters holding the most occurrences of the query's (analysed) terms, widened to word
 * boundaries, whitespace collapsed, with "…" where text was cut. Without a match, the opening of
 * the text. The result is text, never markup: the caller must render it as text.
 *
 * <p>Our own small excerpter instead of lucene-highlighter: search results need one excerpt per
 * hit, and the analysed terms are already at hand.
 */
public final class Excerpter {
  /** Only this much of a document is scanned for query terms, so huge documents cost little. */
  static final int SCAN_LIMIT = 32_768;
  private static final String ELLIPSIS = "…";

  /** The standard tokenizer cuts longer tokens into pieces of this many characters. */
  private static final int MAX_TOKEN_LENGTH = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

  /**
   * An empty prefix would match everywhere. One character is enough since only places where a
   * token can start are analysed: a query with a two-letter stem ("re", "pc", "do") no longer
   * analyses every hit's whole text.
   */
  private static final int MIN_PREFIX = 1;

  private final Analyzer analyzer;
  private final int maxChars;
  private final ToIntFunction<String> guaranteedPrefix;

  private Excerpter(Analyzer analyzer, int maxChars, ToIntFunction<String> guaranteedPrefix) {
    if (maxChars < 20) {
      throw new IllegalArgumentException("maxChars must be at least 20, got " + maxChars);
    }
    this.analyzer = analyzer;
    this.maxChars = maxChars;
    this.guaranteedPrefix = guaranteedPrefix;
  }

  /** An excerpter that analyses text with {@code analyzer} and keeps excerpts to {@code maxChars}. */
  public static Excerpter of(Analyzer analyzer, int maxChars) {
    return new Excerpter(analyzer, maxChars, term -> 0);
  }

  /**
   * An excerpter for the project's analyzer. It finds the same hits faster: it analyses only the
   * stretches of text around places where a query term, or with stemming the part of it every
   * token of the term starts with, occurs ignoring case, instead of the whole text (see {@link
   * TermAnalyzer#guaranteedTokenPrefix}).
   */
  public static Excerpter of(TermAnalyzer analyzer, int maxChars) {
    return new Excerpter(analyzer.lucene(), maxChars, analyzer::guaranteedTokenPrefix);
  }

  /** The excerpt of {@code text} for a query whose analysed terms are {@code terms}. */
  public String excerpt(String text, Set<String> terms) {
    return new Query(terms).excerpt(text);
  }

  /**
   * The excerpts of several texts for one query, in order: the query's terms are prepared, and
   * each distinct stretch of text analysed, once for all of them.
   */
  public List<String> excerpts(List<String> texts, Set<String> terms) {
    Query query = new Query(terms);
    List<String> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(query.excerpt(text));
    }
    return out;
  }

  /** The start offsets, ascending, of the tokens of {@code text} that are one of {@code terms}. */
  List<Integer> hitOffsets(String text, Set<String> terms) {
    return new Query(terms).hitOffsets(text);
  }

  /**
   * One query's terms, ready for excerpting any number of texts. Holds what the hits of a stretch
   * of text are, by the stretch's characters: a stretch analyses alone as within any text (see
   * {@link TermAnalyzer#guaranteedTokenPrefix}), so a word met again ("space", "Space," in the
   * same or the next result) is not analysed again. Not thread-safe; one per request.
   */
  private final class Query {
    private final Set<String> terms;
    // looked up straight from the term buffer: no String per token of every result's text
    private final CharArraySet wanted;
    /** What each term's hit tokens start with, lower-cased; null when the whole text must be analysed. */
    private final List<String> prefixes;
    /** Hit offsets within a stretch, by the stretch's text. */
    private final Map<String, int[]> stretchHits = new HashMap<>();

    Query(Set<String> terms) {
      this.terms = terms;
      this.wanted = new CharArraySet(terms, false);
      boolean fast = terms.stream().allMatch(t -> isAscii(t) && guaranteedPrefix.applyAsInt(t) >= MIN_PREFIX);
      this.prefixes = fast ? terms.stream().map(t -> t.substring(0, guaranteedPrefix.applyAsInt(t))).toList() : null;
    }

    String excerpt(String text) {
      String scanned = text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text;
      List<Integer> hits = terms.isEmpty() ? List.of() : hitOffsets(scanned);
      int leadIn = Math.min(40, maxChars / 4);
      int start = hits.isEmpty() ? 0 : Math.max(0, bestWindowStart(hits, maxChars - leadIn) - leadIn);
      start = wordStart(text, start);
      int end = wordEnd(text, Math.min(text.length(), start + maxChars));
      StringBuilder out = new StringBuilder();
      if (start > 0) {
        out.append(ELLIPSIS);
      }
      out.append(collapseWhitespace(text, start, end));
      if (end < text.length()) {
        out.append(ELLIPSIS);
      }
      return out.toString();
    }

    List<Integer> hitOffsets(String text) {
      List<Integer> offsets = new ArrayList<>();
      if (prefixes == null) {
        collectHits(text, 0, offsets);
        return offsets;
      }
      // Analysing every hit's whole text was most of a search's time. Each hit token starts with its
      // term's guaranteed prefix, ignoring case, so only the stretches between ASCII whitespace around
      // such places need analysing; they analyse alone as within the whole text (TermAnalyzer).
      String lower = lowerCased(text);
      List<int[]> stretches = new ArrayList<>();
      for (String prefix : prefixes) {
        addStretches(text, lower, prefix, stretches);
      }
      stretches.sort((a, b) -> Integer.compare(a[0], b[0]));
      int from = -1;
      int to = -1;
      for (int[] stretch : stretches) {
        if (stretch[0] >= to) { // disjoint from the current one (stretches end at whitespace, so never share a token)
          if (from >= 0) {
            addStretchHits(text, from, to, offsets);
          }
          from = stretch[0];
        }
        to = Math.max(to, stretch[1]);
      }
      if (from >= 0) {
        addStretchHits(text, from, to, offsets);
      }
      return offsets;
    }

    private void addStretchHits(String text, int from, int to, List<Integer> offsets) {
      int[] hits = stretchHits.computeIfAbsent(text.substring(from, to), stretch -> {
        List<Integer> found = new ArrayList<>();
        collectHits(stretch, 0, found);
        return found.stream().mapToInt(Integer::intValue).toArray();
      });
      for (int hit : hits) {
        offsets.add(from + hit);
      }
    }

    /** Adds the start offsets, plus {@code base}, of the tokens of {@code text} that are {@code wanted}. */
    private void collectHits(String text, int base, List<Integer> offsets) {
      try (TokenStream ts = analyzer.tokenStream("text", text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          if (wanted.contains(term.buffer(), 0, term.length())) {
            offsets.add(base + offset.startOffset());
          }
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // analysing a String does no I/O
      }
    }
  }

  /**
   * Adds the whitespace-bounded stretch of {@code text} around each place where {@code lower}, the
   * text lower-cased character by character, holds {@code term}, an ASCII lower-case term or the
   * prefix of one.
   */
  private static void addStretches(String text, String lower, String term, List<int[]> stretches) {
    for (int at = lower.indexOf(term); at >= 0; ) {
      int from = at;
      while (from > 0 && !isAsciiWhitespace(text.charAt(from - 1))) {
        from--;
      }
      if (at > from && isAsciiLetterOrDigit(text.charAt(at - 1)) && at - from < MAX_TOKEN_LENGTH) {
        // Inside a word ("go" in "algorithm"): no token starts here, so no hit either. Unicode word
        // breaking (UAX #29, rules WB5, WB8-WB10) never splits a letter or digit from the letter or
        // digit before it, and every character lower-casing to ASCII is one ("İ" and the Kelvin
        // sign are letters); only a token cut at the tokenizer's length limit starts mid-word,
        // which needs that many characters before it in the stretch.
        at = lower.indexOf(term, at + 1);
        continue;
      }
      int to = at + term.length();
      while (to < text.length() && !isAsciiWhitespace(text.charAt(to))) {
        to++;
      }
      stretches.add(new int[] {from, to});
      at = lower.indexOf(term, to); // the rest of this stretch is in it already
    }
  }

  /**
   * {@code text}, index for index, as far as ASCII terms can tell: each character that lower-cases
   * to ASCII as the analyzer does ({@link Character#toLowerCase(char)}: "A"-"Z", and "İ" and the
   * Kelvin sign to "i" and "k") is lower-cased, every other character stays something that is no
   * ASCII letter or digit. A term is then found with {@link String#indexOf(String, int)}, which
   * the JDK vectorises. One byte per character (ISO-8859-1; characters beyond it become "?",
   * which no term holds): less to copy than a lower-cased copy of the whole text, and no
   * per-character case table. (A character that lower-cases to ASCII is never half of a surrogate
   * pair, so no ASCII term is missed or invented by working on chars rather than code points.)
   */
  private static String lowerCased(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length != text.length() || text.indexOf('\u0130') >= 0 || text.indexOf('\u212A') >= 0) {
      // rare: a surrogate pair became one "?" (indexes would shift), or "İ" / the Kelvin sign to put back
      bytes = new byte[text.length()];
      for (int i = 0; i < bytes.length; i++) {
        char c = text.charAt(i);
        bytes[i] = c == '\u0130' || c == '\u212A' ? (byte) Character.toLowerCase(c) : c < 256 ? (byte) c : (byte) '?';
      }
    }
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i];
      bytes[i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isAscii(String term) {
    return !term.isEmpty() && term.chars().allMatch(c -> c < 0x80);
  }

  /** What the regex {@code \s} matches: space, \t, \n, \x0B, \f, \r. */
  private static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** The hit offset starting the window of {@code span} characters with the most hits. */
  private static int bestWindowStart(List<Integer> hits, int span) {
    int best = 0;
    int bestCount = 0;
    int hi = 0;
    for (int lo = 0; lo < hits.size(); lo++) {
      while (hi < hits.size() && hits.get(hi) < hits.get(lo) + span) {
        hi++;
      }
      if (hi - lo > bestCount) {
        bestCount = hi - lo;
        best = lo;
      }
    }
    return hits.get(best);
  }

  /** Moves {@code i} back to the start of its word, unless the word is absurdly long. */
  private static int wordStart(String text, int i) {
    int j = i;
    while (j > 0 && j > i - 20 && !Character.isWhitespace(text.charAt(j - 1))) {
      j--;
    }
    int start = (j == 0 || Character.isWhitespace(text.charAt(j - 1))) ? j : i;
    if (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
      start++; // never split a surrogate pair
    }
    return start;
  }

  /** Moves {@code i} back to the end of the previous word, unless the word is absurdly long. */
  private static int wordEnd(String text, int i) {
    if (i >= text.length()) {
      return text.length();
    }
    int j = i;
    while (j > 0 && j > i - 20 && !Character.isWhitespace(text.charAt(j))) {
      j--;
    }
    int end = Character.isWhitespace(text.charAt(j)) ? j : i;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return end;
  }

  /**
   * Each run of ASCII whitespace (what the regex {@code \s} matches: space, \t, \n, \x0B, \f,
   * \r) becomes one space, then the ends are stripped ({@link String#strip()}). A loop rather than
   * {@code replaceAll("\s+", " ")}: it runs for every hit of every search, and the regex was a
   * visible share of a search's time.
   */
  static String collapseWhitespace(String s) {
    return collapseWhitespace(s, 0, s.length());
  }

  /** {@link #collapseWhitespace(String)} of {@code s[from, to)}, without copying it first. */
  private static String collapseWhitespace(String s, int from, int to) {
    char[] out = new char[to - from];
    int n = 0;
    boolean inRun = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (isAsciiWhitespace(c)) {
        if (!inRun) {
          out[n++] = ' ';
          inRun = true;
        }
      } else {
        out[n++] = c;
        inRun = false;
      }
    }
    return new String(out, 0, n).strip();
  }

}
