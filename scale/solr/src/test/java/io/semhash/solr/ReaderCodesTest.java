package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.BytesRef;

/**
 * {@link HammingQuery} on a Lucene index of many segments (several commits, no merges) with deletes,
 * updates and documents without a code, searched through the reader's one index ({@link
 * ReaderCodes}) and, on the same segments seen through a reader without a cache key, through each
 * segment's index: both must answer exactly a brute-force ranking of the live documents by
 * (distance, id), the order Solr's default sort gives ({@code score desc, id asc}), every tie at
 * the k-th distance included, k-NN and radius, with and without a filter; a reader reopened after
 * deletes answers its own documents while the old one still answers its own; a reader's index is
 * released when the reader closes.
 */
public class ReaderCodesTest extends LuceneTestCase {

  private record Doc(String id, BitCode code, String label) {}

  private record Hit(String id, int distance) {}

  private static final String[] LABELS = {"a", "b", "c"};

  public void testManySegmentsWithDeletesEqualBruteForceOnBothPathsAndTheIndexIsReleased() throws Exception {
    Random r = random();
    CodeShape shape = switch (r.nextInt(3)) {
      case 0 -> CodeShape.binary(64);
      case 1 -> CodeShape.binary(8 * (1 + r.nextInt(24)));
      default -> new CodeShape(32, 8); // 96 bits, groups straddling words
    };
    BitCode[] centres = new BitCode[15];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = BitCode.random(shape.bits(), r::nextLong);
    }
    Map<String, Doc> corpus = new TreeMap<>();
    int next = 0;
    int before = ReaderCodes.cachedCount();
    try (Directory dir = newDirectory()) {
      IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE));
      int commits = 6 + r.nextInt(5);
      for (int c = 0; c < commits; c++) {
        for (int i = 0; i < 120; i++) {
          Doc d = clustered(String.format("doc-%05d", next++), shape, centres, r);
          w.addDocument(document(d));
          corpus.put(d.id(), d);
        }
        if (c > 0) {
          changeSome(w, corpus, shape, centres, r);
        }
        w.commit();
      }
      DirectoryReader reader = DirectoryReader.open(dir);
      assertTrue("segments: " + reader.leaves().size(), reader.leaves().size() >= commits);
      assertTrue("deletes in the index", reader.numDeletedDocs() > 0);
      DirectoryReader perSegment = new WithoutReaderKey(DirectoryReader.open(dir));

      checkManyQueries(reader, corpus, shape, centres, r);
      assertEquals("one index for the reader", before + 1, ReaderCodes.cachedCount());
      checkManyQueries(perSegment, corpus, shape, centres, r);
      assertEquals("no index for a reader without a cache key", before + 1, ReaderCodes.cachedCount());

      // a commit of deletes and updates: the new reader answers its documents, the old one its own
      Map<String, Doc> old = new TreeMap<>(corpus);
      changeSome(w, corpus, shape, centres, r);
      w.commit();
      DirectoryReader reopened = DirectoryReader.openIfChanged(reader);
      assertNotNull(reopened);
      checkManyQueries(reopened, corpus, shape, centres, r);
      checkManyQueries(reader, old, shape, centres, r);
      assertEquals(before + 2, ReaderCodes.cachedCount());
      w.close();

      reader.close();
      assertEquals("released with its reader", before + 1, ReaderCodes.cachedCount());
      reopened.close();
      perSegment.close();
      assertEquals(before, ReaderCodes.cachedCount());
    }
  }

  /** Deletes about 20 documents and replaces about 20 (new code and label) of the corpus. */
  private static void changeSome(IndexWriter w, Map<String, Doc> corpus, CodeShape shape, BitCode[] centres, Random r)
      throws IOException {
    List<String> ids = new ArrayList<>(corpus.keySet());
    for (int i = 0; i < 20; i++) {
      String id = ids.get(r.nextInt(ids.size()));
      if (corpus.remove(id) != null) {
        w.deleteDocuments(new Term("id", id));
      }
      String updated = ids.get(r.nextInt(ids.size()));
      if (corpus.containsKey(updated)) {
        Doc d = clustered(updated, shape, centres, r);
        w.updateDocument(new Term("id", updated), document(d));
        corpus.put(updated, d);
      }
    }
  }

  private static Document document(Doc d) {
    Document doc = new Document();
    doc.add(new StringField("id", d.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField("id", new BytesRef(d.id())));
    doc.add(new StringField("label", d.label(), Field.Store.NO));
    if (d.code() != null) {
      doc.add(new BinaryDocValuesField("code", new BytesRef(d.code().toBytes())));
    }
    return doc;
  }

  /** A code a few group changes from a centre (often none: exact ties), or, one time in eight, none. */
  private static Doc clustered(String id, CodeShape shape, BitCode[] centres, Random r) {
    String label = LABELS[r.nextInt(LABELS.length)];
    if (r.nextInt(8) == 0) {
      return new Doc(id, null, label);
    }
    BitCode code = centres[r.nextInt(centres.length)];
    int changes = r.nextInt(3) == 0 ? 0 : r.nextInt(5);
    for (int i = 0; i < changes; i++) {
      code = changeGroup(code, shape, r);
    }
    return new Doc(id, code, label);
  }

  private static BitCode changeGroup(BitCode code, CodeShape shape, Random r) {
    int[] classes = new int[shape.groups()];
    for (int g = 0; g < classes.length; g++) {
      classes[g] = shape.classOf(code, g);
    }
    classes[r.nextInt(classes.length)] = r.nextInt(shape.classes());
    return shape.encode(classes);
  }

  private static void checkManyQueries(DirectoryReader reader, Map<String, Doc> corpus, CodeShape shape,
      BitCode[] centres, Random r) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    List<Doc> docs = corpus.values().stream().filter(d -> d.code() != null).toList();
    for (int q = 0; q < 30; q++) {
      BitCode code = switch (q % 3) {
        case 0 -> docs.get(r.nextInt(docs.size())).code();
        case 1 -> changeGroup(changeGroup(centres[r.nextInt(centres.length)], shape, r), shape, r);
        default -> BitCode.random(shape.bits(), r::nextLong);
      };
      String label = r.nextBoolean() ? null : LABELS[r.nextInt(LABELS.length)];
      int k = new int[] {1, 5, 10, 37, 120}[q % 5];
      int radius = new int[] {0, 2, 4, 7}[q % 4];
      assertNearest(searcher, corpus, shape, code, k, shape.groups(), label);
      assertNearest(searcher, corpus, shape, code, 0, radius, label);
      assertNearest(searcher, corpus, shape, code, 8, radius + 2, label);
    }
  }

  /** Every match, ordered by score desc, id asc, must equal the brute-force reference. */
  private static void assertNearest(IndexSearcher searcher, Map<String, Doc> corpus, CodeShape shape, BitCode code,
      int k, int maxDistance, String label) throws IOException {
    List<Hit> ranked = corpus.values().stream()
        .filter(d -> d.code() != null && (label == null || d.label().equals(label)))
        .map(d -> new Hit(d.id(), shape.symbolDistance(d.code(), code)))
        .filter(h -> h.distance() <= maxDistance)
        .sorted(Comparator.comparingInt(Hit::distance).thenComparing(Hit::id))
        .toList();
    // a k-NN query matches the k nearest and every tie at the k-th distance
    int tau = k > 0 && ranked.size() >= k ? ranked.get(k - 1).distance() : maxDistance;
    List<Hit> expected = ranked.stream().filter(h -> h.distance() <= tau).toList();
    Query filter = label == null ? null : new TermQuery(new Term("label", label));
    HammingQuery query = new HammingQuery("code", shape, code, k, maxDistance, filter);
    int n = Math.max(1, searcher.getIndexReader().maxDoc());
    TopDocs top = searcher.search(query, n, new Sort(SortField.FIELD_SCORE, new SortField("id", SortField.Type.STRING)), true);
    List<Hit> actual = new ArrayList<>();
    for (ScoreDoc s : top.scoreDocs) {
      actual.add(new Hit(id(searcher, s.doc), shape.groups() - Math.round(s.score)));
    }
    assertEquals(query + " on " + searcher.getIndexReader().leaves().size() + " segments", expected, actual);
  }

  private static String id(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    var ids = leaf.reader().getSortedDocValues("id");
    assertTrue(ids.advanceExact(doc - leaf.docBase));
    return ids.lookupOrd(ids.ordValue()).utf8ToString();
  }
}
