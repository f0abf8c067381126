package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Document;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory is loaded and used without DL4J, ND4J or the OpenBLAS natives: a model
 * trained here (with DL4J) is saved, and a child JVM whose class path has those jars removed
 * loads it and encodes texts ({@link CodesOfLines}); its codes must be the ones this JVM computes.
 * This is what lets an indexing job or a search node encode without the ~150 MB of training jars.
 */
class EncodingWithoutDl4jTest {
  /** Path fragments of the training-only jars (Maven repository paths and file names). */
  private static final List<String> TRAINING_ONLY = List.of("deeplearning4j", "nd4j", "bytedeco", "openblas");
  private static final List<String> PROBES = List.of(
      "org.nd4j.linalg.factory.Nd4j",
      "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
      "org.bytedeco.javacpp.Loader",
      "org.bytedeco.openblas.global.openblas");

  @Test
  void childJvmWithoutTrainingJarsGivesTheSameCodes(@TempDir Path dir) throws Exception {
    List<Document> docs = PlantedTopics.corpus(3, 30, 20, 5);
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    HashingModel trained = ModelTraining.train(docs, vectors,
        new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 0.0, 3, 3e-3, 16, 3, 3, 0.2, 3), null);
    Path modelDir = dir.resolve("model");
    trained.save(modelDir);

    List<String> lines = new ArrayList<>();
    for (Document d : docs) {
      lines.add(d.fullText().replace('\n', ' '));
    }
    lines.add("");
    lines.add("words the vocabulary has never seen");
    Path texts = Files.write(dir.resolve("texts.txt"), lines, StandardCharsets.UTF_8);

    List<String> full = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> reduced = full.stream().filter(e -> !trainingOnly(e)).toList();
    List<String> removed = full.stream().filter(EncodingWithoutDl4jTest::trainingOnly).toList();
    // the filter must really take out the network, ND4J's native backend and OpenBLAS
    assertThat(removed).anyMatch(e -> e.contains("deeplearning4j-nn"))
        .anyMatch(e -> e.contains("nd4j-native"))
        .anyMatch(e -> e.contains("nd4j-api"))
        .anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("openblas"));
    for (String probe : PROBES) {
      assertThat(CodesOfLines.loadable(probe)).as("this JVM has %s", probe).isTrue();
    }

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, reduced),
        CodesOfLines.class.getName(), modelDir.toString(), texts.toString()));
    for (String probe : PROBES) {
      command.add("--probe");
      command.add(probe);
    }
    Process child = new ProcessBuilder(command)
        .redirectError(dir.resolve("child.err").toFile())
        .redirectOutput(dir.resolve("child.out").toFile())
        .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String err = Files.readString(dir.resolve("child.err"));
    assertThat(child.exitValue()).as("child JVM exit code; its stderr: %s", err).isZero();
    List<String> out = Files.readAllLines(dir.resolve("child.out"), StandardCharsets.UTF_8);

    assertThat(out.subList(0, PROBES.size())).containsExactlyElementsOf(PROBES.stream().map(p -> "absent " + p).toList());
    List<String> childCodes = out.subList(PROBES.size(), out.size());
    HashingModel loaded = HashingModel.load(modelDir);
    List<String> expected = new ArrayList<>();
    for (String line : lines) {
      assertThat(loaded.code(line)).isEqualTo(trained.code(line));
      expected.add("code " + trained.code(line).toHex());
    }
    assertThat(childCodes).containsExactlyElementsOf(expected);
    assertThat(expected.stream().distinct().count()).as("the model tells documents apart").isGreaterThan(3);
  }

  private static boolean trainingOnly(String classPathEntry) {
    String e = classPathEntry.toLowerCase(Locale.ROOT);
    return TRAINING_ONLY.stream().anyMatch(e::contains);
  }
}
