package io.semhash.solr;

import io.semhash.codes.BitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The {@code hamming} parser on a real SolrCloud: two nodes and ZooKeeper, a collection of two
 * shards of two replicas each, a few thousand clustered 64-bit codes with many exact ties. Every
 * answer must equal a brute-force ranking of all documents by (distance, id): ids and distances,
 * k-NN and radius, with and without label filters, before and after deletes and updates.
 */
@SolrCloudTestCase.SuppressSSL
public class HammingSearchCloudTest extends SolrCloudTestCase {

  private static final String COLLECTION = "codes";
  private static final int BITS = 64;
  private static final int DOCS = 3000;
  private static final String[] LABELS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  /** What the collection holds, by id: the reference the answers are checked against. */
  private static final Map<String, Doc> corpus = new TreeMap<>();

  private static BitCode[] centres;

  private record Doc(String id, BitCode code, Set<String> labels) {}

  private record Hit(String id, int distance) {}

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(2).addConfig("semhash", Path.of("configset", "conf").toAbsolutePath()).configure();
    CollectionAdminRequest.createCollection(COLLECTION, "semhash", 2, 2).process(cluster.getSolrClient());
    cluster.waitForActiveCollection(COLLECTION, 2, 4);
    Random r = new Random(random().nextLong());
    centres = new BitCode[40];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = BitCode.random(BITS, r::nextLong);
    }
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      docs.add(clustered(String.format("doc-%05d", i), r));
    }
    // shuffled, so that Lucene's document order is not the id order the ties are broken by, and
    // in three commits, so that each shard has several segments whose k nearest tie across them
    Collections.shuffle(docs, r);
    for (int from = 0; from < DOCS; from += DOCS / 3) {
      write(docs.subList(from, Math.min(DOCS, from + DOCS / 3)), List.of());
    }
  }

  /** A code a few flips from a random centre (often none: exact ties), with labels of its centre. */
  private static Doc clustered(String id, Random r) {
    int c = r.nextInt(centres.length);
    BitCode code = centres[c];
    int flips = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
    for (int f = 0; f < flips; f++) {
      code = code.flip(r.nextInt(BITS));
    }
    Set<String> labels = r.nextInt(10) == 0
        ? Set.of(LABELS[r.nextInt(LABELS.length)])
        : Set.copyOf(List.of(LABELS[c % LABELS.length], LABELS[(c / LABELS.length) % LABELS.length]));
    return new Doc(id, code, labels);
  }

  private static void write(List<Doc> docs, List<String> deletes) throws Exception {
    UpdateRequest update = new UpdateRequest();
    for (Doc d : docs) {
      SolrInputDocument in = new SolrInputDocument();
      in.addField("id", d.id());
      in.addField("code", d.code().toHex());
      in.addField("text", "document " + d.id());
      for (String l : d.labels()) {
        in.addField("labels", l);
      }
      update.add(in);
      corpus.put(d.id(), d);
    }
    if (!deletes.isEmpty()) {
      update.deleteById(deletes);
      deletes.forEach(corpus::remove);
    }
    update.commit(cluster.getSolrClient(), COLLECTION);
  }

  @Test
  public void answersEqualBruteForceBeforeAndAfterDeletesAndUpdates() throws Exception {
    Random r = new Random(random().nextLong());
    checkManyQueries(r);
    // deletes, updates of existing ids (new codes and labels), and new documents, in one commit
    List<String> ids = new ArrayList<>(corpus.keySet());
    List<String> deletes = new ArrayList<>();
    List<Doc> changes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      deletes.add(ids.get(r.nextInt(ids.size())));
      changes.add(clustered(ids.get(r.nextInt(ids.size())), r));
      changes.add(clustered(String.format("new-%05d", i), r));
    }
    deletes.removeIf(id -> changes.stream().anyMatch(c -> c.id().equals(id)));
    write(changes, deletes);
    assertEquals(corpus.size(), cluster.getSolrClient().query(COLLECTION, params("q", "*:*", "rows", "0"))
        .getResults().getNumFound());
    checkManyQueries(r);
  }

  private void checkManyQueries(Random r) throws Exception {
    List<Doc> docs = new ArrayList<>(corpus.values());
    for (int q = 0; q < 30; q++) {
      BitCode code = switch (q % 3) {
        case 0 -> docs.get(r.nextInt(docs.size())).code();
        case 1 -> centres[r.nextInt(centres.length)].flip(r.nextInt(BITS)).flip(r.nextInt(BITS));
        default -> BitCode.random(BITS, r::nextLong);
      };
      String label = LABELS[r.nextInt(LABELS.length)];
      String other = LABELS[r.nextInt(LABELS.length)];
      Predicate<Doc> all = d -> true;
      Predicate<Doc> one = d -> d.labels().contains(label);
      Predicate<Doc> either = d -> d.labels().contains(label) || d.labels().contains(other);
      int k = new int[] {1, 5, 10, 37, 120}[q % 5];
      assertNearest(code, k, -1, all, null);
      assertNearest(code, k, -1, one, "labels:" + label);
      assertNearest(code, k, -1, either, "labels:(" + label + " OR " + other + ")");
      int radius = new int[] {0, 2, 4, 7}[q % 4];
      assertNearest(code, 0, radius, all, null);
      assertNearest(code, 0, radius, one, "labels:" + label);
      assertNearest(code, 8, radius + 2, either, "labels:(" + label + " OR " + other + ")");
    }
  }

  /** k-NN (k > 0), radius (maxDistance >= 0), or both; the answer must equal the reference. */
  private void assertNearest(BitCode code, int k, int maxDistance, Predicate<Doc> filter, String fq)
      throws Exception {
    List<Hit> expected = corpus.values().stream()
        .filter(filter)
        .map(d -> new Hit(d.id(), d.code().distance(code)))
        .filter(h -> maxDistance < 0 || h.distance() <= maxDistance)
        .sorted(Comparator.comparingInt(Hit::distance).thenComparing(Hit::id))
        .limit(k > 0 ? k : Long.MAX_VALUE)
        .toList();
    StringBuilder q = new StringBuilder("{!hamming f=code");
    if (k > 0) {
      q.append(" k=").append(k);
    }
    if (maxDistance >= 0) {
      q.append(" maxDistance=").append(maxDistance);
    }
    q.append('}').append(code.toHex());
    ModifiableSolrParams p = params("q", q.toString(), "fl", "id,score");
    if (fq != null) {
      p.add("fq", fq);
    }
    if (k == 0) {
      p.set("rows", DOCS * 2);
    }
    // twice: the cloud client and the nodes choose replicas at random, and each must agree
    for (int repeat = 0; repeat < 2; repeat++) {
      QueryResponse rsp = cluster.getSolrClient().query(COLLECTION, p);
      List<Hit> actual = new ArrayList<>();
      for (SolrDocument d : rsp.getResults()) {
        float score = (Float) d.getFieldValue("score");
        actual.add(new Hit((String) d.getFieldValue("id"), BITS - Math.round(score)));
      }
      assertEquals(q + " fq=" + fq, expected, actual);
      if (k == 0) {
        assertEquals(q + " fq=" + fq + ": numFound", expected.size(), rsp.getResults().getNumFound());
      }
    }
  }

  @Test
  public void answersStayExactWithOneNodeDown() throws Exception {
    // each shard must have a replica on each node, or stopping one would take a shard away
    DocCollection state = getCollectionState(COLLECTION);
    for (Slice shard : state.getSlices()) {
      assertEquals(shard.getName() + " replicas on distinct nodes: " + shard.getReplicas(), 2,
          shard.getReplicas().stream().map(Replica::getNodeName).distinct().count());
    }
    JettySolrRunner stopped = cluster.stopJettySolrRunner(random().nextInt(2));
    cluster.waitForJettyToStop(stopped);
    try {
      waitForState("a node down", COLLECTION, (nodes, coll) -> nodes.size() == 1);
      checkManyQueries(new Random(random().nextLong()));
    } finally {
      cluster.startJettySolrRunner(stopped);
      cluster.waitForActiveCollection(COLLECTION, 2, 4);
    }
    checkManyQueries(new Random(random().nextLong()));
  }

  @Test
  public void badInputIsA400NamingTheProblem() throws Exception {
    String hex = BitCode.zeros(BITS).toHex();
    assertBad("{!hamming f=code k=5}" + hex.substring(1), "16 digits, got 15");
    assertBad("{!hamming f=code k=5}" + hex + "00", "16 digits, got 18");
    assertBad("{!hamming f=code k=5}zz" + hex.substring(2), "not a hex digit at position 0");
    assertBad("{!hamming f=code k=5}", "query code is missing");
    assertBad("{!hamming f=code k=0}" + hex, "k=0 is outside the allowed range [1, 100000]");
    assertBad("{!hamming f=code k=100001}" + hex, "k=100001 is outside the allowed range [1, 100000]");
    assertBad("{!hamming f=code k=ten}" + hex, "k=ten: not an integer");
    assertBad("{!hamming f=code maxDistance=65}" + hex, "maxDistance=65 is outside the allowed range [0, 64]");
    assertBad("{!hamming f=code maxDistance=-1}" + hex, "maxDistance=-1 is outside the allowed range [0, 64]");
    assertBad("{!hamming f=code}" + hex, "one of 'k'");
    assertBad("{!hamming k=5}" + hex, "parameter 'f' (the code field) is required");
    assertBad("{!hamming f=nosuch k=5}" + hex, "f=nosuch: no such field");
    assertBad("{!hamming f=title k=5}" + hex, "f=title: field type text is not a HammingCodeField");

    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", "bad-code");
    doc.addField("code", "0123");
    SolrException e = expectThrows(SolrException.class,
        () -> new UpdateRequest().add(doc).process(cluster.getSolrClient(), COLLECTION));
    assertEquals(400, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("field code: hex code of 64 bits must have 16 digits, got 4"));
  }

  private void assertBad(String q, String message) {
    SolrException e = expectThrows(SolrException.class,
        () -> cluster.getSolrClient().query(COLLECTION, params("q", q)));
    assertEquals(q + ": " + e.getMessage(), 400, e.code());
    assertTrue(q + ": " + e.getMessage(), e.getMessage().contains(message));
  }
}
