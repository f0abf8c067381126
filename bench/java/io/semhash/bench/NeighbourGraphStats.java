package io.semhash.bench;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.eval.RelevanceLabels;
import io.semhash.eval.RetrievalScores;
import io.semhash.pipeline.TrainingSet;
import io.semhash.text.CorpusVectors;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.VocabularyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How good the tf-idf neighbour graph the neighbour term learns from is, on the part of the train
 * split the model fits (never the test split): for each rank r, the share of documents whose r-th
 * nearest neighbour shares a label; the same for mutual neighbours and by cosine; and tf-idf
 * cosine P@100 of the validation queries against the fit documents, the validation figure a model
 * has to beat. Usage: NeighbourGraphStats CORPUS [vocabulary-size min-df max-df stem [weighting]]
 * where weighting re-weights the vectors before the graph is built: tfidf (the model's input, the
 * default), binary (1 per term), binary-idf (idf per term), log-tf (1 + ln tf), tf (raw counts), sqrt-idf
 * ((1 + ln tf) · √idf); each L2-normalised.
 */
public final class NeighbourGraphStats {
  public static void main(String[] args) {
    Path corpus = Path.of(args[0]);
    VocabularyOptions vo = new VocabularyOptions(
        args.length > 1 ? Integer.parseInt(args[1]) : 10000, args.length > 2 ? Integer.parseInt(args[2]) : 3,
        args.length > 3 ? Double.parseDouble(args[3]) : 0.8, args.length <= 4 || Boolean.parseBoolean(args[4]));
    List<Document> docs = Corpus.load(corpus, CorpusOptions.DEFAULTS).documents();
    CorpusVectors vectors = CorpusVectors.build(docs, vo, null);
    TrainingSet set = TrainingSet.of(docs, vectors, 0.1);
    int v = vectors.vocabulary().size();
    String weighting = args.length > 5 ? args[5] : "tfidf";
    List<SparseVector> fit = set.fitInputs().stream().map(x -> reweight(x, vectors, weighting)).toList();
    List<SparseVector> validation = set.validationInputs().stream().map(x -> reweight(x, vectors, weighting)).toList();
    CosineKnnIndex index = CosineKnnIndex.build(fit, v);
    int k = 20;
    int[][] nb = index.topK(fit, k, true);
    RelevanceLabels self = RelevanceLabels.of(
        set.fitDocs().stream().map(Document::labels).toList(), set.fitDocs().stream().map(Document::labels).toList());
    System.out.printf(Locale.ROOT, "vocabulary %d, fit %d, validation %d%n", v, fit.size(), set.validationDocs().size());
    StringBuilder line = new StringBuilder("same label at rank 1..20:");
    double cumulative = 0;
    StringBuilder cum = new StringBuilder("same label among the first k (k = 1..20):");
    for (int r = 0; r < k; r++) {
      int same = 0;
      for (int i = 0; i < nb.length; i++) {
        same += self.relevant(i, nb[i][r]) ? 1 : 0;
      }
      double share = same / (double) nb.length;
      cumulative += share;
      line.append(String.format(Locale.ROOT, " %.3f", share));
      cum.append(String.format(Locale.ROOT, " %.3f", cumulative / (r + 1)));
    }
    System.out.println(line);
    System.out.println(cum);
    for (int kk : new int[] {5, 10, 20}) {
      long mutual = 0;
      long mutualSame = 0;
      long docsWithMutual = 0;
      for (int i = 0; i < nb.length; i++) {
        boolean any = false;
        for (int r = 0; r < kk; r++) {
          int j = nb[i][r];
          if (contains(nb[j], kk, i)) {
            mutual++;
            any = true;
            mutualSame += self.relevant(i, j) ? 1 : 0;
          }
        }
        docsWithMutual += any ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "mutual %d-NN: %.2f per document, %.3f same label, %.3f of documents have one%n",
          kk, mutual / (double) nb.length, mutualSame / (double) Math.max(1, mutual), docsWithMutual / (double) nb.length);
    }
    double[] edges = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99, 1.01};
    long[] count = new long[edges.length - 1];
    long[] same = new long[edges.length - 1];
    for (int i = 0; i < nb.length; i++) {
      for (int r = 0; r < 10; r++) {
        int j = nb[i][r];
        double c = fit.get(i).dot(fit.get(j));
        int b = 0;
        while (b < count.length - 1 && c >= edges[b + 1]) {
          b++;
        }
        count[b]++;
        same[b] += self.relevant(i, j) ? 1 : 0;
      }
    }
    System.out.println("10-NN edges by cosine: [from, to) edges share-of-edges same-label");
    for (int b = 0; b < count.length; b++) {
      if (count[b] > 0) {
        System.out.printf(Locale.ROOT, "  [%.2f, %.2f) %8d %.3f %.3f%n", edges[b], edges[b + 1], count[b],
            count[b] / (10.0 * nb.length), same[b] / (double) count[b]);
      }
    }
    RelevanceLabels val = RelevanceLabels.of(
        set.validationDocs().stream().map(Document::labels).toList(), set.fitDocs().stream().map(Document::labels).toList());
    int[][] ranking = index.topK(validation, 100, false);
    System.out.printf(Locale.ROOT, "validation tf-idf cosine P@100 %.4f%n", RetrievalScores.of(ranking, val, 100).precision());
  }

  /** The tf-idf vector {@code x} with its weights replaced as {@code weighting} says, L2-normalised. */
  private static SparseVector reweight(SparseVector x, CorpusVectors vectors, String weighting) {
    if (weighting.equals("tfidf")) {
      return x;
    }
    float[] w = new float[x.nnz()];
    double norm = 0;
    for (int k = 0; k < w.length; k++) {
      double idf = vectors.vectorizer().idf(x.indices()[k]);
      // tf-idf / idf recovers 1 + ln tf up to the vector's scale, which the normalisation removes
      double logTf = x.values()[k] / idf;
      double value = switch (weighting) {
        case "binary" -> 1;
        case "binary-idf" -> idf;
        case "log-tf" -> logTf;
        case "tf" -> Math.exp(logTf - 1);
        case "sqrt-idf" -> logTf * Math.sqrt(idf);
        default -> throw new IllegalArgumentException("unknown weighting " + weighting);
      };
      w[k] = (float) value;
      norm += value * value;
    }
    for (int k = 0; k < w.length; k++) {
      w[k] /= (float) Math.sqrt(norm);
    }
    return new SparseVector(x.indices().clone(), w);
  }

  private static boolean contains(int[] row, int k, int x) {
    for (int r = 0; r < k; r++) {
      if (row[r] == x) {
        return true;
      }
    }
    return false;
  }
}
