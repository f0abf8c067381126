package io.semhash.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The knobs a tuning run may turn: configuration keys ({@code model.beta}, the file's names), each
 * with the values to try, as the file would spell them. A trial is one value per knob.
 *
 * @param knobs key to candidate values, in the order tables show them
 */
public record TuneSpace(Map<String, List<String>> knobs) {
  public TuneSpace {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    knobs.forEach((key, values) -> {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("knob '" + key + "' has no values to try");
      }
      if (Set.copyOf(values).size() != values.size()) {
        throw new IllegalArgumentException("knob '" + key + "' lists a value twice: " + values);
      }
      copy.put(key, List.copyOf(values));
    });
    knobs = Collections.unmodifiableMap(copy);
  }

  /**
   * The recipe's knobs that moved validation P@100 on the corpora measured (docs/RESULTS.md): the
   * KL weight, the neighbour term (weight, graph, the title's weight in it, form, pairwise
   * reconstruction), the input weighting, stemming and the vocabulary size. The Debian recipe's
   * gains came from 40 neighbours and a title weight of 5 (docs/RESULTS.md, "Debian packages"),
   * so both are in reach of a draw.
   */
  public static TuneSpace recipe() {
    Map<String, List<String>> k = new LinkedHashMap<>();
    k.put("model.beta", List.of("0.1", "0.25", "0.5", "1.0", "1.5", "2.0"));
    k.put("model.neighbour-weight", List.of("0.0", "2.0", "5.0", "10.0", "20.0"));
    k.put("model.neighbours", List.of("5", "10", "20", "40"));
    k.put("model.neighbour-weighting", List.of("tfidf", "log-tf"));
    k.put("model.neighbour-title-weight", List.of("0.0", "2.0", "5.0"));
    k.put("model.neighbour-loss", List.of("squared", "cross-entropy"));
    k.put("model.neighbour-reconstruction", List.of("0.0", "1.0", "3.0"));
    k.put("model.input-weighting", List.of("tfidf", "log-tf"));
    k.put("text.stem", List.of("true", "false"));
    k.put("text.vocabulary-size", List.of("2000", "5000", "10000"));
    return new TuneSpace(k);
  }

  /** This space without the knobs in {@code fixed} (settings the user gave, which no trial changes). */
  public TuneSpace without(Set<String> fixed) {
    Map<String, List<String>> k = new LinkedHashMap<>(knobs);
    k.keySet().removeAll(fixed);
    return new TuneSpace(k);
  }

  /** How many distinct trials the space holds. */
  public long size() {
    long n = 1;
    for (List<String> values : knobs.values()) {
      n = Math.multiplyExact(n, values.size());
    }
    return n;
  }

  /**
   * {@code n} distinct settings: every combination, in order, when the space holds no more than
   * {@code n}; otherwise {@code n} drawn at random without repeats (seeded, so the same seed
   * gives the same trials).
   */
  public List<Map<String, String>> draw(int n, long seed) {
    List<Map<String, String>> out = new ArrayList<>();
    long size = size();
    if (size <= n) {
      for (long index = 0; index < size; index++) {
        out.add(combination(index));
      }
      return out;
    }
    SplittableRandom random = new SplittableRandom(seed);
    Set<Map<String, String>> seen = new HashSet<>();
    while (out.size() < n) {
      Map<String, String> s = new LinkedHashMap<>();
      knobs.forEach((key, values) -> s.put(key, values.get(random.nextInt(values.size()))));
      if (seen.add(s)) {
        out.add(Collections.unmodifiableMap(s));
      }
    }
    return out;
  }

  private Map<String, String> combination(long index) {
    Map<String, String> s = new LinkedHashMap<>();
    long rest = index;
    List<String> keys = new ArrayList<>(knobs.keySet());
    long[] radix = new long[keys.size()];
    for (int i = keys.size() - 1; i >= 0; i--) {
      radix[i] = rest % knobs.get(keys.get(i)).size();
      rest /= knobs.get(keys.get(i)).size();
    }
    for (int i = 0; i < keys.size(); i++) {
      s.put(keys.get(i), knobs.get(keys.get(i)).get((int) radix[i]));
    }
    return Collections.unmodifiableMap(s);
  }

  /**
   * Parses {@code key=v1,v2,...}, the form of {@code semhash tune --space}.
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static Map.Entry<String, List<String>> parseKnob(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new IllegalArgumentException("--space '" + text + "': expected KEY=V1,V2,... (e.g. model.beta=0.25,1.0)");
    }
    List<String> values = List.of(text.substring(eq + 1).split(","));
    if (values.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("--space '" + text + "': an empty value");
    }
    return Map.entry(text.substring(0, eq).strip(), values.stream().map(String::strip).toList());
  }
}
