package io.semhash.model;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.files.AtomicDirectory;
import io.semhash.json.FileJson;
import io.semhash.json.JsonProblem;
import io.semhash.text.SparseVector;
import io.semhash.text.TermAnalyzer;
import io.semhash.text.TermWeighting;
import io.semhash.text.Vectorizer;
import io.semhash.text.Vocabulary;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A trained hashing model as it is used and stored: vocabulary and vectorizer, encoder and
 * decoder weights, and the manifest. Thread-safe and free of native state once loaded: serving
 * and indexing never touch DL4J.
 *
 * <p>A model directory holds {@value #MANIFEST}, {@value #VOCABULARY} and {@value #WEIGHTS}. It is
 * written to a temporary sibling and renamed into place, and every file is checked against the
 * manifest's checksums on load.
 */
public final class HashingModel {
  public static final String MANIFEST = "manifest.json";
  public static final String VOCABULARY = "vocabulary.tsv";
  public static final String WEIGHTS = "weights.bin";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final Vectorizer vectorizer;
  private final ModelWeights weights;
  private final SparseEncoder encoder;
  private final ModelManifest manifest;
  private final TermWeighting inputWeighting;

  private HashingModel(Vectorizer vectorizer, ModelWeights weights, ModelManifest manifest) {
    if (weights.vocabularySize() != vectorizer.vocabulary().size()) {
      throw new IllegalArgumentException("weights expect a vocabulary of " + weights.vocabularySize()
          + " terms, the vocabulary has " + vectorizer.vocabulary().size());
    }
    this.vectorizer = vectorizer;
    this.weights = weights;
    this.encoder = SparseEncoder.of(weights, manifest.options().code());
    this.manifest = manifest;
    this.inputWeighting = manifest.options().inputTermWeighting();
  }

  public static HashingModel of(Vectorizer vectorizer, ModelWeights weights, ModelManifest manifest) {
    return new HashingModel(vectorizer, weights, manifest);
  }

  public Vectorizer vectorizer() {
    return vectorizer;
  }

  public ModelWeights weights() {
    return weights;
  }

  public SparseEncoder encoder() {
    return encoder;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** Stored length of a code, in bits (groups · log2 classes for a categorical code). */
  public int bits() {
    return encoder.bits();
  }

  /**
   * The shape of this model's codes: {@code (bits, 2)} for a binary model (and for every model
   * directory written before categorical codes), {@code (groups, classes)} for a categorical one.
   */
  public CodeShape codeShape() {
    return manifest.options().code().shape();
  }

  /** The code this model makes: its type and shape, and how logits become it. */
  public CodeSpec codeSpec() {
    return manifest.options().code();
  }

  /**
   * The encoder input of a text: its L2-normalised vector in the weighting the model was trained
   * with (tf-idf unless {@code model.input-weighting} said otherwise).
   */
  public SparseVector input(String text) {
    return input(vectorizer.counts(text));
  }

  /** The encoder input of a count vector over the model's vocabulary. */
  public SparseVector input(SparseVector counts) {
    return inputWeighting.apply(counts, vectorizer);
  }

  /** The logits η of a text. */
  public float[] logits(String text) {
    return encoder.logits(input(text));
  }

  /**
   * The code of a text: bit i = 1[η_i &gt; 0] for a binary model, the arg-max class of each group
   * laid out as {@link CodeShape} says for a categorical one.
   */
  public BitCode code(String text) {
    return codeSpec().code(logits(text));
  }

  /**
   * The probability of each class of each group for a text, {@code [groups][classes]}: the softmax
   * of each group's logits (for a binary model, (1 − σ(η_i), σ(η_i)) per bit).
   */
  public float[][] classProbabilities(String text) {
    return codeSpec().classProbabilities(logits(text));
  }

  /** Writes the model directory atomically (an existing directory is replaced only at the end). */
  public void save(Path dir) throws IOException {
    AtomicDirectory.write(dir, this::writeInto);
  }

  /** Writes the model's files into an existing, empty directory. */
  public void writeInto(Path dir) throws IOException {
    Files.write(dir.resolve(VOCABULARY), vectorizer.vocabulary().toBytes());
    weights.write(dir.resolve(WEIGHTS));
    Map<String, ModelManifest.FileChecksum> files = new LinkedHashMap<>();
    files.put(VOCABULARY, FileDigests.of(dir.resolve(VOCABULARY)));
    files.put(WEIGHTS, FileDigests.of(dir.resolve(WEIGHTS)));
    FileJson.write(dir.resolve(MANIFEST), manifest.withFiles(files));
  }

  /**
   * Loads and checks a model directory: a missing, corrupt, truncated or mismatched file is an
   * {@link IOException} naming it.
   */
  public static HashingModel load(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + ": model directory not found");
    }
    if (!Files.exists(manifestFile)) {
      throw new IOException(dir + ": not a semhash model directory (" + MANIFEST + " missing)");
    }
    ModelManifest manifest;
    try {
      manifest = FileJson.read(manifestFile, ModelManifest.class);
    } catch (IOException e) {
      throw new IOException(manifestFile + ": unreadable manifest: " + JsonProblem.of(e), e);
    }
    if (!ModelManifest.FORMAT.equals(manifest.format()) || manifest.version() != ModelManifest.VERSION) {
      throw new IOException(manifestFile + ": expected format " + ModelManifest.FORMAT + " v" + ModelManifest.VERSION
          + ", got " + manifest.format() + " v" + manifest.version());
    }
    for (String name : new String[] {VOCABULARY, WEIGHTS}) {
      ModelManifest.FileChecksum want = manifest.files() == null ? null : manifest.files().get(name);
      Path file = dir.resolve(name);
      if (want == null) {
        throw new IOException(manifestFile + ": no checksum for " + name);
      }
      if (want.sha256() == null || !SHA256_HEX.matcher(want.sha256()).matches()) {
        throw new IOException(manifestFile + ": the checksum of " + name + " is not a SHA-256 in lower-case hex (got '"
            + want.sha256() + "')");
      }
      if (!Files.exists(file)) {
        throw new IOException(file + ": missing");
      }
      if (!Files.isRegularFile(file)) {
        throw new IOException(file + ": not a regular file");
      }
      ModelManifest.FileChecksum got;
      try {
        got = FileDigests.of(file);
      } catch (IOException e) {
        throw new IOException(file + ": unreadable ("
            + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()) + ")", e);
      }
      if (got.bytes() != want.bytes()) {
        throw new IOException(file + ": truncated or wrong size (expected " + want.bytes() + " bytes, got " + got.bytes() + ")");
      }
      if (!got.sha256().equals(want.sha256())) {
        throw new IOException(file + ": checksum mismatch (expected " + want.sha256() + ", got " + got.sha256() + ")");
      }
    }
    Vocabulary vocabulary = Vocabulary.load(dir.resolve(VOCABULARY));
    if (!vocabulary.checksum().equals(manifest.vocabularyChecksum())) {
      throw new IOException(dir.resolve(VOCABULARY) + ": vocabulary does not match the model (checksum expected "
          + manifest.vocabularyChecksum() + ", got " + vocabulary.checksum() + ")");
    }
    ModelWeights weights = ModelWeights.read(dir.resolve(WEIGHTS));
    CodeSpec code = manifest.options().code();
    if (weights.vocabularySize() != vocabulary.size() || weights.bits() != code.logits()
        || weights.get("W4").rows() != code.logits()) {
      throw new IOException(dir.resolve(WEIGHTS) + ": shape " + weights.vocabularySize() + " terms x " + weights.bits()
          + " logits does not match the manifest (" + vocabulary.size() + " terms x " + code.logits() + " logits of a "
          + code + " code)");
    }
    return new HashingModel(new Vectorizer(new TermAnalyzer(vocabulary.stemmed()), vocabulary), weights, manifest);
  }
}
