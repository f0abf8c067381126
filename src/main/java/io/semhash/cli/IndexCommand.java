package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.pipeline.ShardedIndexWriter;
import io.semhash.shards.ShardedManifest;
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

/**
 * {@code semhash index}: encodes and stores a corpus with a trained model into an index directory,
 * or with {@code --shards N} into a sharded index directory (the layout the Spark job's {@code
 * --out} writes: each document in the shard of its compositeId hash).
 */
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

  @Option(names = "--shards", paramLabel = "N", description = "write a sharded index directory of N shards, 1..10000,"
      + " documents placed by SolrCloud's compositeId hash of their ids (default: one index directory)")
  Integer shards;

  @Option(names = "--json", description = "print the index manifest as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    HashingModel model = HashingModel.load(modelDir);
    if (shards != null && (shards < 1 || shards > 10_000)) {
      throw new IllegalArgumentException("--shards " + shards + " is outside [1, 10000]");
    }
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    PrintWriter pw = spec.commandLine().getOut();
    if (shards != null) {
      ShardedManifest m = ShardedIndexWriter.write(model, IndexDirectoryWriter.ofSplit(corpus.documents(), split), shards, out);
      if (json) {
        pw.println(ApiJson.pretty(m));
      } else {
        pw.printf(Locale.ROOT, "index %s: %,d documents in %d shards, %d bits%n", out, m.documents(), m.shards().size(), m.bits());
      }
      pw.flush();
      return 0;
    }
    IndexManifest m = IndexDirectoryWriter.write(model, corpus.documents(), split, out, System.err);
    if (json) {
      pw.println(ApiJson.pretty(m));
    } else {
      pw.printf(Locale.ROOT, "index %s: %,d documents, %d bits%n", out, m.documents(), m.bits());
    }
    pw.flush();
    return 0;
  }
}
