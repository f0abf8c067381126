package io.semhash.testing;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.codes.CodeSpec;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelTraining;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A real index directory (16-bit model + Hamming index + Lucene store) over 90 planted-topic
 * documents, trained once per test JVM in a few seconds; tests get their own copy to write to.
 */
public final class TinySemanticIndex {
  public static final String[][] TOPICS = {
    {"orbit", "rocket", "launch", "shuttle", "nasa", "satellite", "moon", "astronaut"},
    {"hockey", "goalie", "puck", "playoffs", "skate", "season", "team", "coach"},
    {"church", "bible", "faith", "prayer", "gospel", "christ", "belief", "scripture"}};

  /** The categorical index's code: 8 groups of 4 classes, 16 bits like the binary one. */
  public static final CodeSpec CATEGORICAL = CodeSpec.categorical(8, 4);

  private static Path built;
  private static Path builtCategorical;
  private static HashingModel model;
  private static List<Document> docs;

  private TinySemanticIndex() {}

  /** The 90 documents: doc-0 .. doc-89, label topic{i % 3}. */
  public static synchronized List<Document> documents() {
    if (docs == null) {
      docs = documents(new SplittableRandom(4), "doc-", 90);
    }
    return docs;
  }

  /** {@code n} planted-topic documents with ids {@code prefix + i}, drawn from {@code random}. */
  public static List<Document> documents(SplittableRandom random, String prefix, int n) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int t = i % 3;
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 30; w++) {
        sb.append(TOPICS[t][random.nextInt(TOPICS[t].length)]).append(' ');
      }
      out.add(new Document(prefix + i, "title " + TOPICS[t][i % 8], sb.toString(), List.of("topic" + t),
          i % 5 == 0 ? Split.TEST : Split.TRAIN));
    }
    return out;
  }

  /** The model of the index (the same one {@code model/} in every copy holds). */
  public static synchronized HashingModel model() {
    build();
    return model;
  }

  /** A fresh copy of the index directory at {@code target} (which must not exist). */
  public static Path copyTo(Path target) {
    return copy(build(), target);
  }

  /**
   * A fresh copy, at {@code target}, of the same documents indexed by a categorical model of the
   * same options ({@link #CATEGORICAL}), trained once per test JVM.
   */
  public static Path categoricalCopyTo(Path target) {
    return copy(buildCategorical(), target);
  }

  private static Path copy(Path from, Path target) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static synchronized Path build() {
    if (built == null) {
      try {
        Path dir = Files.createTempDirectory("semhash-tiny-index");
        List<Document> d = documents();
        CorpusVectors vectors = CorpusVectors.build(d, new VocabularyOptions(1000, 1, 1.0, false), null);
        model = ModelTraining.train(d, vectors, OPTIONS, null);
        built = write(model, dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return built;
  }

  private static final TrainingOptions OPTIONS = new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 0.0, 3, 3e-3, 16, 5, 5, 0.2, 9);

  private static synchronized Path buildCategorical() {
    if (builtCategorical == null) {
      try {
        Path dir = Files.createTempDirectory("semhash-tiny-categorical-index");
        List<Document> d = documents();
        CorpusVectors vectors = CorpusVectors.build(d, new VocabularyOptions(1000, 1, 1.0, false), null);
        builtCategorical = write(ModelTraining.train(d, vectors, OPTIONS.withCode(CATEGORICAL), null), dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return builtCategorical;
  }

  private static Path write(HashingModel m, Path dir) throws IOException {
    Path index = dir.resolve("index");
    IndexDirectoryWriter.write(m, documents(), "all", index, null);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    return index;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans up eventually
    }
  }
}
