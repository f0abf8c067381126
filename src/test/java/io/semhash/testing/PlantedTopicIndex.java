package io.semhash.testing;

import io.semhash.corpus.Document;
import io.semhash.codes.CodeSpec;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelTraining;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real index directory in seconds for the explanation API and browser tests (unlike
 * {@link TinySemanticIndex}, built over {@link PlantedTopics}' disjoint vocabularies so a test can
 * name the words a topic's bits must predict): a 16-bit model
 * trained briefly on three planted topics, ids of the form {@code t1/d4} (with a '/', as 20
 * Newsgroups ids have). {@link #buildCategorical} makes the same index with a categorical model of
 * {@link #CATEGORICAL}'s shape, as long as the binary one.
 */
public final class PlantedTopicIndex {
  /** The categorical variant's code: 8 groups of 4 classes, 16 bits like the binary model. */
  public static final CodeSpec CATEGORICAL = CodeSpec.categorical(8, 4);

  private static final TrainingOptions OPTIONS =
      new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 0.0, 3, 3e-3, 16, 6, 6, 0.2, 3);

  private PlantedTopicIndex() {}

  public static List<Document> documents() {
    return PlantedTopics.corpus(3, 20, 20, 5).stream()
        .map(d -> new Document(d.id().replace('-', '/'), "title of " + d.id(), d.text(), d.labels(), d.split()))
        .toList();
  }

  /** Trains the model and builds the index into {@code dir}; returns {@code dir}. */
  public static Path build(Path dir) throws IOException {
    return build(dir, OPTIONS);
  }

  /** As {@link #build}, with a categorical model of {@link #CATEGORICAL}'s shape (categorical ZGR). */
  public static Path buildCategorical(Path dir) throws IOException {
    return build(dir, OPTIONS.withCode(CATEGORICAL));
  }

  private static Path build(Path dir, TrainingOptions options) throws IOException {
    List<Document> docs = documents();
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    HashingModel model = ModelTraining.train(docs, vectors, options, null);
    IndexDirectoryWriter.write(model, docs, "all", dir, null);
    return dir;
  }
}
