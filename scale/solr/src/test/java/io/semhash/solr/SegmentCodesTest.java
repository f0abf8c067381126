package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.BytesRef;

/**
 * A segment's codes as a Hamming index over its document numbers, read from real binary docValues:
 * searches equal brute force over the documents that have a code, the index is built once per
 * segment core and is dropped when the core closes.
 */
public class SegmentCodesTest extends LuceneTestCase {

  public void testIndexPerSegmentCoreEqualsBruteForceAndIsReleasedWithTheCore() throws Exception {
    Random r = random();
    int bits = 8 * (1 + r.nextInt(16));
    try (Directory dir = newDirectory()) {
      List<List<BitCode>> segments = new ArrayList<>();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int s = 0; s < 3; s++) {
          List<BitCode> codes = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            Document d = new Document();
            d.add(new StringField("id", s + "-" + i, Field.Store.NO));
            // every fifth document has no code: it must never be found
            BitCode c = i % 5 == 4 ? null : BitCode.random(bits, r);
            if (c != null) {
              d.add(new BinaryDocValuesField("code", new BytesRef(c.toBytes())));
            }
            codes.add(c);
            w.addDocument(d);
          }
          w.commit();
          segments.add(codes);
        }
      }
      int before = SegmentCodes.cachedCount();
      DirectoryReader reader = DirectoryReader.open(dir);
      assertEquals(3, reader.leaves().size());
      BitCode query = BitCode.random(bits, r);
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader lr = leaf.reader();
        HammingIndex index = SegmentCodes.of(lr, "code", io.semhash.codes.CodeShape.binary(bits)).index();
        assertSame(index, SegmentCodes.of(lr, "code", io.semhash.codes.CodeShape.binary(bits)).index());
        List<BitCode> codes = segments.get(leaf.ord);
        List<int[]> expected = new ArrayList<>();
        for (int doc = 0; doc < codes.size(); doc++) {
          if (codes.get(doc) != null) {
            expected.add(new int[] {doc, codes.get(doc).distance(query)});
          }
        }
        expected.sort(Comparator.<int[]>comparingInt(e -> e[1]).thenComparingInt(e -> e[0]));
        SearchResult knn = index.knn(query, 25, null);
        for (int i = 0; i < 25; i++) {
          assertEquals(expected.get(i)[0], knn.ids()[i]);
          assertEquals(expected.get(i)[1], knn.distances()[i]);
        }
        assertEquals(160, index.radius(query, bits, null, Integer.MAX_VALUE).size());
      }
      assertEquals(before + 3, SegmentCodes.cachedCount());
      reader.close();
      assertEquals(before, SegmentCodes.cachedCount());
    }
  }
}
