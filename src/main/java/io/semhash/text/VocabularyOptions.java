package io.semhash.text;

/**
 * How the vocabulary is chosen from the train split.
 *
 * @param size keep at most this many terms, the ones in most documents
 * @param minDf drop terms in fewer documents than this
 * @param maxDf drop terms in more than this fraction of documents (they carry no topic)
 * @param stem apply the Porter stemmer
 */
public record VocabularyOptions(int size, int minDf, double maxDf, boolean stem) {
  public VocabularyOptions {
    if (size < 1) {
      throw new IllegalArgumentException("vocabulary size must be >= 1, got " + size);
    }
    if (minDf < 1) {
      throw new IllegalArgumentException("min-df must be >= 1, got " + minDf);
    }
    if (!(maxDf > 0 && maxDf <= 1)) {
      throw new IllegalArgumentException("max-df must be in (0, 1], got " + maxDf);
    }
  }
}
