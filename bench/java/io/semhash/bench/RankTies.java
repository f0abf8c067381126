package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.codes.SymbolDistance;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.eval.RetrievalProtocol;
import io.semhash.model.HashingModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How coarse a model's code distance is at rank 100 of the evaluation protocol: for each query
 * (the labelled test split against the labelled train split), the distance of its 100th nearest
 * code, how many database codes share that distance (the tie block the protocol orders by
 * database position), and how many of the first 100 places that block fills. Descriptive only;
 * nothing is chosen on it. Usage: RankTies CORPUS MODEL_DIR...
 */
public final class RankTies {
  private static final int K = 100;

  public static void main(String[] args) throws Exception {
    List<Document> docs = Corpus.load(Path.of(args[0]), CorpusOptions.DEFAULTS).documents();
    System.out.println("model\tdistance values\tmean distance at rank 100\tmean tie block at rank 100\tmean top-100 places from the block");
    for (int a = 1; a < args.length; a++) {
      HashingModel model = HashingModel.load(Path.of(args[a]));
      RetrievalProtocol.Sides<Document> sides = RetrievalProtocol.trainAgainstTest(docs, docs);
      List<BitCode> db = sides.database().parallelStream().map(d -> model.code(d.fullText())).toList();
      List<BitCode> queries = sides.queries().parallelStream().map(d -> model.code(d.fullText())).toList();
      SymbolDistance distance = SymbolDistance.of(model.codeShape());
      int groups = model.codeShape().groups();
      double[][] perQuery = IntStream.range(0, queries.size()).parallel().mapToObj(q -> {
        int[] histogram = new int[groups + 1];
        for (BitCode c : db) {
          histogram[distance.distance(c, queries.get(q))]++;
        }
        int nearer = 0;
        int d = 0;
        while (nearer + histogram[d] < K) {
          nearer += histogram[d++];
        }
        return new double[] {d, histogram[d], K - nearer};
      }).toArray(double[][]::new);
      double[] mean = new double[3];
      for (double[] r : perQuery) {
        for (int i = 0; i < 3; i++) {
          mean[i] += r[i] / perQuery.length;
        }
      }
      System.out.printf(Locale.ROOT, "%s\t%d\t%.2f\t%.1f\t%.1f%n", Path.of(args[a]).getFileName(), groups + 1, mean[0], mean[1], mean[2]);
    }
  }
}
