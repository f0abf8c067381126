package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.explain.BitContrast;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.CodeFeatures;
import io.semhash.explain.Coherence;
import io.semhash.explain.ContrastedMeanings;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.codes.SymbolDistance;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.RetrievalProtocol;
import io.semhash.eval.RetrievalScores;
import io.semhash.files.AtomicDirectory;
import io.semhash.index.HammingIndex;
import io.semhash.indexdir.IndexLayout;
import io.semhash.indexdir.IndexManifest;
import io.semhash.model.HashingModel;
import io.semhash.progress.Progress;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an index directory: every document encoded by the model, its code in the Hamming index
 * under the same number as its Lucene entry, the model copied in, and a manifest with the
 * retrieval figures the stats page draws. Written atomically: an interrupted build leaves no
 * half-written index and an existing one intact.
 */
public final class IndexDirectoryWriter {
  static final int[] CURVE_K = {1, 5, 10, 20, 50, 100, 200, 500, 1000};
  private static final int CHUNK = 2048;

  private IndexDirectoryWriter() {}

  /**
   * @param split "all", "train" or "test": which documents to index
   * @param progressOut where to draw progress, or null
   */
  public static IndexManifest write(HashingModel model, List<Document> docs, String split, Path out, PrintStream progressOut)
      throws IOException {
    List<Document> chosen = ofSplit(docs, split);
    IndexManifest[] manifest = new IndexManifest[1];
    AtomicDirectory.write(out, dir -> manifest[0] = writeInto(model, chosen, split, dir, progressOut));
    return manifest[0];
  }

  /** The documents of {@code split}: {@code all}, {@code train} or {@code test}. */
  public static List<Document> ofSplit(List<Document> docs, String split) {
    return switch (split) {
      case "all" -> docs;
      case "train" -> docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
      case "test" -> docs.stream().filter(d -> d.split() == Split.TEST).toList();
      default -> throw new IllegalArgumentException("split must be all, train or test, got '" + split + "'");
    };
  }

  private static IndexManifest writeInto(HashingModel model, List<Document> docs, String split, Path dir, PrintStream progressOut)
      throws IOException {
    Files.createDirectories(dir.resolve(IndexLayout.MODEL));
    model.writeInto(dir.resolve(IndexLayout.MODEL));
    CodeShape shape = model.codeShape();
    HammingIndex index = HammingIndex.create(shape);
    Progress progress = progressOut == null
        ? Progress.silent("index", docs.size())
        : Progress.start("index", "docs", docs.size(), progressOut);
    List<BitCode> codes = new ArrayList<>(docs.size());
    List<SparseVector> counts = new ArrayList<>(docs.size());
    try (LuceneDocumentStore store = LuceneDocumentStore.create(dir.resolve(IndexLayout.LUCENE), model.vectorizer().analyzer())) {
      for (int start = 0; start < docs.size(); start += CHUNK) {
        List<Document> chunk = docs.subList(start, Math.min(docs.size(), start + CHUNK));
        List<SparseVector> chunkCounts = chunk.parallelStream().map(d -> model.vectorizer().counts(d.fullText())).toList();
        List<BitCode> chunkCodes = chunkCounts.parallelStream()
            .map(c -> model.codeSpec().code(model.encoder().logits(model.input(c)))).toList();
        counts.addAll(chunkCounts);
        List<StoredEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
          entries.add(new StoredEntry(index.add(chunkCodes.get(i)), chunk.get(i)));
        }
        store.add(entries);
        codes.addAll(chunkCodes);
        progress.advance(chunk.size());
      }
      store.commit();
    }
    progress.finish();
    index.save(dir.resolve(IndexLayout.HAMMING));
    IndexManifest manifest = new IndexManifest(IndexManifest.FORMAT, IndexManifest.VERSION, Instant.now().toString(),
        docs.size(), model.bits(), CodeSpec.of(shape), split, precisionCurve(docs, codes, shape),
        distanceHistogram(codes, shape), coherence(model, codes, counts));
    IndexLayout.writeManifest(dir, manifest);
    return manifest;
  }

  /**
   * The coherence of the bit lists a server over this index shows at first ({@code /api/bits}:
   * contrast over every stored document), kept so that the stats page need not count it.
   */
  static IndexManifest.MeanCoherence coherence(HashingModel model, List<BitCode> codes, List<SparseVector> counts) {
    CodeFeatures features = CodeFeatures.of(model);
    if (codes.isEmpty() || !features.countable()) {
      return null;
    }
    Vocabulary vocabulary = model.vectorizer().vocabulary();
    Coherence c = ContrastedMeanings.of(BitMeanings.of(model.weights(), vocabulary), vocabulary,
        codes.stream().map(features::of).toList(), counts, BitContrast.Options.DEFAULT, counts).coherence();
    return new IndexManifest.MeanCoherence(c.words(), c.decoder(), c.contrast(), c.randomFrequent());
  }

  /**
   * Test queries scored for the build's precision curve, at most: every one of a corpus of the
   * size of those we evaluate on, and a bounded cost (queries × train documents distances) on a
   * corpus of millions.
   */
  static final int CURVE_QUERIES = 20_000;

  /**
   * P@k of the test documents (at most {@link #CURVE_QUERIES}, evenly spaced) against the train
   * documents (the evaluation protocol), when both exist with labels.
   */
  static List<IndexManifest.PrecisionAtK> precisionCurve(List<Document> docs, List<BitCode> codes, CodeShape shape) {
    RetrievalProtocol.Sides<BitCode> sides = RetrievalProtocol.trainAgainstTest(docs, codes).queriesAtMost(CURVE_QUERIES);
    if (!sides.scorable()) {
      return List.of();
    }
    int kMax = RetrievalProtocol.cutOff(sides, CURVE_K[CURVE_K.length - 1]);
    RetrievalScores scores = RetrievalProtocol.codes(sides, shape, kMax);
    List<IndexManifest.PrecisionAtK> curve = new ArrayList<>();
    for (int k : CURVE_K) {
      if (k <= kMax) {
        curve.add(new IndexManifest.PrecisionAtK(k, scores.precisionAt()[k - 1]));
      }
    }
    return curve;
  }

  /**
   * Distances (bits, or symbols for categorical codes) between up to 200 evenly spaced documents
   * and all documents.
   */
  static List<IndexManifest.DistanceCount> distanceHistogram(List<BitCode> codes, CodeShape shape) {
    SymbolDistance distance = SymbolDistance.of(shape);
    long[] counts = new long[shape.groups() + 1];
    int step = Math.max(1, codes.size() / 200);
    for (int q = 0; q < codes.size(); q += step) {
      for (int d = 0; d < codes.size(); d++) {
        if (d != q) {
          counts[distance.distance(codes.get(q), codes.get(d))]++;
        }
      }
    }
    List<IndexManifest.DistanceCount> out = new ArrayList<>();
    for (int i = 0; i <= shape.groups(); i++) {
      out.add(new IndexManifest.DistanceCount(i, counts[i]));
    }
    return out;
  }
}
