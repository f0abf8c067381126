package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelWeights;
import io.semhash.text.CorpusVectors;
import io.semhash.text.SparseVector;
import io.semhash.text.Vectorizer;
import io.semhash.text.VocabularyOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serve-time encoding of one document, single thread: {@link HashingModel#code(String)} (tokenise,
 * tf-idf, {@link io.semhash.model.SparseEncoder} forward, sign) and the encoder alone on the
 * document's precomputed tf-idf vector ({@code encoder}), which is what a search pays per query
 * and an index build per document.
 *
 * <p>The model has the default shape (10,000-term vocabulary fitted on the train split of the
 * embedded 20 Newsgroups corpus, hidden width 500, {@code bits} bits) with seeded random weights:
 * the encoder's cost depends on the shape, on how many terms a document has and on how many hidden
 * units the ReLUs zero (about half for zero-mean weights, as after training), not on the trained
 * values. The documents are the corpus's test split, one per operation, cycling through all of it.
 *
 * <p>The anchor is the text work alone, {@link HashingModel#tfidf(String)} ({@code textOnly}), as in
 * {@link EncodeBench}: {@code text / textOnly} is what the encoder adds to a query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SparseEncoderBenchmark {

  @Param("64")
  int bits;

  @Param("500")
  int hidden;

  @Param("data/20news-bydate.tar.gz")
  String corpus;

  private HashingModel model;
  private List<String> texts;
  private List<SparseVector> tfidf;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Document> docs = Corpus.load(Path.of(corpus), CorpusOptions.DEFAULTS).documents();
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(10_000, 3, 0.8, true), null);
    Vectorizer vectorizer = vectors.vectorizer();
    int v = vectorizer.vocabulary().size();
    SplittableRandom r = new SplittableRandom(42);
    ModelWeights weights = new ModelWeights(List.of(
        gaussian("W1", v, hidden, r), zeros("b1", hidden),
        gaussian("W2", hidden, hidden, r), zeros("b2", hidden),
        gaussian("W3", hidden, bits, r), zeros("b3", bits),
        gaussian("W4", bits, v, r), zeros("b4", v)));
    // the manifest describes a saved model (training options, history, file checksums); encoding never reads it
    model = HashingModel.of(vectorizer, weights, null);
    texts = new ArrayList<>();
    tfidf = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i).split() == Split.TEST) {
        texts.add(docs.get(i).fullText());
        tfidf.add(vectorizer.tfidf(vectors.counts().get(i)));
      }
    }
    for (int i = 0; i < 10; i++) {
      BitCode fromText = model.code(texts.get(i));
      if (!fromText.equals(model.encoder().code(tfidf.get(i)))) {
        throw new AssertionError("the text path and the precomputed tf-idf disagree at test document " + i);
      }
    }
  }

  private static ModelWeights.Matrix gaussian(String name, int rows, int cols, SplittableRandom r) {
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (0.1 * r.nextGaussian());
    }
    return new ModelWeights.Matrix(name, rows, cols, w);
  }

  private static ModelWeights.Matrix zeros(String name, int n) {
    return new ModelWeights.Matrix(name, 1, n, new float[n]);
  }

  private int nextDocument() {
    int i = next;
    next = i + 1 == texts.size() ? 0 : i + 1;
    return i;
  }

  /** Text to code, the serve path. */
  @Benchmark
  public BitCode text() {
    return model.code(texts.get(nextDocument()));
  }

  /** The encoder forward on a precomputed tf-idf vector. */
  @Benchmark
  public BitCode encoder() {
    return model.encoder().code(tfidf.get(nextDocument()));
  }

  /** The anchor: tokenise and weight only (the encoder input). */
  @Benchmark
  public SparseVector textOnly() {
    return model.input(texts.get(nextDocument()));
  }
}
