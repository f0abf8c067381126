package io.semhash.bench;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.pipeline.TrainingSet;
import io.semhash.text.CorpusVectors;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import io.semhash.text.Vectorizer;
import io.semhash.text.VocabularyOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * How the title weight of the neighbour graph ({@code model.neighbour-title-weight}) changes the
 * graph the neighbour term learns from, on the fit part of the train split (never the test split):
 * for each title weight t, the vectors log-tf(counts + t · title counts) as the trainer builds
 * them, and
 * <ul>
 *   <li>the share of the first k neighbours (k = 1, 5, 10, 20) that share the document's label;
 *   <li>the same with a similarity ceiling (neighbours above it left out, the next ones taken);
 *   <li>validation P@100 of cosine over these vectors (validation queries built the same way),
 *       beside tf-idf cosine, the figure a model has to beat.
 * </ul>
 * Usage: NeighbourTitleStats CORPUS vocabulary-size stem title-weights(comma-separated) ceiling
 */
public final class NeighbourTitleStats {
  public static void main(String[] args) {
    Path corpus = Path.of(args[0]);
    VocabularyOptions vo = new VocabularyOptions(Integer.parseInt(args[1]), 3, 0.8, Boolean.parseBoolean(args[2]));
    double[] weights = Arrays.stream(args[3].split(",")).mapToDouble(Double::parseDouble).toArray();
    double ceiling = Double.parseDouble(args[4]);
    List<Document> docs = Corpus.load(corpus, CorpusOptions.DEFAULTS).documents();
    CorpusVectors vectors = CorpusVectors.build(docs, vo, null);
    Vectorizer vz = vectors.vectorizer();
    TrainingSet set = TrainingSet.of(docs, vectors, 0.1);
    // validation counts in the order TrainingSet keeps its validation documents
    List<SparseVector> validationCounts = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i).split() == Split.TRAIN && TrainingSet.validates(docs.get(i), 0.1)) {
        validationCounts.add(vectors.counts().get(i));
      }
    }
    RelevanceLabels self = RelevanceLabels.of(labels(set.fitDocs()), labels(set.fitDocs()));
    RelevanceLabels val = RelevanceLabels.of(labels(set.validationDocs()), labels(set.fitDocs()));
    int v = vectors.vocabulary().size();
    System.out.printf(Locale.ROOT, "vocabulary %d (stem %s), fit %d, validation %d%n", v, vo.stem(),
        set.fitDocs().size(), set.validationDocs().size());
    CosineKnnIndex tfidf = CosineKnnIndex.build(set.fitInputs(), v);
    System.out.printf(Locale.ROOT, "validation tf-idf cosine P@100 %.4f%n",
        RetrievalScores.of(tfidf.topK(set.validationInputs(), 100, false), val, 100).precision());
    System.out.println("title-weight  same-label@1 @5 @10 @20 | with ceiling " + ceiling
        + ": @10 (share of documents with 10) | validation cosine P@100");
    for (double t : weights) {
      List<SparseVector> fit = graph(set.fitCounts(), set.fitDocs(), vz, t);
      List<SparseVector> validation = graph(validationCounts, set.validationDocs(), vz, t);
      CosineKnnIndex index = CosineKnnIndex.build(fit, v);
      int[][] nb = index.topK(fit, 80, true);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5.1f        ", t));
      for (int k : new int[] {1, 5, 10, 20}) {
        line.append(String.format(Locale.ROOT, " %.3f", sameLabel(nb, self, k, fit, 2.0)[0]));
      }
      double[] capped = sameLabel(nb, self, 10, fit, ceiling);
      line.append(String.format(Locale.ROOT, " | %.3f (%.3f)", capped[0], capped[1]));
      line.append(String.format(Locale.ROOT, " | %.4f",
          RetrievalScores.of(index.topK(validation, 100, false), val, 100).precision()));
      System.out.println(line);
    }
  }

  private static List<List<String>> labels(List<Document> docs) {
    return docs.stream().map(Document::labels).toList();
  }

  /** log-tf of counts + t · title counts, as the trainer's neighbour graph (t = 0: log-tf of the counts). */
  private static List<SparseVector> graph(List<SparseVector> counts, List<Document> docs, Vectorizer vz, double t) {
    List<SparseVector> out = new ArrayList<>(counts.size());
    for (int i = 0; i < counts.size(); i++) {
      SparseVector c = counts.get(i);
      if (t > 0) {
        TreeMap<Integer, Float> sum = new TreeMap<>();
        for (int k = 0; k < c.nnz(); k++) {
          sum.merge(c.indices()[k], c.values()[k], Float::sum);
        }
        SparseVector title = vz.counts(docs.get(i).title());
        for (int k = 0; k < title.nnz(); k++) {
          sum.merge(title.indices()[k], (float) t * title.values()[k], Float::sum);
        }
        c = new SparseVector(sum.keySet().stream().mapToInt(Integer::intValue).toArray(),
            toFloats(sum.values()));
      }
      out.add(TermWeighting.LOG_TF.apply(c, vz));
    }
    return out;
  }

  private static float[] toFloats(java.util.Collection<Float> values) {
    float[] f = new float[values.size()];
    int k = 0;
    for (float x : values) {
      f[k++] = x;
    }
    return f;
  }

  /**
   * Share of the first k neighbours at or below {@code ceiling} that share the label (over all
   * such edges), and the share of documents that kept k of them among the 80 looked at.
   */
  private static double[] sameLabel(int[][] nb, RelevanceLabels self, int k, List<SparseVector> fit, double ceiling) {
    long edges = 0;
    long same = 0;
    long full = 0;
    for (int i = 0; i < nb.length; i++) {
      int kept = 0;
      for (int r = 0; r < nb[i].length && kept < k; r++) {
        int j = nb[i][r];
        if (fit.get(i).dot(fit.get(j)) > ceiling) {
          continue;
        }
        kept++;
        edges++;
        same += self.relevant(i, j) ? 1 : 0;
      }
      full += kept == k ? 1 : 0;
    }
    return new double[] {same / (double) Math.max(1, edges), full / (double) nb.length};
  }
}
