package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.KeywordMatches;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.progress.Progress;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.solrcloud.CollectionLoad;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrCollections;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.text.TermAnalyzer;
import io.semhash.store.KeywordHits;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import io.semhash.testing.CliRun;
import io.semhash.testing.MiniCorpus;
import io.semhash.testing.PlantedTopicIndex;
import io.semhash.testing.SolrClusterProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackendApiContract} over the SolrCloud backend: a real 2-node SolrCloud (in a child JVM,
 * {@link SolrClusterProcess}), a collection of 2 shards × 2 replicas loaded from the planted-topic index
 * by {@link CollectionLoad}, and the real server in this JVM. Then what only a cluster has: a node
 * stopped while queries run, Solr's own refusals of bad input, a collection without the plugin,
 * and Solr down altogether (503).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCloudBackendApiTest extends SolrCloudContract {
  private static final String COLLECTION = "planted";
  @TempDir static Path dir;
  static Path index;

  @BeforeAll
  static void start() throws Exception {
    cluster = SolrClusterProcess.start(2, dir.resolve("cluster"));
    index = PlantedTopicIndex.build(dir.resolve("index"));
    // the first node's URL only: the others are learnt from the cluster
    nodes = SolrNodes.connect(cluster.urls().get(0), Duration.ofSeconds(60));
    assertThat(nodes.nodes()).hasSize(2);
    try (SemanticSearchService local = SemanticSearchService.open(index)) {
      model = local.model();
      SolrCollections.create(nodes, COLLECTION, 2, 2, model.codeShape(), model.vectorizer().analyzer().stems());
      SolrCloudBackend loading = SolrCloudBackend.open(nodes, COLLECTION, model.vectorizer().analyzer());
      // batches of 7: several update requests, spread over both shards, one commit
      assertThat(CollectionLoad.run(local.backend(), loading, 7, Progress.silent("load", 60))).isEqualTo(60);
    }
    serve(SolrCloudBackend.open(SolrNodes.connect(cluster.urls().get(0), Duration.ofSeconds(60)), COLLECTION,
        model.vectorizer().analyzer()));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The ids and distances of an answer, in order. */
  private static List<String> hits(JsonNode response) {
    List<String> hits = new ArrayList<>();
    response.get("results").forEach(h -> hits.add(h.get("id").asText() + "@" + h.get("distance").asInt()));
    return hits;
  }

  /**
   * Next to last: node 0, the one whose URL the service was given, stops while two clients
   * query; each shard keeps a replica on node 1. (Rejoining is HammingSearchCloudTest's.)
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void everyQueryStaysExactWhileANodeStops() throws Exception {
    HttpProbe http = new HttpProbe(server.port());
    List<String> paths = new ArrayList<>();
    for (String text : List.of("tbxa tbxb", "tcxa sharedxb", "taxc taxd taxe", "sharedxa")) {
      paths.add("/api/search?q=" + q(text) + "&k=12");
      paths.add("/api/search?q=" + q(text) + "&k=30&labels=topic1");
      paths.add("/api/search?q=" + q(text) + "&k=40&maxDistance=4");
    }
    Map<String, List<String>> expected = new java.util.HashMap<>();
    for (String p : paths) {
      Reply r = http.get(p);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      expected.put(p, hits(r.json()));
    }
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(2);
    for (int c = 0; c < 2; c++) {
      int offset = c;
      clients.submit(() -> {
        for (int i = offset; running.get(); i++) {
          String p = paths.get(i % paths.size());
          Reply r = http.get(p);
          if (r.status() != 200) {
            wrong.add(p + " -> " + r.status() + " " + r.body());
          } else if (!hits(r.json()).equals(expected.get(p))) {
            wrong.add(p + " -> " + hits(r.json()));
          }
          answered.incrementAndGet();
        }
      });
    }
    try {
      Thread.sleep(1_000);
      int before = answered.get();
      cluster.stop(0);
      int whileDown = answered.get();
      // each client goes through every query at least twice with the node down
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (answered.get() < whileDown + 4 * paths.size() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(answered.get()).as("queries answered with node 0 down").isGreaterThanOrEqualTo(whileDown + 4 * paths.size());
      assertThat(before).isPositive();
    } finally {
      running.set(false);
      clients.shutdown();
      clients.awaitTermination(60, TimeUnit.SECONDS);
    }
    assertThat(wrong).as("answers that were not the exact ones, of " + answered.get()).isEmpty();
  }

  @Test
  void solrRefusesBadInputWithA400NamingTheProblem() {
    String hex = BitCode.zeros(model.bits()).toHex();
    assertSolrRefuses("{!hamming f=code k=5}" + hex + "00", "hex code of 16 bits must have 4 digits, got 6");
    assertSolrRefuses("{!hamming f=code k=0}" + hex, "k=0 is outside the allowed range [1, 100000]");
    assertSolrRefuses("{!hamming f=code maxDistance=17}" + hex, "maxDistance=17 is outside the allowed range [0, 16]");
    assertSolrRefuses("{!hamming f=nosuch k=5}" + hex, "f=nosuch: no such field");
    assertSolrRefuses("{!hamming k=5}" + hex, "parameter 'f' (the code field) is required");
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", "bad-code");
    doc.addField("text", "x");
    doc.addField("code", "01");
    assertThatThrownBy(() -> nodes.request(new UpdateRequest().add(doc), COLLECTION))
        .isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("field code: hex code of 16 bits must have 4 digits, got 2");
  }

  /** Documents whose words differ only in their endings, so stemming changes what matches. */
  private static final List<Document> INFLECTED = List.of(
      new Document("inflected-1", "Launching rockets", "The rocket launches were delayed; launching again tomorrow.",
          List.of("sci.space"), Split.TRAIN),
      new Document("inflected-2", "A launch", "One launch, one rocket's payload, connected to the station's arms.",
          List.of("sci.space"), Split.TRAIN),
      new Document("inflected-3", "Connections", "Connecting the connections: a connection connects what was connected.",
          List.of("comp"), Split.TRAIN),
      new Document("inflected-4", "", "Orbiting telescopes orbit; an orbital telescope's mirrors in 1993 and 2001.",
          List.of("sci.space"), Split.TRAIN),
      new Document("inflected-5", "Hockey's goalies", "Goalies saving shots, the goalie saved a shot, saves by goalies.",
          List.of("rec.sport"), Split.TRAIN));

  /**
   * The same keyword query ranks the same on SolrCloud as in a local store: the collection's text
   * is analysed by the core's analysis (stemming as the model's text.stem says, recorded in the
   * collection) and BM25 statistics are exact over the shards. For a stemming and a plain
   * collection of 2 shards, every query's ids and scores equal a local Lucene store's.
   */
  @Test
  void keywordSearchRanksAsTheLocalStoreWithOrWithoutStemming() {
    List<Document> docs = new ArrayList<>(MiniCorpus.documents());
    docs.addAll(INFLECTED);
    List<String> queries = List.of("launches", "launching rockets", "connected", "connections connecting",
        "orbiting telescope's mirrors", "goalies saves", "rocket's payload station", "the moon mission 1993",
        "shuttle launch delayed", "mars orbit insertion telescope");
    for (boolean stem : new boolean[] {true, false}) {
      TermAnalyzer analyzer = new TermAnalyzer(stem);
      String collection = stem ? "words-stemmed" : "words-plain";
      SolrCollections.create(nodes, collection, 2, 1, CodeShape.binary(16), stem);
      try (LuceneDocumentStore store = LuceneDocumentStore.inMemory(analyzer);
          SolrCloudBackend solr = SolrCloudBackend.open(SolrNodes.connect(cluster.urls().get(1), Duration.ofSeconds(60)),
              collection, analyzer)) {
        List<StoredEntry> entries = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
          entries.add(new StoredEntry(i, docs.get(i)));
        }
        store.add(entries);
        solr.send(docs, docs.stream().map(d -> BitCode.zeros(16)).toList());
        solr.commit();
        for (String query : queries) {
          KeywordHits local = store.search(query, List.of(), 50, 0);
          KeywordMatches cloud = solr.keyword(query, List.of(), 0, 50);
          assertThat(local.total()).as("%s (stem %s)", query, stem).isPositive();
          assertThat(cloud.total()).as("%s (stem %s)", query, stem).isEqualTo(local.total());
          assertThat(cloud.matches().stream().map(m -> m.document().id()).toList()).as("%s (stem %s)", query, stem)
              .isEqualTo(local.hits().stream().map(h -> h.document().id()).toList());
          for (int i = 0; i < local.hits().size(); i++) {
            assertThat(cloud.matches().get(i).score()).as("score %d of %s (stem %s)", i, query, stem)
                .isCloseTo(local.hits().get(i).score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
          }
        }
        // the collection stems, or not, as the model: "launches" finds "launch" only with stemming
        Set<String> found = new HashSet<>();
        solr.keyword("launches", List.of(), 0, 50).matches().forEach(m -> found.add(m.document().id()));
        assertThat(found.contains("inflected-2")).as("stem %s", stem).isEqualTo(stem);
      }
    }
    // a model that stems otherwise than the collection is refused, naming both
    assertThatThrownBy(() -> SolrCloudBackend.open(nodes, "words-plain", new TermAnalyzer(true), CodeShape.binary(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection 'words-plain' analyses its text without stemming, the model with (text.stem)");
    assertThatThrownBy(() -> SolrCloudBackend.open(nodes, "words-stemmed", new TermAnalyzer(false), CodeShape.binary(16)))
        .hasMessageContaining("collection 'words-stemmed' analyses its text with stemming, the model without");
    try (SolrCloudBackend same = SolrCloudBackend.open(SolrNodes.connect(cluster.urls().get(1), Duration.ofSeconds(60)),
        "words-stemmed", new TermAnalyzer(true), CodeShape.binary(16))) {
      assertThat(same.count()).isEqualTo(MiniCorpus.documents().size() + INFLECTED.size());
    }
  }

  private static void assertSolrRefuses(String query, String message) {
    assertSolrRefuses(nodes, COLLECTION, query, message);
  }

  @Test
  void aCollectionWithoutThePluginOrAMissingOneIsRefusedByName() throws IOException {
    ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
    upload.setConfigSetName("plain");
    upload.setUploadStream(new ContentStreamBase.ByteArrayStream(plainConfigset(), "plain.zip", "application/zip"));
    nodes.request(upload, null);
    nodes.request(CollectionAdminRequest.createCollection("plain", "plain", 1, 1), null);
    assertThatThrownBy(() -> SolrCloudBackend.open(nodes, "plain", model.vectorizer().analyzer()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection 'plain' is not a semhash collection: it has no field 'code'");
    String hex = BitCode.zeros(model.bits()).toHex();
    assertSolrRefuses(nodes, "plain", "{!hamming f=code k=5}" + hex, "hamming");
    String url = cluster.urls().get(1);
    CliRun serve = CliRun.of("serve", "--solr", url, "--collection", "plain", "--model", index.toString(), "--port", "0");
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err()).contains("collection 'plain' is not a semhash collection");
    CliRun missing = CliRun.of("serve", "--solr", url, "--collection", "nosuch", "--model", index.toString(), "--port", "0");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("has no collection 'nosuch'");
    CliRun exists = CliRun.of("solr-load", "--index", index.toString(), "--solr", url, "--collection", COLLECTION);
    assertThat(exists.exitCode()).isEqualTo(1);
    assertThat(exists.err()).contains("collection '" + COLLECTION + "' exists already");
    CliRun noIndex = CliRun.of("solr-load", "--index", dir.resolve("nothing").toString(), "--solr", url, "--collection", "other");
    assertThat(noIndex.exitCode()).isEqualTo(1);
    assertThat(noIndex.err()).contains("nothing: index directory not found");
    CliRun down = CliRun.of("solr-load", "--index", index.toString(), "--solr", "http://127.0.0.1:1/solr", "--collection", "other");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err()).contains("SolrCloud is unavailable").contains("127.0.0.1:1");
  }

  private static void assertSolrRefuses(SolrNodes nodes, String collection, String query, String message) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", query);
    assertThatThrownBy(() -> nodes.request(new QueryRequest(p), collection))
        .as(query)
        .isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(message);
  }

  private static byte[] plainConfigset() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : List.of("schema.xml", "solrconfig.xml")) {
        try (InputStream in = SolrCloudBackendApiTest.class.getResourceAsStream("/plain-configset/conf/" + name)) {
          zip.putNextEntry(new ZipEntry(name));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** Last: every node stopped, the API answers 503 with the reason, never a 500. */
  @Test
  @Order(Integer.MAX_VALUE)
  void solrDownIsA503WithTheReason() throws Exception {
    cluster.stop(1); // node 0 is down already
    HttpProbe http = new HttpProbe(server.port());
    for (Reply r : List.of(
        http.get("/api/search?q=tbxa&k=3"),
        http.get("/api/search?q=tbxa&k=3&mode=keyword"),
        http.get("/api/docs/t0/d1"),
        http.get("/api/docs/t0/d1/similar?k=3"),
        http.get("/api/stats"),
        http.post("/api/docs", "application/json", "{\"id\":\"x\",\"text\":\"tbxa\"}", "Authorization", "Bearer " + TOKEN))) {
      assertThat(r.status()).as(r.body()).isEqualTo(503);
      assertThat(r.json().get("error").asText()).isEqualTo("backend_unavailable");
      assertThat(r.json().get("message").asText()).contains("SolrCloud is unavailable").contains("cannot connect")
          .doesNotContain("Exception:").doesNotContain("\tat ");
    }
  }
}
