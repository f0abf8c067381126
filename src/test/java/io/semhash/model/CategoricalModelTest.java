package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model side of categorical codes, on models with random weights (the encoding does not care
 * how the weights were made): arg-max codes laid out per {@link CodeShape}, per-group softmax,
 * save → load → identical codes, and old binary model directories loading unchanged.
 */
class CategoricalModelTest {
  static final int HIDDEN = 12;
  static List<Document> docs;
  static CorpusVectors vectors;

  @BeforeAll
  static void corpus() {
    docs = PlantedTopics.corpus(3, 10, 15, 5);
    vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
  }

  static HashingModel model(CodeSpec code, long seed) {
    int v = vectors.vocabulary().size();
    int out = code.logits();
    SplittableRandom r = new SplittableRandom(seed);
    int[][] shapes = {{v, HIDDEN}, {1, HIDDEN}, {HIDDEN, HIDDEN}, {1, HIDDEN}, {HIDDEN, out}, {1, out}, {out, v}, {1, v}};
    List<ModelWeights.Matrix> m = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      float[] data = new float[shapes[i][0] * shapes[i][1]];
      for (int k = 0; k < data.length; k++) {
        data[k] = (float) (r.nextDouble() * 2 - 1);
      }
      m.add(new ModelWeights.Matrix(ModelWeights.NAMES.get(i), shapes[i][0], shapes[i][1], data));
    }
    TrainingOptions options = new TrainingOptions(code.bits(), HIDDEN, "zgr", 0.5, 10, 1.0, 0.0, 3, 3e-3, 16, 1, 1,
        0.2, seed).withCode(code);
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, Instant.EPOCH.toString(),
        options, v, false, vectors.vocabulary().checksum(), Map.of(), List.of(), 1, 0);
    return HashingModel.of(vectors.vectorizer(), new ModelWeights(m), manifest);
  }

  @Test
  void eachGroupHoldsTheArgMaxClassOfItsLogits() {
    for (int classes : new int[] {4, 16, 8, 256}) {
      int groups = 48 / Integer.numberOfTrailingZeros(classes);
      HashingModel model = model(CodeSpec.categorical(groups, classes), classes);
      assertThat(model.codeShape()).isEqualTo(new CodeShape(groups, classes));
      assertThat(model.bits()).isEqualTo(48);
      int[] seen = new int[classes];
      for (Document d : docs) {
        float[] eta = model.logits(d.fullText());
        assertThat(eta).hasSize(groups * classes);
        BitCode code = model.code(d.fullText());
        assertThat(code.bits()).isEqualTo(48);
        for (int g = 0; g < groups; g++) {
          int best = 0;
          for (int c = 0; c < classes; c++) {
            if (eta[g * classes + c] > eta[g * classes + best]) {
              best = c;
            }
          }
          // decoded bit by bit as the contract lays it out, not through CodeShape
          int w = Integer.numberOfTrailingZeros(classes);
          int stored = 0;
          for (int j = 0; j < w; j++) {
            stored |= (code.get(g * w + j) ? 1 : 0) << j;
          }
          assertThat(stored).isEqualTo(best);
          seen[best]++;
        }
      }
      // random weights spread the classes: a layout bug that pins a class would show
      assertThat(java.util.Arrays.stream(seen).filter(n -> n > 0).count()).isGreaterThan(Math.min(classes, 4) / 2);
    }
  }

  @Test
  void classProbabilitiesAreASoftmaxPerGroup() {
    HashingModel model = model(CodeSpec.categorical(16, 16), 3);
    for (Document d : docs.subList(0, 5)) {
      float[] eta = model.logits(d.fullText());
      float[][] p = model.classProbabilities(d.fullText());
      assertThat(p.length).isEqualTo(16);
      for (int g = 0; g < 16; g++) {
        double sum = 0;
        for (int c = 0; c < 16; c++) {
          sum += p[g][c];
          // softmax: log p_c − log p_0 = η_c − η_0
          assertThat(Math.log(p[g][c]) - Math.log(p[g][0]))
              .isCloseTo(eta[g * 16 + c] - eta[g * 16], within(1e-4));
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(argMax(p[g])).isEqualTo(model.codeShape().classOf(model.code(d.fullText()), g));
      }
    }
  }

  @Test
  void binaryClassProbabilitiesAreTheSigmoidAndItsComplement() {
    HashingModel model = model(CodeSpec.binary(16), 4);
    float[] eta = model.logits(docs.get(0).fullText());
    float[][] p = model.classProbabilities(docs.get(0).fullText());
    float[] sigma = SparseEncoder.probabilities(eta);
    for (int i = 0; i < 16; i++) {
      assertThat(p[i][1]).isCloseTo(sigma[i], within(1e-6f));
      assertThat(p[i][0] + p[i][1]).isCloseTo(1f, within(1e-6f));
    }
  }

  @Test
  void twoClassCategoricalCodesAreTheSignOfTheLogitDifference() {
    HashingModel model = model(CodeSpec.categorical(16, 2), 6);
    assertThat(model.codeShape().isBinary()).isTrue();
    for (Document d : docs) {
      float[] eta = model.logits(d.fullText());
      float[] diff = new float[16];
      for (int g = 0; g < 16; g++) {
        diff[g] = eta[2 * g + 1] - eta[2 * g];
      }
      assertThat(model.code(d.fullText())).isEqualTo(BitCode.fromPositive(diff));
    }
  }

  @Test
  void saveThenLoadGivesIdenticalCodes(@TempDir Path dir) throws IOException {
    for (CodeSpec code : List.of(CodeSpec.categorical(16, 4), CodeSpec.categorical(8, 256), CodeSpec.categorical(10, 8))) {
      HashingModel model = model(code, 7);
      Path m = dir.resolve(code.groups() + "x" + code.classes());
      model.save(m);
      String json = Files.readString(m.resolve(HashingModel.MANIFEST));
      assertThat(json).contains("\"type\" : \"categorical\"").contains("\"classes\" : " + code.classes());
      HashingModel loaded = HashingModel.load(m);
      assertThat(loaded.codeShape()).isEqualTo(code.shape());
      assertThat(loaded.codeSpec()).isEqualTo(code);
      assertThat(loaded.manifest().options()).isEqualTo(model.manifest().options());
      for (Document d : docs) {
        assertThat(loaded.code(d.fullText())).isEqualTo(model.code(d.fullText()));
        assertThat(loaded.classProbabilities(d.fullText())).isDeepEqualTo(model.classProbabilities(d.fullText()));
      }
    }
  }

  /** A model directory written before categorical codes: no "code" in its options. */
  @Test
  void binaryModelDirectoryWithoutACodeLoadsAsBinary(@TempDir Path dir) throws IOException {
    HashingModel model = model(CodeSpec.binary(24), 8);
    Path m = dir.resolve("m");
    model.save(m);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) mapper.readTree(m.resolve(HashingModel.MANIFEST).toFile());
    assertThat(((ObjectNode) manifest.get("options")).remove("code")).isNotNull();
    mapper.writeValue(m.resolve(HashingModel.MANIFEST).toFile(), manifest);
    HashingModel loaded = HashingModel.load(m);
    assertThat(loaded.codeShape()).isEqualTo(CodeShape.binary(24));
    assertThat(loaded.codeSpec()).isEqualTo(CodeSpec.binary(24));
    for (Document d : docs) {
      assertThat(loaded.code(d.fullText())).isEqualTo(BitCode.fromPositive(model.logits(d.fullText())));
    }
  }

  @Test
  void weightsOfAnotherWidthThanTheCodeAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m");
    model(CodeSpec.binary(32), 9).save(m); // 32 logits
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) mapper.readTree(m.resolve(HashingModel.MANIFEST).toFile());
    ObjectNode code = (ObjectNode) manifest.get("options").get("code");
    code.put("type", "categorical").put("groups", 16).put("classes", 4); // 32 bits, but 64 logits
    mapper.writeValue(m.resolve(HashingModel.MANIFEST).toFile(), manifest);
    assertThatThrownBy(() -> HashingModel.load(m))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(m.resolve(HashingModel.WEIGHTS).toString())
        .hasMessageContaining("64 logits");
  }

  @Test
  void codeOptionsThatDoNotFitTogetherAreNamed() {
    assertThat(CodeSpec.of("categorical", 64, 0, 16)).isEqualTo(CodeSpec.categorical(16, 16));
    assertThat(CodeSpec.of("categorical", 64, 32, 4)).isEqualTo(CodeSpec.categorical(32, 4));
    assertThat(CodeSpec.of("binary", 64, 0, 2)).isEqualTo(CodeSpec.binary(64));
    assertThatThrownBy(() -> CodeSpec.of("categorical", 64, 8, 16)).hasMessageContaining("8 groups of 16 classes store 32 bits");
    assertThatThrownBy(() -> CodeSpec.of("categorical", 64, 0, 8)).hasMessageContaining("log2(8) = 3");
    assertThatThrownBy(() -> CodeSpec.of("categorical", 64, 0, 12)).hasMessageContaining("power of two in [2, 256]");
    assertThat(CodeSpec.of("binary", 64, 0, 16)).isEqualTo(CodeSpec.binary(64));
    assertThatThrownBy(() -> CodeSpec.of("ternary", 64, 0, 4)).hasMessageContaining("[binary, categorical]");
    assertThatThrownBy(() -> new CodeSpec("binary", 16, 4)).hasMessageContaining("2 classes");
    assertThatThrownBy(() -> CodeSpec.categorical(16, 4).code(new float[63])).hasMessageContaining("64 logits");
    assertThatThrownBy(() -> new TrainingOptions(64, 8, "zgr", 0.5, 10, 1.0, 0.0, 3, "tfidf", 0, "tfidf", 0, 0,
        "squared", 3e-3, 16, 1, 1, 0.2, 1, CodeSpec.categorical(16, 4)))
        .hasMessageContaining("stores 32 bits, but bits is 64");
  }

  private static int argMax(float[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
