package io.semhash.indexdir;

import io.semhash.backend.KeywordMatches;

/**
 * A page of keyword matches with the stored number of each ({@code numbers[i]} belongs to
 * {@code matches.matches().get(i)}), so that pages of several directories can be merged in
 * storage order.
 */
public record NumberedKeywordMatches(KeywordMatches matches, int[] numbers) {
  public NumberedKeywordMatches {
    if (numbers.length != matches.matches().size()) {
      throw new IllegalArgumentException(matches.matches().size() + " matches but " + numbers.length + " numbers");
    }
    numbers = numbers.clone();
  }

  @Override
  public int[] numbers() {
    return numbers.clone();
  }
}
