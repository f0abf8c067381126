package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.indexdir.IndexManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash index}: encodes and stores a corpus with a trained model into an index directory. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Encode every document with a model and write an index directory (model, Hamming index, Lucene store).")
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;

  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory from 'semhash train'")
  Path modelDir;

  @Option(names = "--out", required = true, paramLabel = "INDEX_DIR", description = "index directory to write (replaced atomically)")
  Path out;

  @Option(names = "--split", paramLabel = "SPLIT", description = "all | train | test (default: ${DEFAULT-VALUE})")
  String split = "all";

  @Option(names = "--json", description = "print the index manifest as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    HashingModel model = HashingModel.load(modelDir);
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    IndexManifest m = IndexDirectoryWriter.write(model, corpus.documents(), split, out, System.err);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      pw.println(ApiJson.pretty(m));
    } else {
      pw.printf(Locale.ROOT, "index %s: %,d documents, %d bits%n", out, m.documents(), m.bits());
    }
    pw.flush();
    return 0;
  }
}
