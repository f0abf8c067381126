package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberLookup} against an independent reference, the point query it replaces, over a
 * history of adds, deletes, updates that move a number to another document, and merges, read
 * through near-real-time readers (where segment cores are shared between reopens).
 */
class NumberLookupTest {
  private static final String NUMBER = "number";
  private static final String ID = "id";

  private static Document doc(String id, int number) {
    Document d = new Document();
    d.add(new StringField(ID, id, Field.Store.YES));
    d.add(new IntPoint(NUMBER, number));
    d.add(new NumericDocValuesField(NUMBER, number));
    return d;
  }

  /** The reference: the live document the point query finds, or ABSENT. */
  private static int pointQuery(IndexSearcher searcher, int number) throws IOException {
    TopDocs top = searcher.search(IntPoint.newExactQuery(NUMBER, number), 2);
    assertThat(top.scoreDocs.length).as("live documents holding %d", number).isLessThanOrEqualTo(1);
    return top.scoreDocs.length == 0 ? NumberLookup.ABSENT : top.scoreDocs[0].doc;
  }

  private static void assertSameAsPointQuery(NumberLookup lookup, DirectoryReader reader, int maxNumber) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    int[] numbers = new int[maxNumber + 3];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = i - 1; // -1 and maxNumber + 1 are held by no document
    }
    int[] docs = lookup.docs(reader, numbers);
    for (int i = 0; i < numbers.length; i++) {
      assertThat(docs[i]).as("doc of number %d", numbers[i]).isEqualTo(pointQuery(searcher, numbers[i]));
    }
  }

  @Test
  void agreesWithThePointQueryThroughAddsDeletesRenumberingAndMerges() throws IOException {
    Random random = new Random(6);
    NumberLookup lookup = new NumberLookup(NUMBER);
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()).setMaxBufferedDocs(7))) {
      DirectoryReader reader = DirectoryReader.open(writer);
      List<String> ids = new ArrayList<>(); // ids.get(number) holds that number, null once deleted
      for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 1 + random.nextInt(15); i++) {
          int number = ids.size();
          String id = "d" + number;
          int old = ids.isEmpty() ? -1 : random.nextInt(ids.size());
          if (random.nextInt(4) == 0 && old >= 0 && ids.get(old) != null) {
            id = ids.get(old); // an update: the id moves to a new number, its old document is deleted
            ids.set(old, null);
          }
          ids.add(id);
          writer.updateDocument(new Term(ID, id), doc(id, number));
        }
        for (int i = 0; i < random.nextInt(4) && !ids.isEmpty(); i++) {
          int number = random.nextInt(ids.size());
          if (ids.get(number) != null) {
            writer.deleteDocuments(new Term(ID, ids.get(number)));
            ids.set(number, null);
          }
        }
        if (round % 13 == 12) {
          writer.forceMerge(1 + random.nextInt(2));
        }
        DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
        if (newer != null) {
          reader.close();
          reader = newer;
        }
        assertSameAsPointQuery(lookup, reader, ids.size());
        int live = (int) ids.stream().filter(id -> id != null).count();
        assertThat(reader.numDocs()).isEqualTo(live);
      }
      reader.close();
    }
  }

  @Test
  void forgetsASegmentWhenItsCoreCloses() throws IOException {
    NumberLookup lookup = new NumberLookup(NUMBER);
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()).setMaxBufferedDocs(5))) {
        for (int n = 0; n < 23; n++) {
          writer.addDocument(doc("d" + n, n));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertSameAsPointQuery(lookup, reader, 23);
        assertThat(lookup.cachedSegments()).isEqualTo(reader.leaves().size()).isGreaterThan(1);
      }
      assertThat(lookup.cachedSegments()).isZero();
    }
  }
}
