package io.semhash.study;

import java.util.SplittableRandom;

/**
 * Bag-of-words documents for the "real" problem of the estimator comparison: for each document
 * the ids of its terms and their counts (parallel arrays), ids below {@code vocabSize}.
 *
 * @param termIds per document, the distinct term ids
 * @param counts per document, the count of each term in {@code termIds}
 * @param vocabSize the size of the vocabulary the ids index
 */
public record RealProblemData(int[][] termIds, float[][] counts, int vocabSize) {

  public RealProblemData {
    if (termIds.length != counts.length) {
      throw new IllegalArgumentException(
          "real problem: " + termIds.length + " term id rows but " + counts.length + " count rows");
    }
    for (int d = 0; d < termIds.length; d++) {
      if (termIds[d].length != counts[d].length) {
        throw new IllegalArgumentException("real problem: document " + d + " has ids and counts of different lengths");
      }
      for (int id : termIds[d]) {
        if (id < 0 || id >= vocabSize) {
          throw new IllegalArgumentException(
              "real problem: document " + d + " has term id " + id + " outside [0, " + vocabSize + ")");
        }
      }
    }
  }

  public int documents() {
    return termIds.length;
  }

  /**
   * A synthetic corpus standing in for a real one until the corpus loader is wired: documents of
   * 20–80 tokens, each drawn from one of 8 topics, a topic being a Zipf distribution over its own
   * random permutation of the vocabulary.
   */
  public static RealProblemData synthetic(long seed, int documents, int vocabSize) {
    SplittableRandom random = new SplittableRandom(seed);
    int topics = 8;
    int[][] permutations = new int[topics][];
    for (int t = 0; t < topics; t++) {
      int[] perm = new int[vocabSize];
      for (int i = 0; i < vocabSize; i++) {
        perm[i] = i;
      }
      for (int i = vocabSize - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      permutations[t] = perm;
    }
    double[] zipf = new double[vocabSize];
    double total = 0;
    for (int r = 0; r < vocabSize; r++) {
      total += 1.0 / (r + 1);
      zipf[r] = total;
    }
    int[][] ids = new int[documents][];
    float[][] counts = new float[documents][];
    for (int d = 0; d < documents; d++) {
      int topic = random.nextInt(topics);
      int length = 20 + random.nextInt(61);
      java.util.TreeMap<Integer, Integer> bag = new java.util.TreeMap<>();
      for (int k = 0; k < length; k++) {
        double u = random.nextDouble() * total;
        int rank = java.util.Arrays.binarySearch(zipf, u);
        rank = rank >= 0 ? rank : -rank - 1;
        bag.merge(permutations[topic][Math.min(rank, vocabSize - 1)], 1, Integer::sum);
      }
      ids[d] = bag.keySet().stream().mapToInt(Integer::intValue).toArray();
      counts[d] = new float[ids[d].length];
      int i = 0;
      for (int c : bag.values()) {
        counts[d][i++] = c;
      }
    }
    return new RealProblemData(ids, counts, vocabSize);
  }
}
