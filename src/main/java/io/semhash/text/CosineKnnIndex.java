package io.semhash.text;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour search by cosine over L2-normalised sparse vectors, through an
 * inverted index: a query only touches the postings of its own terms, so the corpus is never
 * densified. Used for the tf-idf baseline of evaluation and for the neighbours the model learns
 * from. Ties are broken by the lower database position, so results are reproducible.
 */
public final class CosineKnnIndex {
  private final int size;
  private final int[][] postingDocs;
  private final float[][] postingWeights;

  private CosineKnnIndex(int size, int[][] docs, float[][] weights) {
    this.size = size;
    this.postingDocs = docs;
    this.postingWeights = weights;
  }

  /** Indexes {@code vectors} (expected L2-normalised) over a vocabulary of {@code dims} terms. */
  public static CosineKnnIndex build(List<SparseVector> vectors, int dims) {
    int[] lengths = new int[dims];
    for (SparseVector v : vectors) {
      for (int t : v.indices()) {
        lengths[t]++;
      }
    }
    int[][] docs = new int[dims][];
    float[][] weights = new float[dims][];
    for (int t = 0; t < dims; t++) {
      docs[t] = new int[lengths[t]];
      weights[t] = new float[lengths[t]];
    }
    int[] fill = new int[dims];
    for (int d = 0; d < vectors.size(); d++) {
      SparseVector v = vectors.get(d);
      for (int k = 0; k < v.nnz(); k++) {
        int t = v.indices()[k];
        docs[t][fill[t]] = d;
        weights[t][fill[t]++] = v.values()[k];
      }
    }
    return new CosineKnnIndex(vectors.size(), docs, weights);
  }

  public int size() {
    return size;
  }

  /**
   * The {@code k} database positions most similar to {@code query}, best first; ties go to the
   * lower position. {@code exclude} (or -1) is left out, for a document's neighbours in its own
   * database. Documents sharing no term with the query score 0 and still fill the list.
   */
  public int[] topK(SparseVector query, int k, int exclude) {
    float[] scores = new float[size];
    for (int q = 0; q < query.nnz(); q++) {
      int t = query.indices()[q];
      if (t >= postingDocs.length) {
        continue;
      }
      float w = query.values()[q];
      int[] docs = postingDocs[t];
      float[] ws = postingWeights[t];
      for (int i = 0; i < docs.length; i++) {
        scores[docs[i]] += w * ws[i];
      }
    }
    if (exclude >= 0 && exclude < size) {
      scores[exclude] = Float.NEGATIVE_INFINITY;
    }
    int kk = Math.min(k, size - (exclude >= 0 && exclude < size ? 1 : 0));
    return selectTop(scores, kk);
  }

  /** Top-k of many queries, in parallel. */
  public int[][] topK(List<SparseVector> queries, int k, boolean excludeSamePosition) {
    return IntStream.range(0, queries.size()).parallel()
        .mapToObj(i -> topK(queries.get(i), k, excludeSamePosition ? i : -1))
        .toArray(int[][]::new);
  }

  /** Positions of the k largest scores, by score descending then position ascending. */
  private static int[] selectTop(float[] scores, int k) {
    // bounded min-heap on (score, -position): the root is the worst kept candidate
    int[] heap = new int[k];
    int n = 0;
    for (int d = 0; d < scores.length; d++) {
      if (scores[d] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      if (n < k) {
        heap[n] = d;
        siftUp(heap, n++, scores);
      } else if (better(d, heap[0], scores)) {
        heap[0] = d;
        siftDown(heap, n, scores);
      }
    }
    int[] out = Arrays.copyOf(heap, n);
    Integer[] boxed = Arrays.stream(out).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> better(a, b, scores) ? -1 : (a.equals(b) ? 0 : 1));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }

  private static boolean better(int a, int b, float[] s) {
    return s[a] > s[b] || (s[a] == s[b] && a < b);
  }

  private static void siftUp(int[] h, int i, float[] s) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (better(h[parent], h[i], s)) {
        int tmp = h[parent];
        h[parent] = h[i];
        h[i] = tmp;
        i = parent;
      } else {
        return;
      }
    }
  }

  private static void siftDown(int[] h, int n, float[] s) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int worst = i;
      if (l < n && better(h[worst], h[l], s)) {
        worst = l;
      }
      if (r < n && better(h[worst], h[r], s)) {
        worst = r;
      }
      if (worst == i) {
        return;
      }
      int tmp = h[worst];
      h[worst] = h[i];
      h[i] = tmp;
      i = worst;
    }
  }
}
