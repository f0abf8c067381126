package io.semhash.text;

import java.util.Arrays;

/**
 * A sparse vector over the vocabulary: strictly increasing term indices and their values.
 * The corpus is held as these, never as a dense documents × vocabulary matrix.
 */
public record SparseVector(int[] indices, float[] values) {
  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          "indices and values differ in length: " + indices.length + " vs " + values.length);
    }
    for (int i = 1; i < indices.length; i++) {
      if (indices[i] <= indices[i - 1]) {
        throw new IllegalArgumentException("indices must be strictly increasing at position " + i);
      }
    }
  }

  public int nnz() {
    return indices.length;
  }

  public double sum() {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  public double norm() {
    double s = 0;
    for (float v : values) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /** Dot product by merging the two index lists. */
  public double dot(SparseVector other) {
    int[] ai = indices;
    int[] bi = other.indices;
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < ai.length && j < bi.length) {
      if (ai[i] == bi[j]) {
        s += (double) values[i++] * other.values[j++];
      } else if (ai[i] < bi[j]) {
        i++;
      } else {
        j++;
      }
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SparseVector" + Arrays.toString(indices) + "=" + Arrays.toString(values);
  }
}
