package io.semhash.corpus;

/**
 * How to read a corpus.
 *
 * @param testFraction share of documents without a split that go to the test split, decided by a
 *     hash of the id so that the assignment is the same on every run; in [0, 1)
 * @param skipBad skip (and count) malformed records instead of stopping at the first one
 */
public record CorpusOptions(double testFraction, boolean skipBad) {
  public static final CorpusOptions DEFAULTS = new CorpusOptions(0.2, false);

  public CorpusOptions {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test-fraction must be in [0, 1), got " + testFraction);
    }
  }
}
