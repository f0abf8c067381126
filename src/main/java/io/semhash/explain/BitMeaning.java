package io.semhash.explain;

import java.util.List;

/**
 * What one bit means, read off the decoder.
 *
 * @param bit the bit's position in the code
 * @param on the words whose log-probability rises most when the bit is on, by decoder weight
 *     (the same order as by the change in log-probability)
 * @param onByProbability the words whose probability rises most (by {@link BitWord#deltaProb})
 * @param off the words whose log-probability rises most when the bit is off (most negative weight)
 */
public record BitMeaning(int bit, List<BitWord> on, List<BitWord> onByProbability, List<BitWord> off) {
  public BitMeaning {
    on = List.copyOf(on);
    onByProbability = List.copyOf(onByProbability);
    off = List.copyOf(off);
  }

  /** This meaning with at most {@code n} words in each list. */
  public BitMeaning top(int n) {
    return new BitMeaning(bit, head(on, n), head(onByProbability, n), head(off, n));
  }

  /** The terms of {@link #on}, at most {@code n}. */
  public List<String> onTerms(int n) {
    return head(on, n).stream().map(BitWord::term).toList();
  }

  /** The terms of {@link #off}, at most {@code n}. */
  public List<String> offTerms(int n) {
    return head(off, n).stream().map(BitWord::term).toList();
  }

  /** The words (surface forms) of {@link #on}, at most {@code n}. */
  public List<String> onWords(int n) {
    return head(on, n).stream().map(BitWord::word).toList();
  }

  /** The words (surface forms) of {@link #off}, at most {@code n}. */
  public List<String> offWords(int n) {
    return head(off, n).stream().map(BitWord::word).toList();
  }

  private static <T> List<T> head(List<T> list, int n) {
    return list.size() <= n ? list : list.subList(0, n);
  }
}
