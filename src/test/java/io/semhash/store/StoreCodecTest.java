package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreCodec}: stored fields round-trip through it (small, empty and sliced documents,
 * across merges), it is found by name as Lucene does when opening a segment, and a store written
 * with Lucene's default codec, as before this codec, opens, reads and takes writes alike.
 */
class StoreCodecTest {
  @TempDir Path tmp;

  private static Set<String> codecs(Directory dir) throws IOException {
    Set<String> names = new TreeSet<>();
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
      names.add(segment.info.getCodec().getName());
    }
    return names;
  }

  @Test
  void isFoundByItsNameAsLuceneLooksUpASegmentsCodec() {
    assertThat(Codec.forName(StoreCodec.NAME)).isInstanceOf(StoreCodec.class);
    assertThat(Codec.availableCodecs()).contains(StoreCodec.NAME, Codec.getDefault().getName());
  }

  @Test
  void storedFieldsRoundTripAcrossFlushesDeletesAndMerges() throws IOException {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // mostly small documents, some empty, some far beyond the compression slice (sliced on write)
      int length = i % 50 == 7 ? 100_000 + random.nextInt(50_000) : i % 10 == 3 ? 0 : random.nextInt(3000);
      StringBuilder text = new StringBuilder();
      while (text.length() < length) {
        text.append(random.nextInt(3) == 0 ? "é€😀 " : "word").append(random.nextInt(500)).append(' ');
      }
      texts.add(text.toString());
    }
    try (Directory dir = FSDirectory.open(tmp.resolve("round-trip"))) {
      IndexWriterConfig config = new IndexWriterConfig().setCodec(new StoreCodec()).setMaxBufferedDocs(17);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int i = 0; i < texts.size(); i++) {
          org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
          doc.add(new StringField("id", "d" + i, Field.Store.YES));
          doc.add(new StoredField("text", texts.get(i)));
          doc.add(new StoredField("n", i));
          writer.addDocument(doc);
        }
        writer.deleteDocuments(new org.apache.lucene.index.Term("id", "d5"));
        writer.commit();
        assertStored(dir, texts, 299);
        writer.forceMerge(1);
        writer.commit();
      }
      assertThat(codecs(dir)).containsExactly(StoreCodec.NAME);
      assertStored(dir, texts, 299);
    }
  }

  private static void assertStored(Directory dir, List<String> texts, int live) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      assertThat(reader.numDocs()).isEqualTo(live);
      StoredFields stored = reader.storedFields();
      for (int d = 0; d < reader.maxDoc(); d++) {
        org.apache.lucene.document.Document doc = stored.document(d);
        int n = doc.getField("n").numericValue().intValue();
        assertThat(doc.get("id")).isEqualTo("d" + n);
        assertThat(doc.get("text")).as("text of d%d", n).isEqualTo(texts.get(n));
      }
    }
  }

  @Test
  void aStoreWrittenWithTheDefaultCodecOpensReadsAndTakesWrites() throws IOException {
    List<Document> docs = MiniCorpus.documents();
    Path dir = tmp.resolve("store");
    List<StoredEntry> entries = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      entries.add(new StoredEntry(i, docs.get(i)));
    }
    try (LuceneDocumentStore store = LuceneDocumentStore.create(dir, new TermAnalyzer(false))) {
      store.add(entries.subList(0, 10)); // two segments, so that the merge below rewrites them
      store.add(entries.subList(10, entries.size()));
    }
    // rewrite every segment with Lucene's default codec: the store as an older semhash left it
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(Codec.getDefault()))) {
      writer.forceMerge(1);
      writer.commit();
    }
    try (Directory directory = FSDirectory.open(dir)) {
      assertThat(codecs(directory)).containsExactly(Codec.getDefault().getName());
    }
    Document late = new Document("late", "Late", "a late rocket launch", List.of("sci.space"), Split.TRAIN);
    try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
      for (StoredEntry entry : entries) {
        assertThat(store.getByNumber(entry.number())).contains(entry);
        assertThat(store.get(entry.document().id())).contains(entry);
      }
      store.add(List.of(new StoredEntry(docs.size(), late)));
      store.delete(docs.get(0).id());
    }
    try (Directory directory = FSDirectory.open(dir)) {
      assertThat(codecs(directory)).containsExactlyInAnyOrder(Codec.getDefault().getName(), StoreCodec.NAME);
    }
    try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
      assertThat(store.count()).isEqualTo(docs.size());
      assertThat(store.getByNumber(0)).isEmpty();
      assertThat(store.getByNumber(docs.size())).contains(new StoredEntry(docs.size(), late));
      for (StoredEntry entry : entries.subList(1, entries.size())) {
        assertThat(store.getByNumber(entry.number())).contains(entry);
      }
      assertThat(store.search("rocket", List.of(), 100, 0).hits()).extracting(h -> h.document().id()).contains("late");
    }
  }
}
