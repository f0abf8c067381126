package io.semhash.server;

import io.semhash.config.SemhashConfig;
import io.semhash.model.HashingModel;
import io.semhash.search.SemanticSearchService;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.testing.SolrClusterProcess;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link BackendApiContract} over a collection of a real SolrCloud ({@link SolrClusterProcess}): what
 * a test class of one collection holds (the cluster, a client of its nodes, the model, the query
 * pipeline over the collection and the real server on it) and how it is released. A subclass
 * starts the cluster, loads its collection and calls {@link #serve} in its {@code @BeforeAll}.
 */
abstract class SolrCloudContract extends BackendApiContract {
  static SolrClusterProcess cluster;
  static SolrNodes nodes;
  static HashingModel model;
  static SemanticSearchService service;
  static SemhashServer server;

  /** Serves {@code backend} with {@link #model} on a free port, writes with {@link #TOKEN}. */
  static void serve(SolrCloudBackend backend) {
    service = SemanticSearchService.over(model, backend, SemanticSearchService.BuildFigures.none());
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, MAX_K, TOKEN));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (service != null) {
      service.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    server = null;
    service = null;
    nodes = null;
    cluster = null;
    model = null;
  }

  @Override
  protected Served served() {
    return new Served(server.port(), model);
  }
}
