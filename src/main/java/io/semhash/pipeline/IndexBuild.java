package io.semhash.pipeline;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.indexdir.IndexManifest;
import io.semhash.text.CorpusVectors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole offline pipeline behind {@code semhash build}: read → vocabulary → train → encode →
 * index, timed per stage. The index directory is written atomically, so an interrupted build
 * leaves no half-written index and an existing index intact.
 */
public final class IndexBuild {
  private IndexBuild() {}

  /** Trains with one thread per core and no time budget. */
  public static BuildSummary run(Path corpusPath, CorpusOptions corpusOptions, SemhashConfig config, TrainingOptions options,
      Path out, PrintStream progress) throws IOException {
    return run(corpusPath, corpusOptions, config, options, 0, Double.POSITIVE_INFINITY, out, progress);
  }

  /**
   * As above, the training step on {@code trainThreads} threads (0: one per core), with a training
   * time budget in seconds (see {@code HashingTrainer}).
   */
  public static BuildSummary run(Path corpusPath, CorpusOptions corpusOptions, SemhashConfig config, TrainingOptions options,
      int trainThreads, double trainBudgetSeconds, Path out, PrintStream progress) throws IOException {
    Map<String, Double> stages = new LinkedHashMap<>();
    long t = System.nanoTime();
    stage(progress, "read " + corpusPath);
    Corpus corpus = Corpus.load(corpusPath, corpusOptions);
    t = lap(stages, "read", t);
    stage(progress, "vocabulary and vectors (" + corpus.documents().size() + " documents)");
    CorpusVectors vectors = CorpusVectors.build(corpus.documents(), config.text().options(), progress);
    t = lap(stages, "vocabulary", t);
    stage(progress, "train " + options.bits() + "-bit model with " + options.estimator());
    HashingModel model = ModelTraining.train(corpus.documents(), vectors, options, trainThreads, progress, trainBudgetSeconds);
    t = lap(stages, "train", t);
    stage(progress, "encode and index");
    IndexManifest manifest = IndexDirectoryWriter.write(model, corpus.documents(), "all", out, progress);
    lap(stages, "index", t);
    Double p100 = manifest.precisionAtK().stream().filter(p -> p.k() == 100).map(IndexManifest.PrecisionAtK::precision)
        .findFirst().orElse(null);
    return new BuildSummary(out.toString(), manifest.documents(), manifest.bits(), options.estimator(), p100, stages);
  }

  private static void stage(PrintStream progress, String what) {
    if (progress != null) {
      progress.println("== " + what);
    }
  }

  private static long lap(Map<String, Double> stages, String name, long t0) {
    long now = System.nanoTime();
    stages.put(name, (now - t0) / 1e9);
    return now;
  }
}
