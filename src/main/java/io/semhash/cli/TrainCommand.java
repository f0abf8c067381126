package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.json.ApiJson;
import io.semhash.model.EpochRecord;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelManifest;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.ModelTraining;
import io.semhash.text.CorpusVectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash train}: fits the vocabulary and trains the hashing model on the train split. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Train the hashing VAE (early stopping on validation P@100 from the train split) and save the model directory.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;
  @Mixin ModelArgs modelArgs;

  @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "model directory to write")
  Path out;

  @Option(names = "--json", description = "print the manifest as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    TrainingOptions options = modelArgs.options(config);
    int threads = modelArgs.threads();
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    CorpusVectors vectors = CorpusVectors.build(corpus.documents(), config.text().options(), System.err);
    HashingModel model = ModelTraining.train(corpus.documents(), vectors, options, threads, System.err, Double.POSITIVE_INFINITY);
    model.save(out);
    ModelManifest m = model.manifest();
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      pw.println(ApiJson.pretty(m));
    } else {
      EpochRecord best = m.history().get(m.bestEpoch() - 1);
      pw.printf(Locale.ROOT, "model %s: %d bits, %s, best epoch %d of %d (validation P@100 %.4f), %.0f s%n",
          out, options.bits(), options.estimator(), m.bestEpoch(), m.history().size(), best.validationPrecision(),
          m.trainingSeconds());
    }
    pw.flush();
    return 0;
  }
}
