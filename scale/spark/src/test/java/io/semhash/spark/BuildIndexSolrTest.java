package io.semhash.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.backend.CodeMatch;
import io.semhash.backend.CodedDocument;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.search.SemanticSearchService;
import io.semhash.shards.ShardRouting;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrCollections;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.solrcloud.SolrShard;
import io.semhash.testing.SolrClusterProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * BuildIndexJob on local[2] into a real 2-node SolrCloud (in a child JVM, {@link
 * SolrClusterProcess}: Solr's Jetty, ZooKeeper and log4j cannot share Spark's class path), against
 * {@code semhash index} of the same corpus and model: every document once with the same code, in
 * the shard whose hash range holds its id, and the exact top k of brute force over the reference
 * index's codes for many queries; into a new and an existing collection, with a task retried after
 * its first batch; and bad input or an unavailable SolrCloud, which stop with one line, create no
 * collection and commit nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildIndexSolrTest {
  @TempDir static Path dir;
  static SolrClusterProcess cluster;
  static SolrNodes nodes;
  static String url;
  final Fixture f = Fixture.get();

  @BeforeAll
  static void start() throws Exception {
    cluster = SolrClusterProcess.start(2, dir.resolve("cluster"));
    url = cluster.urls().get(0);
    nodes = SolrNodes.connect(url, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (nodes != null) {
      nodes.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  Fixture.Run job(String collection, String... more) {
    List<String> args = new ArrayList<>(List.of("--model", f.model.toString(), "--solr", url, "--collection", collection));
    if (!List.of(more).contains("--corpus")) {
      args.addAll(List.of("--corpus", f.jsonl.toString()));
    }
    args.addAll(List.of(more));
    return f.job(args.toArray(String[]::new));
  }

  SolrCloudBackend open(String collection) {
    return SolrCloudBackend.open(SolrNodes.connect(url, Duration.ofSeconds(60)), collection,
        f.reference().model().vectorizer().analyzer());
  }

  /** The ids one shard of the collection holds (the query asks that shard alone). */
  static Set<String> idsOf(String collection, String shard) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "*:*");
    p.set("fl", "id");
    p.set("rows", 100_000);
    p.set("shards", shard);
    QueryResponse r = new QueryResponse(nodes.request(new QueryRequest(p, SolrRequest.METHOD.POST), collection), nodes);
    Set<String> ids = new HashSet<>();
    for (SolrDocument d : r.getResults()) {
      ids.add((String) d.getFieldValue("id"));
    }
    return ids;
  }

  /**
   * The collection holds exactly the reference index's documents with their codes, each in the
   * shard whose range holds its compositeId hash, and answers k-NN (with and without a label
   * filter, with an offset) and radius queries exactly as brute force over the reference's codes.
   */
  void assertAnswersLikeTheReference(String collection, List<Long> shardDocuments) {
    SemanticSearchService local = f.reference();
    Map<String, CodedDocument> expected = new LinkedHashMap<>();
    local.backend().forEachDocument(d -> expected.put(d.document().id(), d));
    assertThat(expected).hasSize(f.docs.size());

    List<SolrShard> shards = SolrCollections.shards(nodes, collection);
    assertThat(shards).hasSize(shardDocuments.size());
    int[][] ranges = shards.stream().map(s -> new int[] {s.min(), s.max()}).toArray(int[][]::new);
    Set<String> all = new HashSet<>();
    for (int i = 0; i < shards.size(); i++) {
      Set<String> ids = idsOf(collection, shards.get(i).name());
      assertThat((long) ids.size()).as("shard %s", shards.get(i).name()).isEqualTo(shardDocuments.get(i)).isPositive();
      for (String id : ids) {
        assertThat(ShardRouting.shardOfHash(ShardRouting.hash(id), ranges)).as(id).isEqualTo(i);
      }
      all.addAll(ids);
    }
    assertThat(all).isEqualTo(expected.keySet());

    try (SolrCloudBackend solr = open(collection)) {
      assertThat(solr.count()).isEqualTo(expected.size());
      Map<String, String> stored = new TreeMap<>();
      solr.forEachDocument(d -> {
        CodedDocument want = expected.get(d.document().id());
        assertThat(d.document()).isEqualTo(want.document());
        stored.put(d.document().id(), d.code().toHex());
      });
      Map<String, String> codes = new TreeMap<>();
      expected.forEach((id, d) -> codes.put(id, d.code().toHex()));
      assertThat(stored).isEqualTo(codes);

      int queries = 0;
      for (int i = 0; i < f.docs.size(); i += 7) {
        Document source = f.docs.get(i);
        String text = source.title() + " " + source.text().substring(0, Math.min(300, source.text().length()));
        BitCode q = local.model().code(text);
        List<String> label = List.of(Fixture.LABELS.get(i % 4));
        for (int[] at : new int[][] {{0, 10}, {0, 60}, {25, 20}}) {
          assertThat(page(solr.nearest(q, at[0], at[1], List.of()).matches()))
              .as(text).containsExactlyElementsOf(bruteForce(expected.values(), q, List.of(), at[0], at[1]));
          // the reference index's own answer has the same distances (its ties go by storage order, not id)
          assertThat(local.backend().nearest(q, at[0], at[1], List.of()).matches()).extracting(CodeMatch::distance)
              .containsExactlyElementsOf(solr.nearest(q, at[0], at[1], List.of()).matches().stream()
                  .map(CodeMatch::distance).toList());
        }
        assertThat(page(solr.nearest(q, 0, 15, label).matches()))
            .containsExactlyElementsOf(bruteForce(expected.values(), q, label, 0, 15));
        int radius = 8;
        List<String> within = bruteForce(expected.values(), q, List.of(), 0, Integer.MAX_VALUE).stream()
            .filter(h -> Integer.parseInt(h.substring(h.lastIndexOf('@') + 1)) <= radius).toList();
        assertThat(solr.within(q, radius, 0, 1000, List.of()).total()).isEqualTo(within.size());
        assertThat(page(solr.within(q, radius, 0, 1000, List.of()).matches())).containsExactlyElementsOf(within);
        queries++;
      }
      assertThat(queries).isGreaterThan(40);
    }
  }

  static List<String> page(List<CodeMatch> matches) {
    return matches.stream().map(m -> m.document().id() + "@" + m.distance()).toList();
  }

  /** The exact answer: nearest first, ties by ascending id (SolrCloud's order), among the documents with one of the labels. */
  static List<String> bruteForce(Iterable<CodedDocument> docs, BitCode q, List<String> labels, int offset, int k) {
    List<CodedDocument> ranked = new ArrayList<>();
    docs.forEach(d -> {
      if (labels.isEmpty() || d.document().labels().stream().anyMatch(labels::contains)) {
        ranked.add(d);
      }
    });
    ranked.sort(Comparator.<CodedDocument>comparingInt(d -> d.code().distance(q)).thenComparing(d -> d.document().id()));
    return ranked.stream().skip(offset).limit(k).map(d -> d.document().id() + "@" + d.code().distance(q)).toList();
  }

  static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  @Test
  void aNewCollectionHoldsTheCodesOfSemhashIndexInTheShardsOfTheirHashes() throws IOException {
    // ~40 read ranges, batches of 37: every shard gets several update requests, one commit at the end
    Fixture.Run run = job("news", "--shards", "2", "--batch-size", "37", "--range-bytes", "40000", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("collection").asText()).isEqualTo("news");
    assertThat(summary.get("read").asLong()).isEqualTo(f.docs.size());
    assertThat(summary.get("encoded").asLong()).isEqualTo(f.docs.size());
    assertThat(summary.get("stored").asLong()).isEqualTo(f.docs.size());
    List<SolrShard> shards = SolrCollections.shards(nodes, "news");
    int[][] ranges = ShardRouting.ranges(2);
    for (int i = 0; i < 2; i++) {
      assertThat(shards.get(i)).isEqualTo(new SolrShard("shard" + (i + 1), ranges[i][0], ranges[i][1]));
    }
    assertAnswersLikeTheReference("news", longs(summary.get("shard_documents")));
  }

  @Test
  void anExistingCollectionIsFilledByItsOwnShardsAndATaskSentAgainStoresEachDocumentOnce() throws IOException {
    // three shards where the job's --shards says two: an existing collection's own ranges decide
    SolrCollections.create(nodes, "existing", 3, 1, f.reference().model().bits());
    Fixture.Run run = job("existing", "--shards", "2", "--batch-size", "20", "--fail-once", "1", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(longs(summary.get("shard_documents"))).hasSize(3);
    assertThat(summary.get("stored").asLong()).isEqualTo(f.docs.size());
    // shard 1's first attempt sent one batch before it failed; the retry sent all of its documents again
    // (Spark drops the accumulator updates of a failed attempt)
    assertThat(summary.get("encoded").asLong()).isEqualTo(f.docs.size());
    assertAnswersLikeTheReference("existing", longs(summary.get("shard_documents")));

    // the same job again replaces every document by id
    Fixture.Run again = job("existing", "--batch-size", "1000");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains(String.format("collection existing: %,d documents sent to 3 shards", f.docs.size()))
        .contains(String.format("it holds %,d after the commit", f.docs.size()));
  }

  /**
   * Ids with a routing prefix ({@code tenant!doc}, Solr's composite ids) are partitioned by Solr's
   * own router, so each partition still holds exactly its shard's documents; with {@code
   * --last-wins} a repeated id keeps its last document, encoded from its own text.
   */
  @Test
  void idsWithARoutingPrefixFeedTheShardSolrPutsThemInAndTheLastOfARepeatedIdWins() throws IOException {
    List<Document> prefixed = new ArrayList<>();
    for (int i = 0; i < f.docs.size(); i++) {
      Document d = f.docs.get(i);
      prefixed.add(new Document("tenant" + (i % 8) + "!" + d.id(), d.title(), d.text(), d.labels(), d.split()));
    }
    prefixed.add(new Document(prefixed.get(3).id(), "", "the replacement text about hockey goalies", List.of(), prefixed.get(3).split()));
    Path corpus = Fixture.writeJsonl(dir.resolve("prefixed.jsonl"), prefixed);
    Fixture.Run run = job("prefixed", "--corpus", corpus.toString(), "--shards", "3", "--last-wins", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("replaced").asLong()).isEqualTo(1);
    assertThat(summary.get("stored").asLong()).isEqualTo(f.docs.size());
    List<Long> sent = longs(summary.get("shard_documents"));
    org.apache.solr.common.cloud.CompositeIdRouter router = new org.apache.solr.common.cloud.CompositeIdRouter();
    int[][] ranges = ShardRouting.ranges(3);
    int plainElsewhere = 0;
    for (int i = 0; i < 3; i++) {
      Set<String> ids = idsOf("prefixed", "shard" + (i + 1));
      assertThat((long) ids.size()).as("shard%d", i + 1).isEqualTo(sent.get(i));
      for (String id : ids) {
        assertThat(ShardRouting.shardOfHash(router.sliceHash(id, null, null, null), ranges)).isEqualTo(i);
        plainElsewhere += ShardRouting.shardOfHash(ShardRouting.hash(id), ranges) == i ? 0 : 1;
      }
    }
    assertThat(plainElsewhere).as("documents the plain hash would put in another shard").isGreaterThan(50);
    try (SolrCloudBackend solr = open("prefixed")) {
      CodedDocument kept = solr.get(prefixed.get(3).id()).orElseThrow();
      assertThat(kept.document().text()).isEqualTo("the replacement text about hockey goalies");
      assertThat(kept.code()).isEqualTo(f.reference().model().code(kept.document().fullText()));
    }
  }

  @Test
  void badInputStopsWithOneLineBeforeACollectionIsCreatedOrADocumentSent() throws IOException {
    Fixture.Run noModel = f.job("--model", dir.resolve("no-model").toString(), "--corpus", f.jsonl.toString(),
        "--solr", url, "--collection", "bad");
    assertThat(noModel.code()).isEqualTo(1);
    assertThat(noModel.err().strip()).isEqualTo("BuildIndexJob: error: " + dir.resolve("no-model") + ": model directory not found");

    Fixture.Run noCorpus = job("bad", "--corpus", dir.resolve("nothing.jsonl").toString());
    assertThat(noCorpus.code()).isEqualTo(1);
    assertThat(noCorpus.err().strip()).isEqualTo("BuildIndexJob: error: " + dir.resolve("nothing.jsonl") + ": no such file or directory");

    List<String> lines = new ArrayList<>(Files.readAllLines(f.jsonl));
    int bad = lines.size() - 37; // far into the file: in a later range than the first
    lines.add(bad - 1, "{\"id\": \"broken\", \"text\": ");
    Path malformed = Files.write(dir.resolve("bad.jsonl"), lines);
    Fixture.Run badLine = job("bad", "--corpus", malformed.toString(), "--range-bytes", "30000");
    assertThat(badLine.code()).isEqualTo(1);
    assertThat(badLine.err().strip()).doesNotContain("\n")
        .startsWith("BuildIndexJob: error: " + malformed + ":" + bad + ": ").contains("--skip-bad");

    List<String> repeated = new ArrayList<>(Files.readAllLines(f.jsonl));
    repeated.add("{\"id\":\"" + f.docs.get(5).id() + "\",\"text\":\"the same id again\"}");
    Path dup = Files.write(dir.resolve("dup.jsonl"), repeated);
    Fixture.Run dupId = job("bad", "--corpus", dup.toString());
    assertThat(dupId.code()).isEqualTo(1);
    assertThat(dupId.err().strip()).doesNotContain("\n")
        .contains(dup + ":" + repeated.size() + ": duplicate id '" + f.docs.get(5).id() + "'");

    Fixture.Run both = job("bad", "--out", dir.resolve("out").toString());
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err().strip()).startsWith("BuildIndexJob: error: give --out DIR").doesNotContain("\n");
    Fixture.Run noName = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--solr", url);
    assertThat(noName.err().strip()).isEqualTo("BuildIndexJob: error: --solr needs --collection NAME");

    assertThat(SolrCollections.list(nodes)).doesNotContain("bad");

    // into an existing collection: nothing sent, so even a commit by someone else shows nothing
    SolrCollections.create(nodes, "untouched", 2, 1, f.reference().model().bits());
    Fixture.Run intoExisting = job("untouched", "--corpus", malformed.toString(), "--range-bytes", "30000");
    assertThat(intoExisting.code()).isEqualTo(1);
    try (SolrCloudBackend untouched = open("untouched")) {
      untouched.commit();
      assertThat(untouched.count()).isZero();
    }
  }

  @Test
  void anUnavailableSolrCloudStopsWithOneLineAndCommitsNothing() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port + "/solr";
    Fixture.Run down = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--solr", dead,
        "--collection", "never");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err().strip()).isEqualTo("BuildIndexJob: error: SolrCloud is unavailable (nodes [" + dead
        + "]): cannot connect (no Solr listening, or the node is down)");

    // every send of the second shard finds SolrCloud unavailable, after the first shard has sent its documents
    Fixture.Run midway = job("midway", "--shards", "2", "--fail-sends", "1", "--retries", "1");
    assertThat(midway.code()).isEqualTo(1);
    assertThat(midway.err().strip()).doesNotContain("\n")
        .isEqualTo("BuildIndexJob: error: shard shard2 of collection 'midway': SolrCloud is unavailable (injected for"
            + " shard shard2 of collection 'midway') (2 tries) (collection 'midway', created by this job, was deleted)");
    assertThat(SolrCollections.list(nodes)).doesNotContain("midway");

    // into an existing collection: no commit, so the documents the first shard sent stay invisible
    SolrCollections.create(nodes, "kept", 2, 1, f.reference().model().bits());
    Fixture.Run kept = job("kept", "--fail-sends", "1", "--retries", "0");
    assertThat(kept.code()).isEqualTo(1);
    assertThat(kept.err().strip()).doesNotContain("\n").endsWith("(1 try) (nothing was committed to collection 'kept'; what was sent shows at its next"
        + " commit: run the job again to complete it)");
    try (SolrCloudBackend collection = open("kept")) {
      assertThat(collection.count()).isZero();
    }
  }

  /**
   * Last (the node is not started again): the node that holds a shard of an existing collection
   * is stopped, so the shard has no live replica; the job stops with Solr's reason in one line
   * before it reads the corpus.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aShardWithoutALiveReplicaStopsTheJobWithOneLine() throws Exception {
    SolrCollections.create(nodes, "halfdown", 2, 1, f.reference().model().bits());
    Fixture.Run first = job("halfdown");
    assertThat(first.code()).as(first.err()).isZero();
    NamedList<Object> status = nodes.request(CollectionAdminRequest.getClusterStatus().setCollectionName("halfdown"), null);
    Object replicas = child(child(child(child(child(child(status, "cluster"), "collections"), "halfdown"), "shards"), "shard2"),
        "replicas");
    String baseUrl = null;
    if (replicas instanceof Map<?, ?> m) {
      baseUrl = String.valueOf(child(m.values().iterator().next(), "base_url"));
    } else if (replicas instanceof NamedList<?> l) {
      baseUrl = String.valueOf(child(l.getVal(0), "base_url"));
    }
    int node = cluster.urls().indexOf(baseUrl);
    assertThat(node).as(baseUrl + " among " + cluster.urls()).isNotNegative();
    cluster.stop(node);
    url = cluster.urls().get(1 - node);
    Fixture.Run down = job("halfdown");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err().strip()).isEqualTo("BuildIndexJob: error: SolrCloud is unavailable (nodes [" + url
        + "]): no active servers hosting shard: shard2");
  }

  private static Object child(Object parent, String key) {
    if (parent instanceof NamedList<?> l) {
      return l.get(key);
    }
    return parent instanceof Map<?, ?> m ? m.get(key) : null;
  }
}
