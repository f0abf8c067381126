package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.core.SolrCore;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The {@code hamming} parser on a real SolrCloud: two nodes and ZooKeeper, two collections of two
 * shards of two replicas each, one of a few thousand clustered 64-bit binary codes, one of
 * categorical codes (32 groups of 8 classes, 96 bits, groups straddling words), both with many exact
 * ties. Every answer must equal a brute-force ranking of all documents by (distance, id), the
 * distance computed class by class for the categorical one ({@link CodeShape#symbolDistance}): ids
 * and distances, k-NN and radius, with and without label filters, before and after deletes and
 * updates.
 */
@SolrCloudTestCase.SuppressSSL
public class HammingSearchCloudTest extends SolrCloudTestCase {

  private static final int DOCS = 3000;
  private static final String[] LABELS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  private static final Codes BINARY = new Codes("codes", CodeShape.binary(64), DOCS);
  private static final Codes CATEGORICAL = new Codes("categorical", new CodeShape(32, 8), 2000);

  private record Doc(String id, BitCode code, Set<String> labels) {}

  private record Hit(String id, int distance) {}

  /** One collection: its code shape and what it holds, by id, the reference the answers are checked against. */
  private static final class Codes {
    final String collection;
    final CodeShape shape;
    final int docs;
    final Map<String, Doc> corpus = new TreeMap<>();
    BitCode[] centres;

    Codes(String collection, CodeShape shape, int docs) {
      this.collection = collection;
      this.shape = shape;
      this.docs = docs;
    }

    /** A code whose group {@code g} holds a random class. */
    BitCode changeGroup(BitCode code, int g, Random r) {
      int[] classes = new int[shape.groups()];
      for (int i = 0; i < classes.length; i++) {
        classes[i] = shape.classOf(code, i);
      }
      classes[g] = r.nextInt(shape.classes());
      return shape.encode(classes);
    }

    BitCode random(Random r) {
      return BitCode.random(shape.bits(), r::nextLong);
    }

    /** A code a few group changes from a random centre (often none: exact ties), with labels of its centre. */
    Doc clustered(String id, Random r) {
      int c = r.nextInt(centres.length);
      BitCode code = centres[c];
      int changes = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
      for (int f = 0; f < changes; f++) {
        code = changeGroup(code, r.nextInt(shape.groups()), r);
      }
      Set<String> labels = r.nextInt(10) == 0
          ? Set.of(LABELS[r.nextInt(LABELS.length)])
          : Set.copyOf(List.of(LABELS[c % LABELS.length], LABELS[(c / LABELS.length) % LABELS.length]));
      return new Doc(id, code, labels);
    }
  }

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(2).addConfig("semhash", Path.of("configset", "conf").toAbsolutePath()).configure();
    CollectionAdminRequest.createCollection(BINARY.collection, "semhash", 2, 2).process(cluster.getSolrClient());
    CollectionAdminRequest.createCollection(CATEGORICAL.collection, "semhash", 2, 2)
        .withProperty("semhash.bits", Integer.toString(CATEGORICAL.shape.bits()))
        .withProperty("semhash.classes", Integer.toString(CATEGORICAL.shape.classes()))
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(BINARY.collection, 2, 4);
    cluster.waitForActiveCollection(CATEGORICAL.collection, 2, 4);
    Random r = new Random(random().nextLong());
    for (Codes c : List.of(BINARY, CATEGORICAL)) {
      c.centres = new BitCode[40];
      for (int i = 0; i < c.centres.length; i++) {
        c.centres[i] = c.random(r);
      }
      List<Doc> docs = new ArrayList<>();
      for (int i = 0; i < c.docs; i++) {
        docs.add(c.clustered(String.format("doc-%05d", i), r));
      }
      // shuffled, so that Lucene's document order is not the id order the ties are broken by, and
      // in three commits, so that each shard has several segments whose k nearest tie across them
      Collections.shuffle(docs, r);
      for (int from = 0; from < c.docs; from += c.docs / 3) {
        write(c, docs.subList(from, Math.min(c.docs, from + c.docs / 3)), List.of());
      }
    }
  }

  private static void write(Codes c, List<Doc> docs, List<String> deletes) throws Exception {
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
      c.corpus.put(d.id(), d);
    }
    if (!deletes.isEmpty()) {
      update.deleteById(deletes);
      deletes.forEach(c.corpus::remove);
    }
    update.commit(cluster.getSolrClient(), c.collection);
  }

  @Test
  public void answersEqualBruteForceBeforeAndAfterDeletesAndUpdates() throws Exception {
    Random r = new Random(random().nextLong());
    for (Codes c : List.of(BINARY, CATEGORICAL)) {
      checkManyQueries(c, r);
      // deletes, updates of existing ids (new codes and labels), and new documents, in one commit
      List<String> ids = new ArrayList<>(c.corpus.keySet());
      List<String> deletes = new ArrayList<>();
      List<Doc> changes = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        deletes.add(ids.get(r.nextInt(ids.size())));
        changes.add(c.clustered(ids.get(r.nextInt(ids.size())), r));
        changes.add(c.clustered(String.format("new-%05d", i), r));
      }
      deletes.removeIf(id -> changes.stream().anyMatch(d -> d.id().equals(id)));
      write(c, changes, deletes);
      assertEquals(c.corpus.size(), cluster.getSolrClient().query(c.collection, params("q", "*:*", "rows", "0"))
          .getResults().getNumFound());
      checkManyQueries(c, r);
    }
  }

  private void checkManyQueries(Codes c, Random r) throws Exception {
    List<Doc> docs = new ArrayList<>(c.corpus.values());
    int groups = c.shape.groups();
    for (int q = 0; q < 30; q++) {
      BitCode code = switch (q % 3) {
        case 0 -> docs.get(r.nextInt(docs.size())).code();
        case 1 -> c.changeGroup(c.changeGroup(c.centres[r.nextInt(c.centres.length)], r.nextInt(groups), r),
            r.nextInt(groups), r);
        default -> c.random(r);
      };
      String label = LABELS[r.nextInt(LABELS.length)];
      String other = LABELS[r.nextInt(LABELS.length)];
      Predicate<Doc> all = d -> true;
      Predicate<Doc> one = d -> d.labels().contains(label);
      Predicate<Doc> either = d -> d.labels().contains(label) || d.labels().contains(other);
      int k = new int[] {1, 5, 10, 37, 120}[q % 5];
      assertNearest(c, code, k, -1, all, null);
      assertNearest(c, code, k, -1, one, "labels:" + label);
      assertNearest(c, code, k, -1, either, "labels:(" + label + " OR " + other + ")");
      int radius = new int[] {0, 2, 4, 7}[q % 4];
      assertNearest(c, code, 0, radius, all, null);
      assertNearest(c, code, 0, radius, one, "labels:" + label);
      assertNearest(c, code, 8, radius + 2, either, "labels:(" + label + " OR " + other + ")");
    }
  }

  /** k-NN (k > 0), radius (maxDistance >= 0), or both; the answer must equal the reference. */
  private void assertNearest(Codes c, BitCode code, int k, int maxDistance, Predicate<Doc> filter, String fq)
      throws Exception {
    List<Hit> expected = c.corpus.values().stream()
        .filter(filter)
        .map(d -> new Hit(d.id(), c.shape.symbolDistance(d.code(), code)))
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
      p.set("rows", c.docs * 2);
    }
    // twice: the cloud client and the nodes choose replicas at random, and each must agree
    for (int repeat = 0; repeat < 2; repeat++) {
      QueryResponse rsp = cluster.getSolrClient().query(c.collection, p);
      List<Hit> actual = new ArrayList<>();
      for (SolrDocument d : rsp.getResults()) {
        float score = (Float) d.getFieldValue("score");
        actual.add(new Hit((String) d.getFieldValue("id"), c.shape.groups() - Math.round(score)));
      }
      assertEquals(c.collection + ": " + q + " fq=" + fq, expected, actual);
      if (k == 0) {
        assertEquals(q + " fq=" + fq + ": numFound", expected.size(), rsp.getResults().getNumFound());
      }
    }
  }

  @Test
  public void everyReplicaHasItsReaderIndexBeforeTheFirstQueryAfterACommit() throws Exception {
    Random r = new Random(random().nextLong());
    // a commit opens a new searcher on every replica; the configset's warmer builds its index
    write(BINARY, List.of(BINARY.clustered("warm-00000", r)), List.of());
    int multiSegment = 0;
    for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
      for (SolrCore core : jetty.getCoreContainer().getCores()) {
        if (!core.getCoreDescriptor().getCollectionName().equals(BINARY.collection)) {
          continue;
        }
        boolean[] built = core.withSearcher(s -> new boolean[] {
            s.getIndexReader().leaves().size() > 1,
            ReaderCodes.isBuilt(s.getIndexReader(), "code", BINARY.shape)});
        if (built[0]) {
          multiSegment++;
          assertTrue(core.getName() + ": the reader's code index is built before any query", built[1]);
        }
      }
    }
    assertTrue("replicas of several segments: " + multiSegment, multiSegment > 0);
  }

  @Test
  public void answersStayExactWithOneNodeDown() throws Exception {
    // each shard must have a replica on each node, or stopping one would take a shard away
    DocCollection state = getCollectionState(BINARY.collection);
    for (Slice shard : state.getSlices()) {
      assertEquals(shard.getName() + " replicas on distinct nodes: " + shard.getReplicas(), 2,
          shard.getReplicas().stream().map(Replica::getNodeName).distinct().count());
    }
    JettySolrRunner stopped = cluster.stopJettySolrRunner(random().nextInt(2));
    cluster.waitForJettyToStop(stopped);
    try {
      waitForState("a node down", BINARY.collection, (nodes, coll) -> nodes.size() == 1);
      checkManyQueries(BINARY, new Random(random().nextLong()));
      checkManyQueries(CATEGORICAL, new Random(random().nextLong()));
    } finally {
      cluster.startJettySolrRunner(stopped);
      cluster.waitForActiveCollection(BINARY.collection, 2, 4);
      cluster.waitForActiveCollection(CATEGORICAL.collection, 2, 4);
    }
    checkManyQueries(BINARY, new Random(random().nextLong()));
  }

  @Test
  public void badInputIsA400NamingTheProblem() throws Exception {
    String hex = BitCode.zeros(64).toHex();
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
        () -> new UpdateRequest().add(doc).process(cluster.getSolrClient(), BINARY.collection));
    assertEquals(400, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("field code: hex code of 64 bits must have 16 digits, got 4"));

    // a categorical collection counts distances in symbols: 32 groups
    String catHex = BitCode.zeros(96).toHex();
    assertBad(CATEGORICAL.collection, "{!hamming f=code maxDistance=33}" + catHex,
        "maxDistance=33 is outside the allowed range [0, 32] (symbols of a categorical 32 groups x 8 classes (96 bits) code)");
    assertBad(CATEGORICAL.collection, "{!hamming f=code k=3}" + hex, "24 digits, got 16");
  }

  private void assertBad(String q, String message) {
    assertBad(BINARY.collection, q, message);
  }

  private void assertBad(String collection, String q, String message) {
    SolrException e = expectThrows(SolrException.class,
        () -> cluster.getSolrClient().query(collection, params("q", q)));
    assertEquals(q + ": " + e.getMessage(), 400, e.code());
    assertTrue(q + ": " + e.getMessage(), e.getMessage().contains(message));
  }
}
