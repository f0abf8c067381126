package io.semhash.text;

import java.util.Arrays;

/**
 * How a document's term counts become the unit vector that cosine similarity compares.
 *
 * <ul>
 *   <li>{@code tfidf}: the {@link Vectorizer}'s sublinear tf-idf, the encoder's input and the
 *       evaluation's baseline;
 *   <li>{@code log-tf}: 1 + ln tf, without idf. On corpora where words shared by a whole class
 *       are frequent (Debian descriptions: "development files", "Python 3 module"), idf pushes
 *       them down and the nearest neighbours drift to near-copies of other classes; without it
 *       the neighbours share the class more often (docs/RESULTS.md, "Debian packages").
 * </ul>
 */
public enum TermWeighting {
  TFIDF("tfidf"),
  LOG_TF("log-tf");

  private final String key;

  TermWeighting(String key) {
    this.key = key;
  }

  /** The name used in configuration, flags and manifests. */
  public String key() {
    return key;
  }

  /** The weighting called {@code key}; anything else is an error naming the allowed values. */
  public static TermWeighting parse(String key) {
    for (TermWeighting w : values()) {
      if (w.key.equals(key)) {
        return w;
      }
    }
    throw new IllegalArgumentException("must be one of "
        + Arrays.stream(values()).map(TermWeighting::key).toList() + ", got '" + key + "'");
  }

  /** The L2-normalised vector of {@code counts} (an empty vector stays empty). */
  public SparseVector apply(SparseVector counts, Vectorizer vectorizer) {
    if (this == TFIDF) {
      return vectorizer.tfidf(counts);
    }
    float[] values = new float[counts.nnz()];
    double norm = 0;
    for (int k = 0; k < values.length; k++) {
      double w = 1.0 + Math.log(counts.values()[k]);
      values[k] = (float) w;
      norm += w * w;
    }
    if (norm > 0) {
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int k = 0; k < values.length; k++) {
        values[k] *= inv;
      }
    }
    return new SparseVector(counts.indices().clone(), values);
  }

  @Override
  public String toString() {
    return key;
  }
}
