package io.semhash.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The word to show for each stemmed term: its most frequent surface form in a set of texts
 * ("shuttle" for "shuttl", "dorothy" for "dorothi"), ties to the form first in lexical order so the
 * choice is reproducible. Surface forms are tokens as the analyzer has them just before the stemmer
 * (lower-cased), so every form's stem is its term.
 */
public final class SurfaceForms {
  private SurfaceForms() {}

  /**
   * The most frequent surface form of every term occurring in {@code texts}; empty when {@code
   * analyzer} does not stem (each term is then its own word).
   */
  public static Map<String, String> of(TermAnalyzer analyzer, List<String> texts) {
    if (!analyzer.stems()) {
      return Map.of();
    }
    Map<String, Long> formCounts = new ConcurrentHashMap<>();
    IntStream.range(0, texts.size()).parallel().forEach(i -> analyzer.surfaceCounts(texts.get(i))
        .forEach((form, n) -> formCounts.merge(form, (long) n, Long::sum)));
    Map<String, String> best = new HashMap<>();
    Map<String, Long> bestCount = new HashMap<>();
    formCounts.forEach((form, n) -> {
      String term = analyzer.stem(form);
      Long have = bestCount.get(term);
      if (have == null || n > have || (n.equals(have) && form.compareTo(best.get(term)) < 0)) {
        best.put(term, form);
        bestCount.put(term, n);
      }
    });
    return best;
  }
}
