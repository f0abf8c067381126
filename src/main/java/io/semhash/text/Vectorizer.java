package io.semhash.text;

import java.util.Arrays;
import java.util.Map;

/**
 * Turns text into sparse vectors over a fixed vocabulary.
 *
 * <p>Counts are raw term frequencies. tf-idf is defined as: tf' = 1 + ln(tf) (sublinear),
 * idf = ln((1 + N) / (1 + df)) + 1 with N the number of train documents, value = tf' · idf,
 * and the vector is scaled to unit L2 norm (an empty vector stays empty).
 */
public final class Vectorizer {
  private final TermAnalyzer analyzer;
  private final Vocabulary vocabulary;
  private final float[] idf;

  public Vectorizer(TermAnalyzer analyzer, Vocabulary vocabulary) {
    if (analyzer.stems() != vocabulary.stemmed()) {
      throw new IllegalArgumentException(
          "analyzer stemming (" + analyzer.stems() + ") differs from the vocabulary's (" + vocabulary.stemmed() + ")");
    }
    this.analyzer = analyzer;
    this.vocabulary = vocabulary;
    this.idf = new float[vocabulary.size()];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = (float) (Math.log((1.0 + vocabulary.documents()) / (1.0 + vocabulary.df(i))) + 1.0);
    }
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public TermAnalyzer analyzer() {
    return analyzer;
  }

  public float idf(int term) {
    return idf[term];
  }

  /** Term counts of a text over the vocabulary (terms outside it are dropped). */
  public SparseVector counts(String text) {
    return counts(analyzer.termCounts(text));
  }

  /** Term counts from an already analysed text. */
  public SparseVector counts(Map<String, Integer> termCounts) {
    int[] idx = new int[termCounts.size()];
    int n = 0;
    for (String term : termCounts.keySet()) {
      int i = vocabulary.indexOf(term);
      if (i >= 0) {
        idx[n++] = i;
      }
    }
    idx = Arrays.copyOf(idx, n);
    Arrays.sort(idx);
    float[] vals = new float[n];
    for (int k = 0; k < n; k++) {
      vals[k] = termCounts.get(vocabulary.term(idx[k]));
    }
    return new SparseVector(idx, vals);
  }

  /** The L2-normalised sublinear tf-idf of a count vector. */
  public SparseVector tfidf(SparseVector counts) {
    int[] idx = counts.indices();
    float[] vals = new float[idx.length];
    double norm = 0;
    for (int k = 0; k < idx.length; k++) {
      double w = (1.0 + Math.log(counts.values()[k])) * idf[idx[k]];
      vals[k] = (float) w;
      norm += w * w;
    }
    if (norm > 0) {
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int k = 0; k < vals.length; k++) {
        vals[k] *= inv;
      }
    }
    return new SparseVector(idx.clone(), vals);
  }
}
