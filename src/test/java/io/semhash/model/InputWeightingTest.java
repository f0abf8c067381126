package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.SparseVector;
import io.semhash.text.TermWeighting;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained on log-tf inputs weights every text that way, also after a reload. */
class InputWeightingTest {
  static List<Document> docs;
  static HashingModel logTf;

  @BeforeAll
  static void train() {
    docs = PlantedTopics.corpus(3, 30, 20, 5);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    logTf = ModelTraining.train(docs, vectors,
        new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 5.0, 3, "log-tf", 0, 1.0, "log-tf", 0, 0, "squared", 0, 3e-3, 16, 3, 3, 0.2, 3), null);
  }

  /** 1 + ln tf per term, scaled to unit length, in double precision. */
  private static double[] handLogTf(SparseVector counts) {
    double[] w = new double[counts.nnz()];
    double norm = 0;
    for (int k = 0; k < w.length; k++) {
      w[k] = 1 + Math.log(counts.values()[k]);
      norm += w[k] * w[k];
    }
    for (int k = 0; k < w.length; k++) {
      w[k] /= Math.sqrt(norm);
    }
    return w;
  }

  @Test
  void encoderInputIsLogTfAndSurvivesAReload(@TempDir Path dir) throws IOException {
    logTf.save(dir.resolve("m"));
    HashingModel loaded = HashingModel.load(dir.resolve("m"));
    assertThat(loaded.manifest().options().inputWeighting()).isEqualTo("log-tf");
    int differFromTfidf = 0;
    for (Document d : docs) {
      SparseVector counts = loaded.vectorizer().counts(d.fullText());
      SparseVector input = loaded.input(d.fullText());
      assertThat(input.indices()).isEqualTo(counts.indices());
      double[] want = handLogTf(counts);
      for (int k = 0; k < want.length; k++) {
        assertThat((double) input.values()[k]).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-6));
      }
      assertThat(loaded.code(d.fullText())).isEqualTo(BitCode.fromPositive(loaded.encoder().logits(input)));
      assertThat(loaded.code(d.fullText())).isEqualTo(logTf.code(d.fullText()));
      BitCode fromTfidf = BitCode.fromPositive(loaded.encoder().logits(loaded.vectorizer().tfidf(counts)));
      differFromTfidf += fromTfidf.equals(loaded.code(d.fullText())) ? 0 : 1;
    }
    assertThat(differFromTfidf).as("codes of tf-idf inputs must differ somewhere, or the test proves nothing").isPositive();
  }

  @Test
  void aManifestFromBeforeTheOptionsReadsAsTfidf(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m");
    logTf.save(m);
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(m.resolve(HashingModel.MANIFEST).toFile());
    ObjectNode options = (ObjectNode) manifest.get("options");
    options.remove(List.of("neighbourWeighting", "neighbourMinSimilarity", "inputWeighting"));
    json.writeValue(m.resolve(HashingModel.MANIFEST).toFile(), manifest);
    HashingModel old = HashingModel.load(m);
    assertThat(old.manifest().options().inputWeighting()).isEqualTo("tfidf");
    assertThat(old.manifest().options().neighbourWeighting()).isEqualTo("tfidf");
    assertThat(old.manifest().options().neighbourMinSimilarity()).isZero();
    Document d = docs.get(0);
    assertThat(old.input(d.fullText())).isEqualTo(TermWeighting.TFIDF.apply(old.vectorizer().counts(d.fullText()), old.vectorizer()));
  }
}
