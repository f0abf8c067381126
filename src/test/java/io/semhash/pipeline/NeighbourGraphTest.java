package io.semhash.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.TrainingOptions;
import io.semhash.text.CorpusVectors;
import io.semhash.text.SparseVector;
import io.semhash.text.Vectorizer;
import io.semhash.text.VocabularyOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The neighbour lists the neighbour term learns from, against brute-force cosine in double precision. */
class NeighbourGraphTest {
  private static TrainingOptions options(int k, String weighting, double minSimilarity) {
    return options(k, weighting, minSimilarity, 1.0);
  }

  private static TrainingOptions options(int k, String weighting, double minSimilarity, double maxSimilarity) {
    return new TrainingOptions(16, 8, "zgr", 0.5, 10, 1.0, 20.0, k, weighting, minSimilarity, maxSimilarity, "tfidf", 0, 0, "squared", 0, 3e-3, 32, 1, 1, 0.2, 7);
  }

  private static List<Document> randomCorpus(int n, long seed) {
    Random r = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int len = 3 + r.nextInt(12);
      for (int w = 0; w < len; w++) {
        // skewed word choice: some words repeat within a document, some are in most documents
        text.append(" w").append((char) ('a' + (int) Math.floor(26 * Math.pow(r.nextDouble(), 2))));
      }
      docs.add(new Document("d" + i, "", text.toString(), List.of("x"), Split.TRAIN));
    }
    return docs;
  }

  /** Weights of one count vector as the reference computes them: 1 + ln tf, times idf for tf-idf. */
  private static double[] reference(SparseVector counts, Vectorizer vz, boolean idf, int dims) {
    double[] v = new double[dims];
    for (int k = 0; k < counts.nnz(); k++) {
      int t = counts.indices()[k];
      v[t] = (1 + Math.log(counts.values()[k])) * (idf ? vz.idf(t) : 1);
    }
    return v;
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  /** Brute force: every other fit document by cosine descending, then position; the first k, those at or above min. */
  private static int[][] bruteForce(TrainingSet set, Vectorizer vz, boolean idf, int k, double min) {
    int dims = vz.vocabulary().size();
    List<double[]> v = set.fitCounts().stream().map(c -> reference(c, vz, idf, dims)).toList();
    return IntStream.range(0, v.size()).mapToObj(i -> IntStream.range(0, v.size())
            .filter(j -> j != i).boxed()
            .sorted(Comparator.<Integer>comparingDouble(j -> -cosine(v.get(i), v.get(j))).thenComparingInt(j -> j))
            .limit(k)
            .filter(j -> cosine(v.get(i), v.get(j)) >= min)
            .mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  @Test
  void bothWeightingsAndTheSimilarityCutMatchBruteForce() {
    List<Document> docs = randomCorpus(80, 3);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    TrainingSet set = TrainingSet.of(docs, vectors, 0.2);
    Vectorizer vz = vectors.vectorizer();
    for (double min : new double[] {0, 0.5, 0.8}) {
      int[][] tfidf = ModelTraining.neighbours(set, vectors, options(5, "tfidf", min));
      int[][] logTf = ModelTraining.neighbours(set, vectors, options(5, "log-tf", min));
      assertThat(tfidf).as("tfidf, min %s", min).isDeepEqualTo(bruteForce(set, vz, true, 5, min));
      assertThat(logTf).as("log-tf, min %s", min).isDeepEqualTo(bruteForce(set, vz, false, 5, min));
      assertThat(logTf).as("the weightings must differ on this corpus").isNotEqualTo(tfidf);
    }
    // the cut keeps all k of some documents, fewer of others, and leaves some with none
    int[][] cut = ModelTraining.neighbours(set, vectors, options(5, "log-tf", 0.5));
    assertThat(java.util.Arrays.stream(cut).mapToInt(row -> row.length)).contains(0, 2, 5);
  }

  /** Brute force with a ceiling: of the 4k nearest, those with cosine in [min, max], the first k. */
  private static int[][] bruteForceCeiling(TrainingSet set, Vectorizer vz, int k, double min, double max) {
    int dims = vz.vocabulary().size();
    List<double[]> v = set.fitCounts().stream().map(c -> reference(c, vz, false, dims)).toList();
    return IntStream.range(0, v.size()).mapToObj(i -> IntStream.range(0, v.size())
            .filter(j -> j != i).boxed()
            .sorted(Comparator.<Integer>comparingDouble(j -> -cosine(v.get(i), v.get(j))).thenComparingInt(j -> j))
            .limit(4L * k)
            .filter(j -> cosine(v.get(i), v.get(j)) >= min && cosine(v.get(i), v.get(j)) <= max)
            .limit(k)
            .mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  @Test
  void aSimilarityCeilingLeavesOutNearDuplicatesAndFillsUpFromFurtherOnes() {
    List<Document> docs = new ArrayList<>(randomCorpus(80, 3));
    for (int i = 0; i < 15; i++) { // exact duplicates under other ids: cosine 1
      Document d = docs.get(i);
      docs.add(new Document(d.id() + "-copy", "", d.text(), d.labels(), d.split()));
    }
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    TrainingSet set = TrainingSet.of(docs, vectors, 0.2);
    int[][] all = ModelTraining.neighbours(set, vectors, options(5, "log-tf", 0));
    for (double[] cut : new double[][] {{0, 0.9}, {0, 0.7}, {0.3, 0.8}}) {
      int[][] capped = ModelTraining.neighbours(set, vectors, options(5, "log-tf", cut[0], cut[1]));
      assertThat(capped).as("min %s max %s", cut[0], cut[1]).isDeepEqualTo(bruteForceCeiling(set, vectors.vectorizer(), 5, cut[0], cut[1]));
      assertThat(capped).as("the ceiling must change some lists").isNotEqualTo(all);
    }
    assertThatThrownBy(() -> options(5, "log-tf", 0.5, 0.5)).hasMessageContaining("neighbour-max-similarity must be in (neighbour-min-similarity, 1], got 0.5");
  }

  @Test
  void withoutIdfAWordRepeatedAcrossTheCorpusWinsOverARareOne() {
    List<Document> docs = new ArrayList<>();
    docs.add(new Document("q", "", "alpha alpha alpha alpha rare", List.of("a"), Split.TRAIN));
    docs.add(new Document("x", "", "alpha alpha alpha alpha other", List.of("a"), Split.TRAIN));
    docs.add(new Document("y", "", "rare beta", List.of("b"), Split.TRAIN));
    for (int i = 0; i < 30; i++) {
      docs.add(new Document("f" + i, "", "alpha filler" + (char) ('a' + i % 26) + " gamma", List.of("c"), Split.TRAIN));
    }
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    TrainingSet set = fitAll(docs, vectors);
    int q = set.fitDocs().indexOf(docs.get(0));
    int x = set.fitDocs().indexOf(docs.get(1));
    int y = set.fitDocs().indexOf(docs.get(2));
    assertThat(ModelTraining.neighbours(set, vectors, options(1, "tfidf", 0))[q]).containsExactly(y);
    assertThat(ModelTraining.neighbours(set, vectors, options(1, "log-tf", 0))[q]).containsExactly(x);
  }

  /** A training set whose fit part is every document (the validation part only has to be non-empty). */
  private static TrainingSet fitAll(List<Document> docs, CorpusVectors vectors) {
    TrainingSet split = TrainingSet.of(docs, vectors, 0.2);
    List<Document> all = new ArrayList<>(split.fitDocs());
    all.addAll(split.validationDocs());
    List<SparseVector> counts = new ArrayList<>(split.fitCounts());
    for (Document d : split.validationDocs()) {
      counts.add(vectors.counts().get(docs.indexOf(d)));
    }
    List<SparseVector> tfidf = counts.stream().map(vectors.vectorizer()::tfidf).toList();
    return new TrainingSet(all, tfidf, counts, split.validationDocs(), split.validationInputs());
  }

  private static TrainingOptions titleOptions(int k, String weighting, double titleWeight) {
    return new TrainingOptions(16, 8, "zgr", 0.5, 10, 1.0, 20.0, k, weighting, 0, 1.0, "tfidf", 0, 0, "squared", 0, 0, 3e-3,
        32, 1, 1, 0.2, 7, null, titleWeight);
  }

  @Test
  void aTitleWeightCountsTheTitleTermsMoreAndMatchesBruteForce() {
    Random r = new Random(11);
    List<Document> docs = new ArrayList<>();
    for (Document d : randomCorpus(80, 5)) {
      // a title of words the bodies also use, so that weighting it moves neighbours
      String title = "w" + (char) ('a' + r.nextInt(26)) + " w" + (char) ('a' + r.nextInt(26));
      docs.add(new Document(d.id(), title, d.text(), d.labels(), d.split()));
    }
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    TrainingSet set = TrainingSet.of(docs, vectors, 0.2);
    Vectorizer vz = vectors.vectorizer();
    int dims = vz.vocabulary().size();
    for (double t : new double[] {1, 3}) {
      for (boolean idf : new boolean[] {false, true}) {
        // reference: each title word's count raised by t, counted by hand from the title text
        List<double[]> v = IntStream.range(0, set.fitDocs().size()).mapToObj(i -> {
          double[] counts = new double[dims];
          SparseVector c = set.fitCounts().get(i);
          for (int k = 0; k < c.nnz(); k++) {
            counts[c.indices()[k]] = c.values()[k];
          }
          for (String word : set.fitDocs().get(i).title().split(" ")) {
            counts[vz.vocabulary().indexOf(word)] += t;
          }
          double[] w = new double[dims];
          for (int j = 0; j < dims; j++) {
            w[j] = counts[j] == 0 ? 0 : (1 + Math.log(counts[j])) * (idf ? vz.idf(j) : 1);
          }
          return w;
        }).toList();
        int[][] expected = IntStream.range(0, v.size()).mapToObj(i -> IntStream.range(0, v.size())
                .filter(j -> j != i).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> -cosine(v.get(i), v.get(j))).thenComparingInt(j -> j))
                .limit(5).mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
        String weighting = idf ? "tfidf" : "log-tf";
        int[][] got = ModelTraining.neighbours(set, vectors, titleOptions(5, weighting, t));
        assertThat(got).as("t %s, %s", t, weighting).isDeepEqualTo(expected);
        assertThat(got).as("the title weight must change some lists")
            .isNotEqualTo(ModelTraining.neighbours(set, vectors, titleOptions(5, weighting, 0)));
      }
    }
    assertThatThrownBy(() -> titleOptions(5, "log-tf", 10.5)).hasMessageContaining("neighbour-title-weight must be in [0, 10], got 10.5");
    assertThatThrownBy(() -> titleOptions(5, "log-tf", -1)).hasMessageContaining("neighbour-title-weight");
  }

  @Test
  void badValuesNameTheOptionAndTheRange() {
    assertThatThrownBy(() -> options(5, "bm25", 0))
        .hasMessageContaining("neighbour-weighting").hasMessageContaining("tfidf").hasMessageContaining("log-tf");
    assertThatThrownBy(() -> options(5, "tfidf", 1.0))
        .hasMessageContaining("neighbour-min-similarity must be in [0, 1)");
    assertThatThrownBy(() -> options(5, "tfidf", -0.1)).hasMessageContaining("neighbour-min-similarity");
  }
}
