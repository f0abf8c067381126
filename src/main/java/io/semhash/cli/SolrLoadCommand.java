package io.semhash.cli;

import io.semhash.codes.CodeShape;
import io.semhash.config.SemhashConfig;
import io.semhash.progress.Progress;
import io.semhash.search.SemanticSearchService;
import io.semhash.solrcloud.CollectionLoad;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrCollections;
import io.semhash.solrcloud.SolrNodes;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code semhash solr-load}: a new SolrCloud collection from semhash's configset, filled with the
 * documents and codes of a local index directory in batches (the collection records the codes'
 * shape, binary or categorical), committed once at the end (so a
 * load that fails half way leaves a collection to delete, never a half-visible one).
 */
@Command(name = "solr-load", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Create a SolrCloud collection from semhash's configset and load an index directory's documents and codes into it.")
final class SolrLoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--index", required = true, paramLabel = "INDEX_DIR", description = "index directory to load")
  Path indexDir;

  @Mixin SolrArgs solr;

  @Option(names = "--shards", defaultValue = "1", paramLabel = "N", description = "shards of the new collection, 1..1024 (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(names = "--replicas", defaultValue = "1", paramLabel = "R", description = "replicas of each shard, 1..64 (default: ${DEFAULT-VALUE})")
  int replicas;

  @Option(names = "--batch-size", descriptionKey = "solr.batch-size", paramLabel = "N",
      description = "documents per update request, 1..100000 (default: solr.batch-size, ${DEFAULT-VALUE})")
  int batchSize;

  private SolrCloudBackend create(SolrNodes nodes, String collection, CodeShape shape, SemanticSearchService local) {
    try {
      SolrCollections.create(nodes, collection, shards, replicas, shape, local.model().vectorizer().analyzer().stems());
      return SolrCloudBackend.open(nodes, collection, local.model().vectorizer().analyzer(), shape);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    SemhashConfig.Solr settings = ConfigDefaults.build(spec,
        () -> new SemhashConfig.Solr(solr.url, solr.collection, "", solr.timeoutSeconds, batchSize));
    if (settings.url().isEmpty()) {
      throw new IllegalArgumentException("--solr URL is required (or solr.url in the configuration)");
    }
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("--shards " + shards + " is outside [1, 1024]");
    }
    if (replicas < 1 || replicas > 64) {
      throw new IllegalArgumentException("--replicas " + replicas + " is outside [1, 64]");
    }
    try (SemanticSearchService local = SemanticSearchService.open(indexDir)) {
      CodeShape shape = local.model().codeShape();
      SolrNodes nodes = SolrArgs.connect(settings);
      try (SolrCloudBackend target = create(nodes, settings.collection(), shape, local)) {
        Progress progress = Progress.start("solr-load", "docs", local.stats().documents(), System.err);
        long loaded = CollectionLoad.run(local.backend(), target, settings.batchSize(), progress);
        double seconds = progress.finish();
        System.out.printf(Locale.ROOT, "semhash: loaded %d documents (%s codes) from %s into collection %s"
            + " (%d shards x %d replicas) in %.1f s%n", loaded, shape.description(), indexDir, settings.collection(), shards, replicas,
            seconds);
      }
    }
    return 0;
  }
}
