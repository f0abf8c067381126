package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.backend.BackendRejectedException;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.search.SemanticSearchService;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.testing.CliRun;
import io.semhash.testing.PlantedTopicIndex;
import io.semhash.testing.SolrClusterProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackendApiContract} over a SolrCloud collection of categorical codes (8 groups x 4
 * classes, the planted-topic index of {@link PlantedTopicIndex#buildCategorical}): loaded by
 * {@code semhash solr-load}, which records the code shape in the collection, and searched by the
 * plugin by symbol distance. Then the refusals a shape brings: a binary model over this
 * collection, a radius beyond the groups.
 */
class SolrCloudCategoricalApiTest extends SolrCloudContract {
  private static final String COLLECTION = "categorical";
  private static final CodeShape SHAPE = PlantedTopicIndex.CATEGORICAL.shape();
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    cluster = SolrClusterProcess.start(2, dir.resolve("cluster"));
    Path index = PlantedTopicIndex.buildCategorical(dir.resolve("index"));
    String url = cluster.urls().get(0);
    CliRun load = CliRun.of("solr-load", "--index", index.toString(), "--solr", url, "--collection", COLLECTION,
        "--shards", "2", "--replicas", "1", "--batch-size", "7");
    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(load.out()).contains("loaded 60 documents (categorical 8 groups x 4 classes (16 bits) codes)");
    nodes = SolrNodes.connect(url, Duration.ofSeconds(60));
    try (SemanticSearchService local = SemanticSearchService.open(index)) {
      model = local.model();
    }
    assertThat(model.codeShape()).isEqualTo(SHAPE);
    SolrCloudBackend backend = SolrCloudBackend.open(SolrNodes.connect(url, Duration.ofSeconds(60)), COLLECTION,
        model.vectorizer().analyzer(), model.codeShape());
    assertThat(backend.shape()).isEqualTo(SHAPE);
    serve(backend);
  }

  @Test
  void theCollectionReportsItsShapeAndABinaryModelIsRefusedByName() throws Exception {
    SolrCloudBackend plain = SolrCloudBackend.open(nodes, COLLECTION, model.vectorizer().analyzer());
    assertThat(plain.shape()).isEqualTo(SHAPE);
    assertThatThrownBy(() -> SolrCloudBackend.open(nodes, COLLECTION, model.vectorizer().analyzer(), CodeShape.binary(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection 'categorical' holds categorical 8 groups x 4 classes (16 bits) codes,"
            + " the model makes binary 16-bit codes");
    Path binary = PlantedTopicIndex.build(dir.resolve("binary-index"));
    CliRun serve = CliRun.of("serve", "--solr", cluster.urls().get(1), "--collection", COLLECTION, "--model",
        binary.toString(), "--port", "0");
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err()).contains("collection 'categorical' holds categorical 8 groups x 4 classes (16 bits) codes")
        .doesNotContain("\tat ");
  }

  @Test
  void theRadiusCountsSymbols() {
    String hex = BitCode.zeros(SHAPE.bits()).toHex();
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!hamming f=code maxDistance=9}" + hex);
    assertThatThrownBy(() -> nodes.request(new QueryRequest(p), COLLECTION))
        .isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("maxDistance=9 is outside the allowed range [0, 8] (symbols of a categorical"
            + " 8 groups x 4 classes (16 bits) code)");
    // the API takes any radius; beyond the groups it is every document (the backend asks Solr for at most 8)
    HttpProbe http = new HttpProbe(server.port());
    HttpProbe.Reply r = http.get("/api/search?q=tbxa&k=5&maxDistance=16");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("total").asLong()).isEqualTo(PlantedTopicIndex.documents().size());
  }
}
