package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.corpus.Document;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.semhash.json.FileJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  static List<Document> docs;
  static HashingModel model;

  @BeforeAll
  static void train() {
    docs = PlantedTopics.corpus(3, 30, 20, 5);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    model = ModelTraining.train(docs, vectors,
        new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 5.0, 3, 3e-3, 16, 4, 4, 0.2, 3), null);
  }

  @Test
  void trainingLossDecreases() {
    List<EpochRecord> h = model.manifest().history();
    assertThat(h).hasSizeGreaterThanOrEqualTo(2);
    assertThat(h.get(h.size() - 1).reconstruction()).isLessThan(h.get(0).reconstruction());
  }

  @Test
  void saveThenLoadGivesIdenticalCodes(@TempDir Path dir) throws IOException {
    model.save(dir.resolve("m"));
    HashingModel loaded = HashingModel.load(dir.resolve("m"));
    for (Document d : docs) {
      assertThat(loaded.code(d.fullText())).isEqualTo(model.code(d.fullText()));
    }
    assertThat(loaded.manifest().history()).isEqualTo(model.manifest().history());
    assertThat(loaded.manifest().options()).isEqualTo(model.manifest().options());
  }

  /** A model directory written before vocabulary v2: two columns, no words, its checksums in the manifest. */
  @Test
  void modelDirectoryWithAVersion1VocabularyStillLoads(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m");
    model.save(m);
    Path vocabulary = m.resolve(HashingModel.VOCABULARY);
    List<String> lines = Files.readAllLines(vocabulary);
    StringBuilder v1 = new StringBuilder("# semhash-vocabulary v1\n");
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      v1.append(i < 3 ? line : line.substring(0, line.lastIndexOf('\t'))).append('\n');
    }
    Files.writeString(vocabulary, v1);
    ModelManifest now = FileJson.read(m.resolve(HashingModel.MANIFEST), ModelManifest.class);
    Map<String, ModelManifest.FileChecksum> files = new LinkedHashMap<>(now.files());
    files.put(HashingModel.VOCABULARY, FileDigests.of(vocabulary));
    ModelManifest old = new ModelManifest(now.format(), now.version(), now.createdAt(), now.options(),
        now.vocabularySize(), now.stemmed(), FileDigests.of(vocabulary).sha256(), files, now.history(), now.bestEpoch(),
        now.trainingSeconds());
    FileJson.write(m.resolve(HashingModel.MANIFEST), old);

    HashingModel loaded = HashingModel.load(m);
    assertThat(loaded.vectorizer().vocabulary().version()).isEqualTo(1);
    assertThat(loaded.vectorizer().vocabulary().terms()).isEqualTo(model.vectorizer().vocabulary().terms());
    for (int i = 0; i < loaded.vectorizer().vocabulary().size(); i++) {
      assertThat(loaded.vectorizer().vocabulary().word(i)).isEqualTo(loaded.vectorizer().vocabulary().term(i));
    }
    for (Document d : docs) {
      assertThat(loaded.code(d.fullText())).isEqualTo(model.code(d.fullText()));
    }
  }

  @Test
  void manifestListsTheFilesInTheOrderTheyAreWritten(@TempDir Path dir) throws IOException {
    model.save(dir.resolve("m"));
    String json = Files.readString(dir.resolve("m").resolve(HashingModel.MANIFEST));
    int files = json.indexOf("\"files\"");
    assertThat(files).isPositive();
    assertThat(json.indexOf("\"" + HashingModel.VOCABULARY + "\"", files))
        .isPositive().isLessThan(json.indexOf("\"" + HashingModel.WEIGHTS + "\"", files));
  }

  @Test
  void sameSeedSameCodes() {
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    HashingModel again = ModelTraining.train(docs, vectors, model.manifest().options(), null);
    for (Document d : docs) {
      assertThat(again.code(d.fullText())).isEqualTo(model.code(d.fullText()));
    }
  }

  @Test
  void mismatchedVocabularyIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m");
    model.save(m);
    Path other = dir.resolve("other");
    List<Document> otherDocs = PlantedTopics.corpus(2, 20, 15, 99);
    CorpusVectors vectors = CorpusVectors.build(otherDocs, new VocabularyOptions(1000, 1, 1.0, false), null);
    vectors.vocabulary().save(other.resolveSibling("vocab.tsv"));
    Files.copy(other.resolveSibling("vocab.tsv"), m.resolve(HashingModel.VOCABULARY), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> HashingModel.load(m))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(m.resolve(HashingModel.VOCABULARY).toString());
  }

  @Test
  void truncatedOrCorruptWeightsAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m");
    model.save(m);
    Path weights = m.resolve(HashingModel.WEIGHTS);
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> HashingModel.load(m)).hasMessageContaining(weights.toString()).hasMessageContaining("truncated");
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> HashingModel.load(m)).hasMessageContaining(weights.toString()).hasMessageContaining("checksum mismatch");
    Files.delete(m.resolve(HashingModel.MANIFEST));
    assertThatThrownBy(() -> HashingModel.load(m)).hasMessageContaining("not a semhash model directory");
  }
}
