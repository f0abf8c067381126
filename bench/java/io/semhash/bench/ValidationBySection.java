package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.eval.HammingRanking;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.TrainingSet;
import io.semhash.text.CorpusVectors;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import io.semhash.text.VocabularyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validation P@100 per label (the trainer's validation queries against its fit documents; no test
 * document is read): a model's Hamming ranking beside exact cosine of tf-idf and of log-tf on the
 * same vocabulary, to see where a model loses. Usage: ValidationBySection MODEL_DIR CORPUS
 * [vocabulary-size min-df max-df stem] (the model's own vocabulary settings).
 */
public final class ValidationBySection {
  public static void main(String[] args) throws Exception {
    HashingModel model = HashingModel.load(Path.of(args[0]));
    List<Document> docs = Corpus.load(Path.of(args[1]), CorpusOptions.DEFAULTS).documents();
    VocabularyOptions vo = new VocabularyOptions(
        args.length > 2 ? Integer.parseInt(args[2]) : 10000, args.length > 3 ? Integer.parseInt(args[3]) : 3,
        args.length > 4 ? Double.parseDouble(args[4]) : 0.8, args.length <= 5 || Boolean.parseBoolean(args[5]));
    CorpusVectors vectors = CorpusVectors.build(docs, vo, null);
    if (!vectors.vocabulary().checksum().equals(model.manifest().vocabularyChecksum())) {
      throw new IllegalArgumentException("vocabulary settings differ from the model's");
    }
    TrainingSet set = TrainingSet.of(docs, vectors, model.manifest().options().validationFraction());
    List<BitCode> db = set.fitCounts().parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    List<SparseVector> valCounts = set.validationDocs().stream().map(d -> vectors.counts().get(docs.indexOf(d))).toList();
    List<BitCode> queries = valCounts.parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    int[][] hamming = HammingRanking.rank(db, queries, 100);
    int[][] tfidf = cosine(set.fitCounts(), valCounts, TermWeighting.TFIDF, vectors);
    int[][] logTf = cosine(set.fitCounts(), valCounts, TermWeighting.LOG_TF, vectors);
    Map<String, double[]> byLabel = new TreeMap<>();
    for (int q = 0; q < queries.size(); q++) {
      String label = set.validationDocs().get(q).labels().get(0);
      double[] sums = byLabel.computeIfAbsent(label, l -> new double[4]);
      sums[0]++;
      sums[1] += precision(hamming[q], label, set);
      sums[2] += precision(tfidf[q], label, set);
      sums[3] += precision(logTf[q], label, set);
    }
    double[] all = new double[4];
    System.out.println("label queries model tfidf log-tf");
    byLabel.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> {
      double[] s = e.getValue();
      for (int i = 0; i < 4; i++) {
        all[i] += s[i];
      }
      System.out.printf(Locale.ROOT, "%-14s %5d %.3f %.3f %.3f%n", e.getKey(), (int) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0]);
    });
    System.out.printf(Locale.ROOT, "%-14s %5d %.4f %.4f %.4f%n", "all", (int) all[0], all[1] / all[0], all[2] / all[0], all[3] / all[0]);
  }

  private static int[][] cosine(List<SparseVector> db, List<SparseVector> q, TermWeighting w, CorpusVectors vectors) {
    List<SparseVector> dbw = db.stream().map(c -> w.apply(c, vectors.vectorizer())).toList();
    List<SparseVector> qw = q.stream().map(c -> w.apply(c, vectors.vectorizer())).toList();
    return CosineKnnIndex.build(dbw, vectors.vocabulary().size()).topK(qw, 100, false);
  }

  private static double precision(int[] ranking, String label, TrainingSet set) {
    int hits = 0;
    for (int i = 0; i < 100; i++) {
      hits += set.fitDocs().get(ranking[i]).labels().contains(label) ? 1 : 0;
    }
    return hits / 100.0;
  }
}
