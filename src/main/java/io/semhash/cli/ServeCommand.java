package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.indexdir.IndexLayout;
import io.semhash.model.HashingModel;
import io.semhash.search.SemanticSearchService;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code semhash serve}: the HTTP API and web UI over an index directory or a SolrCloud collection. */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = {"Serve the web UI and the HTTP API of an index directory (--index), or of a SolrCloud "
        + "collection (--solr URL --collection NAME --model DIR): queries are encoded here, searched in SolrCloud."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--index", paramLabel = "INDEX_DIR", description = "index directory (or --solr)")
  Path indexDir;

  @Mixin SolrArgs solr;

  @Option(names = "--model", descriptionKey = "solr.model", paramLabel = "DIR",
      description = "with --solr: the model directory, or an index directory holding it, that encodes queries"
          + " and new documents (default: solr.model, \"${DEFAULT-VALUE}\")")
  String model;

  @Mixin ServerAddress address;

  @Option(names = "--threads", descriptionKey = "server.threads", paramLabel = "N",
      description = "most HTTP server threads, 4..1000 (default: server.threads, ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--search-threads", descriptionKey = "server.search-threads", paramLabel = "N",
      description = "most requests doing search work at once, 0..1000, 0 = one per core (default: server.search-threads, ${DEFAULT-VALUE})")
  int searchThreads;

  @Option(names = "--rerank", descriptionKey = "server.rerank", paramLabel = "R",
      description = "re-rank of a semantic or hybrid search that names none: asymmetric | none"
          + " (default: server.rerank, ${DEFAULT-VALUE})")
  String rerank;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    SemhashConfig.Server s = settings(config);
    if (solr.given() == (indexDir != null)) {
      throw new ParameterException(spec.commandLine(), solr.given()
          ? "give either --index or --solr (solr.url is set in the configuration), not both"
          : "missing --index INDEX_DIR (or --solr URL --collection NAME --model DIR)");
    }
    if (indexDir != null) {
      ServerSettings.serveUntilStopped(SemanticSearchService.open(indexDir), s, indexDir.toString());
      return 0;
    }
    SemhashConfig.Solr settings = ConfigDefaults.build(spec, () -> solr.settings(config.solr(), model));
    if (settings.model().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--solr needs --model DIR (or solr.model): the model that"
          + " encoded the collection's codes");
    }
    SemanticSearchService service = overCollection(settings);
    ServerSettings.serveUntilStopped(service, s, "collection " + settings.collection() + " of SolrCloud " + settings.url());
    return 0;
  }

  /** The query pipeline over a SolrCloud collection, with the model from a model or index directory. */
  static SemanticSearchService overCollection(SemhashConfig.Solr settings) throws IOException {
    Path dir = Path.of(settings.model());
    boolean isIndex = Files.exists(dir.resolve(IndexLayout.MANIFEST));
    HashingModel m = HashingModel.load(isIndex ? dir.resolve(IndexLayout.MODEL) : dir);
    SemanticSearchService.BuildFigures figures = isIndex
        ? SemanticSearchService.BuildFigures.of(IndexLayout.readManifest(dir))
        : SemanticSearchService.BuildFigures.none();
    SolrNodes nodes = SolrArgs.connect(settings);
    SolrCloudBackend backend;
    try {
      backend = SolrCloudBackend.open(nodes, settings.collection(), m.vectorizer().analyzer(), m.codeShape());
      return SemanticSearchService.over(m, backend, figures);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  /** The settings to serve with, once the command line is parsed. */
  SemhashConfig.Server settings(SemhashConfig config) {
    return ConfigDefaults.build(spec, () -> ServerSettings.of(config.server(), address.host, address.port, threads, searchThreads,
        rerank));
  }
}
