package io.semhash.bench;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.text.SparseVector;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Encoding throughput: text → tokens → tf-idf → encoder → code, for every document of a corpus,
 * against an anchor measured in the same run: the same text work without the encoder.
 * Usage: EncodeBench MODEL_DIR [CORPUS] [rounds]
 */
public final class EncodeBench {
  public static void main(String[] args) throws Exception {
    HashingModel model = HashingModel.load(Path.of(args[0]));
    Path corpus = Path.of(args.length > 1 ? args[1] : "data/20news-bydate.tar.gz");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> texts = Corpus.load(corpus, CorpusOptions.DEFAULTS).documents().stream().map(Document::fullText).toList();
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      long nnz = texts.parallelStream().mapToLong(t -> model.input(t).nnz()).sum();
      long t1 = System.nanoTime();
      long ones = texts.parallelStream().mapToLong(t -> model.code(t).cardinality()).sum();
      long t2 = System.nanoTime();
      List<SparseVector> vectors = texts.parallelStream().map(model::input).toList();
      long t3 = System.nanoTime();
      long ones2 = vectors.parallelStream().mapToLong(v -> model.encoder().code(v).cardinality()).sum();
      long t4 = System.nanoTime();
      double n = texts.size();
      System.out.printf(Locale.ROOT,
          "round %d: text only %.0f docs/s | text + encode %.0f docs/s (ratio %.2f) | encoder alone %.0f docs/s [%d nnz, %d ones]%n",
          r + 1, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9), (t2 - t1) / (double) (t1 - t0), n / ((t4 - t3) / 1e9), nnz,
          ones + ones2 - ones2);
    }
  }
}
