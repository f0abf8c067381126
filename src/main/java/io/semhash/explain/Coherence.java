package io.semhash.explain;

import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NPMI coherence of word lists over a corpus's documents, the measure used for topic models
 * (Bouma 2009; Lau, Newman and Baldwin 2014): for two words, NPMI = ln(P(a,b) / (P(a)P(b))) /
 * −ln P(a,b), with P the share of documents containing the word(s), and −1 for words never seen
 * together; a list's coherence is the mean over its pairs, 1 when its words always occur together,
 * near 0 for words independent of each other.
 *
 * @param words how many top words of each list were scored
 * @param decoder mean over bits of the coherence of each bit's top words by decoder weight
 * @param contrast the same for the words ranked by {@link BitContrast}
 * @param randomFrequent the same for words drawn at random from the {@value #RANDOM_POOL} most
 *     frequent listable terms, a baseline
 * @param contrastPerBit per bit, the coherence of its contrast words (null for a bit with fewer than two)
 */
public record Coherence(int words, Double decoder, Double contrast, double randomFrequent, List<Double> contrastPerBit) {
  public Coherence {
    contrastPerBit = java.util.Collections.unmodifiableList(new ArrayList<>(contrastPerBit)); // keeps nulls
  }

  /** Top words scored per list. */
  public static final int WORDS = 10;
  /** Random-baseline words are drawn from this many of the most frequent listable terms. */
  public static final int RANDOM_POOL = 1000;

  /** The seed of the random baseline's draws, fixed so that a figure can be reproduced. */
  public static final long SEED = 1;

  /**
   * The coherence of the decoder's lists ({@code decoder}) and the contrast's ({@code ranked},
   * {@link BitMeanings#rankedBy} of {@code contrast}), and of random frequent words, over the
   * documents of {@code counts} (those the contrast was counted on, or others: held-out documents
   * score lists without the choice having seen them).
   */
  public static Coherence of(BitMeanings decoder, BitMeanings ranked, BitContrast contrast, List<SparseVector> counts,
      Vocabulary vocabulary) {
    int bits = decoder.bits();
    List<int[]> decoderLists = new ArrayList<>(bits);
    List<int[]> rankedLists = new ArrayList<>(bits);
    for (int i = 0; i < bits; i++) {
      decoderLists.add(terms(decoder.bit(i).on(), vocabulary));
      rankedLists.add(terms(ranked.bit(i).on(), vocabulary));
    }
    List<int[]> randomLists = randomFrequent(contrast, vocabulary.size(), bits);
    Documents docs = new Documents(counts, vocabulary.size(), List.of(decoderLists, rankedLists, randomLists));
    List<Double> perBit = new ArrayList<>(bits);
    for (int[] list : rankedLists) {
      double c = docs.npmi(list);
      perBit.add(Double.isNaN(c) ? null : c);
    }
    double d = docs.mean(decoderLists);
    double c = perBit.stream().filter(x -> x != null).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new Coherence(WORDS, Double.isNaN(d) ? null : d, Double.isNaN(c) ? null : c, docs.mean(randomLists), perBit);
  }

  /**
   * Mean over {@code lists} (those of at least two terms) of their mean pairwise NPMI in {@code
   * documents}; NaN when no list has two terms.
   */
  public static double mean(List<int[]> lists, List<SparseVector> documents, int vocabularySize) {
    return new Documents(documents, vocabularySize, List.of(lists)).mean(lists);
  }

  /**
   * {@code lists} lists of {@value #WORDS} terms, each drawn without replacement from the
   * {@value #RANDOM_POOL} most frequent terms {@code contrast} lets be listed (a vocabulary is
   * ordered by document frequency), with the fixed seed {@value #SEED}: the random baseline.
   */
  public static List<int[]> randomFrequent(BitContrast contrast, int vocabularySize, int lists) {
    List<Integer> pool = new ArrayList<>();
    for (int t = 0; t < vocabularySize && pool.size() < RANDOM_POOL; t++) {
      if (contrast.listable(t)) {
        pool.add(t);
      }
    }
    SplittableRandom random = new SplittableRandom(SEED);
    List<int[]> out = new ArrayList<>(lists);
    for (int i = 0; i < lists; i++) {
      List<Integer> draw = new ArrayList<>(pool);
      int[] picked = new int[Math.min(WORDS, draw.size())];
      for (int k = 0; k < picked.length; k++) {
        picked[k] = draw.remove(random.nextInt(draw.size()));
      }
      out.add(picked);
    }
    return out;
  }

  /**
   * The share of distinct terms among all the terms of {@code lists} (topic diversity, Dieng, Ruiz
   * and Blei 2020): 1 when no two lists share a word, small when the same words head every list.
   * NaN for no terms.
   */
  public static double diversity(List<int[]> lists) {
    java.util.Set<Integer> distinct = new java.util.HashSet<>();
    int all = 0;
    for (int[] list : lists) {
      for (int t : list) {
        distinct.add(t);
        all++;
      }
    }
    return all == 0 ? Double.NaN : distinct.size() / (double) all;
  }

  /** Mean NPMI over the pairs of {@code terms} in the documents of {@code counts}; NaN for fewer than two terms. */
  static double npmi(List<SparseVector> counts, int vocabularySize, int[] terms) {
    return new Documents(counts, vocabularySize, List.of(List.of(terms))).npmi(terms);
  }

  private static int[] terms(List<BitWord> words, Vocabulary vocabulary) {
    return words.stream().limit(WORDS).mapToInt(w -> vocabulary.indexOf(w.term())).toArray();
  }

  /**
   * Which documents hold each term asked about, as bit sets, all built in one pass over the
   * documents (one scan per term would cost documents × terms).
   */
  private static final class Documents {
    private final int documents;
    private final long[][] holders;

    Documents(List<SparseVector> counts, int vocabularySize, List<List<int[]>> asked) {
      this.documents = counts.size();
      this.holders = new long[vocabularySize][];
      int words = (documents + 63) >>> 6;
      for (List<int[]> lists : asked) {
        for (int[] list : lists) {
          for (int term : list) {
            if (holders[term] == null) {
              holders[term] = new long[words];
            }
          }
        }
      }
      for (int d = 0; d < documents; d++) {
        for (int term : counts.get(d).indices()) {
          long[] set = holders[term];
          if (set != null) {
            set[d >>> 6] |= 1L << d;
          }
        }
      }
    }

    /** Mean over the lists of at least two terms of their NPMI; NaN when there is none. */
    double mean(List<int[]> lists) {
      double sum = 0;
      int n = 0;
      for (int[] list : lists) {
        double c = npmi(list);
        if (!Double.isNaN(c)) {
          sum += c;
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean NPMI over the pairs of {@code terms}; NaN for fewer than two. */
    double npmi(int[] terms) {
      if (terms.length < 2) {
        return Double.NaN;
      }
      double n = documents;
      double sum = 0;
      int pairs = 0;
      for (int a = 0; a < terms.length; a++) {
        for (int b = a + 1; b < terms.length; b++) {
          long[] x = holders[terms[a]];
          long[] y = holders[terms[b]];
          long both = 0;
          long countX = 0;
          long countY = 0;
          for (int w = 0; w < x.length; w++) {
            both += Long.bitCount(x[w] & y[w]);
            countX += Long.bitCount(x[w]);
            countY += Long.bitCount(y[w]);
          }
          double pab = both / n;
          sum += both == 0 ? -1 : pab == 1 ? 1 : Math.log(pab / ((countX / n) * (countY / n))) / -Math.log(pab);
          pairs++;
        }
      }
      return sum / pairs;
    }
  }
}
