package io.semhash.store;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.text.TermAnalyzer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The document store: a Lucene index holding every document's id, title, text, labels and split
 * as stored fields, with the internal number the caller assigns (the document's id in the Hamming
 * index) so the two can be joined both ways. Title and text are indexed with the project's one
 * {@link TermAnalyzer} for BM25 keyword search; labels are indexed as exact terms for filtering
 * and counting.
 *
 * <p>Adding a document whose id is already stored replaces it (the caller keeps numbers unique).
 * Writes become visible to reads at once (near-real-time) and durable at {@link #commit()}.
 * Thread-safe: reads run concurrently, writes are serialised.
 */
public final class LuceneDocumentStore implements Closeable {
  static final String F_ID = "id";
  static final String F_TITLE = "title";
  static final String F_TEXT = "text";
  static final String F_LABEL = "label";
  static final String F_SPLIT = "split";
  static final String F_NUMBER = "number";

  private static final String MARKER_KEY = "semhash.store";
  private static final String MARKER_VERSION = "1";
  private static final String STEM_KEY = "analyzer.stem";
  private static final float TITLE_BOOST = 2f;
  /** Longest excerpt of a hit, in characters. */
  public static final int SNIPPET_CHARS = 240;
  /**
   * Most distinct terms of a keyword query that are searched (the first ones): title and text
   * clauses for each, plus the label filter (one query whatever its size), stay under Lucene's
   * limit of 1,024 clauses.
   */
  public static final int MAX_QUERY_TERMS = 400;

  private final Path path;
  private final Directory directory;
  private final TermAnalyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final QueryBuilder queries;
  private final Excerpter excerpter;
  private final NumberLookup byNumber = new NumberLookup(F_NUMBER);

  private LuceneDocumentStore(Path path, Directory directory, TermAnalyzer analyzer, boolean create)
      throws IOException {
    this.path = path;
    this.directory = directory;
    this.analyzer = analyzer;
    IndexWriterConfig config = new IndexWriterConfig(analyzer.lucene());
    config.setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
    config.setCodec(new StoreCodec()); // new and merged segments; existing ones are read with the codec that wrote them
    this.writer = new IndexWriter(directory, config);
    writer.setLiveCommitData(
        Map.of(MARKER_KEY, MARKER_VERSION, STEM_KEY, Boolean.toString(analyzer.stems())).entrySet());
    if (create) {
      writer.commit();
    }
    this.searchers = new SearcherManager(writer, null);
    this.queries = new QueryBuilder(analyzer.lucene());
    this.excerpter = Excerpter.of(analyzer, SNIPPET_CHARS);
  }

  /** Creates an empty store in {@code dir}, which must not exist or be empty. */
  public static LuceneDocumentStore create(Path dir, TermAnalyzer analyzer) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new StoreException(dir + ": exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new StoreException(dir + ": directory is not empty; refusing to create a document store there");
          }
        }
      }
      Files.createDirectories(dir);
      return new LuceneDocumentStore(dir, FSDirectory.open(dir), analyzer, true);
    } catch (IOException e) {
      throw new StoreException(dir + ": cannot create document store: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store in {@code dir} for reading and writing, with the analyzer it was built with.
   * Fails with a message naming {@code dir} when it holds no semhash document store.
   */
  public static LuceneDocumentStore open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StoreException(dir + ": no such directory (expected a semhash document store)");
    }
    Directory directory = null;
    try {
      directory = FSDirectory.open(dir);
      if (!DirectoryReader.indexExists(directory)) {
        throw new StoreException(dir + ": not a semhash document store (no Lucene index found)");
      }
      Map<String, String> userData;
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        userData = reader.getIndexCommit().getUserData();
      }
      if (!MARKER_VERSION.equals(userData.get(MARKER_KEY))) {
        throw new StoreException(dir + ": not a semhash document store (a Lucene index without the semhash marker)");
      }
      TermAnalyzer analyzer = new TermAnalyzer(Boolean.parseBoolean(userData.get(STEM_KEY)));
      return new LuceneDocumentStore(dir, directory, analyzer, false);
    } catch (StoreException e) {
      closeQuietly(directory);
      throw e;
    } catch (LockObtainFailedException e) {
      closeQuietly(directory);
      throw new StoreException(dir + ": the document store is in use by another process", e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory);
      throw new StoreException(dir + ": cannot open document store: " + e.getMessage(), e);
    }
  }

  /** A store in memory, for tests and throw-away demos. */
  public static LuceneDocumentStore inMemory(TermAnalyzer analyzer) {
    try {
      return new LuceneDocumentStore(null, new ByteBuffersDirectory(), analyzer, true);
    } catch (IOException e) {
      throw new StoreException("in-memory store: " + e.getMessage(), e);
    }
  }

  /** The directory of this store, empty for an in-memory store. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  public TermAnalyzer analyzer() {
    return analyzer;
  }

  /** Adds (or, for an id already stored, replaces) the entries; visible to reads on return. */
  public synchronized void add(Collection<StoredEntry> entries) {
    try {
      for (StoredEntry entry : entries) {
        if (entry.number() < 0) {
          throw new IllegalArgumentException("document number must be >= 0, got " + entry.number());
        }
        writer.updateDocument(new Term(F_ID, entry.document().id()), toLucene(entry));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot add documents: " + e.getMessage(), e);
    }
  }

  /** Deletes the document with this id and returns it; empty when there was none. Visible to reads on return. */
  public synchronized Optional<StoredEntry> delete(String id) {
    Optional<StoredEntry> existing = get(id);
    if (existing.isPresent()) {
      try {
        writer.deleteDocuments(new Term(F_ID, id));
        searchers.maybeRefreshBlocking();
      } catch (IOException e) {
        throw new StoreException(where() + ": cannot delete document: " + e.getMessage(), e);
      }
    }
    return existing;
  }

  /** The document with this id. */
  public Optional<StoredEntry> get(String id) {
    return first(new TermQuery(new Term(F_ID, id)));
  }

  /** The document with this internal number. */
  public Optional<StoredEntry> getByNumber(int number) {
    return getByNumbers(new int[] {number}).get(0);
  }

  /**
   * The documents with these internal numbers, in the same order; empty for a number no document
   * has. All are read from one point-in-time view of the store, so a page of results is
   * consistent even while writes go on.
   */
  public List<Optional<StoredEntry>> getByNumbers(int[] numbers) {
    IndexSearcher searcher = acquire();
    try {
      int[] docs = byNumber.docs(searcher.getIndexReader(), numbers);
      StoredFields stored = searcher.storedFields(); // one reader for the batch: its buffers are reused
      List<Optional<StoredEntry>> entries = new ArrayList<>(docs.length);
      for (int doc : docs) {
        entries.add(doc == NumberLookup.ABSENT ? Optional.empty() : Optional.of(fromLucene(stored.document(doc))));
      }
      return entries;
    } catch (IOException e) {
      throw new StoreException(where() + ": read failed: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /**
   * BM25 keyword search over title (boosted) and text. The query is plain words, analysed like
   * the documents (no query syntax, so no input is a syntax error); a document matches when it
   * holds any of the terms. A query of more than {@value #MAX_QUERY_TERMS} terms searches its
   * first {@value #MAX_QUERY_TERMS} distinct ones. With labels, only documents having at least
   * one of them match.
   *
   * @param k page size, at least 1
   * @param offset results to skip, at least 0
   */
  public KeywordHits search(String query, Collection<String> labels, int k, int offset) {
    checkPage(k, offset);
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    List<String> tokens = analyzer.tokens(query);
    Query title = tokens.size() <= MAX_QUERY_TERMS ? queries.createBooleanQuery(F_TITLE, query) : anyTerm(F_TITLE, tokens);
    Query body = tokens.size() <= MAX_QUERY_TERMS ? queries.createBooleanQuery(F_TEXT, query) : anyTerm(F_TEXT, tokens);
    if (title == null && body == null) {
      return KeywordHits.empty(); // nothing left after analysis (only stop words, numbers...)
    }
    if (title != null) {
      text.add(new BoostQuery(title, TITLE_BOOST), Occur.SHOULD);
    }
    if (body != null) {
      text.add(body, Occur.SHOULD);
    }
    BooleanQuery.Builder full = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
    addLabelFilter(full, labels);
    return run(full.build(), termsOf(text.build()), k, offset);
  }

  /**
   * Documents like the stored document {@code id} by their words (Lucene's more-like-this: its
   * most distinctive terms as a BM25 query), the document itself excluded. Empty when {@code id}
   * is not stored.
   */
  public Optional<KeywordHits> moreLikeThis(String id, Collection<String> labels, int k, int offset) {
    checkPage(k, offset);
    IndexSearcher searcher = acquire();
    try {
      TopDocs found = searcher.search(new TermQuery(new Term(F_ID, id)), 1);
      if (found.scoreDocs.length == 0) {
        return Optional.empty();
      }
      MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
      mlt.setAnalyzer(analyzer.lucene());
      mlt.setFieldNames(new String[] {F_TITLE, F_TEXT});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      mlt.setMaxQueryTerms(25);
      Query like = mlt.like(found.scoreDocs[0].doc);
      BooleanQuery.Builder full =
          new BooleanQuery.Builder()
              .add(like, Occur.MUST)
              .add(new TermQuery(new Term(F_ID, id)), Occur.MUST_NOT);
      addLabelFilter(full, labels);
      return Optional.of(run(full.build(), termsOf(like), k, offset));
    } catch (IOException e) {
      throw new StoreException(where() + ": more-like-this failed: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /**
   * The internal numbers of the documents having at least one of {@code labels}, ascending: the
   * filter a Hamming-index search applies while it scans.
   */
  public int[] numbersWithAnyLabel(Collection<String> labels) {
    IndexSearcher searcher = acquire();
    try {
      BitSet numbers = new BitSet();
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Terms terms = leaf.reader().terms(F_LABEL);
        if (terms == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        TermsEnum te = terms.iterator();
        PostingsEnum postings = null;
        for (String label : new TreeSet<>(labels)) {
          if (!te.seekExact(new BytesRef(label))) {
            continue;
          }
          postings = te.postings(postings, PostingsEnum.NONE);
          NumericDocValues values = leaf.reader().getNumericDocValues(F_NUMBER);
          for (int d = postings.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = postings.nextDoc()) {
            if ((live == null || live.get(d)) && values != null && values.advanceExact(d)) {
              numbers.set((int) values.longValue());
            }
          }
        }
      }
      return numbers.stream().toArray();
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot read label postings: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /**
   * A plain-text excerpt of {@code text}'s author's part ({@link AuthorText}) around the terms of
   * {@code query} (analysed like the documents), as keyword hits have: for results that come from
   * elsewhere, e.g. the Hamming index.
   */
  public String snippet(String text, String query) {
    return snippets(List.of(text), query).get(0);
  }

  /** {@link #snippet} for several texts and one query, which is analysed once. */
  public List<String> snippets(List<String> texts, String query) {
    return excerpter.excerpts(texts.stream().map(AuthorText::of).toList(), new HashSet<>(analyzer.tokens(query)));
  }

  /** How many live documents carry each label, most frequent first (ties by label). */
  public Map<String, Long> labelCounts() {
    Map<String, Long> counts = new TreeMap<>();
    IndexSearcher searcher = acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Terms terms = leaf.reader().terms(F_LABEL);
        if (terms == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        TermsEnum te = terms.iterator();
        PostingsEnum postings = null;
        for (BytesRef term = te.next(); term != null; term = te.next()) {
          postings = te.postings(postings, PostingsEnum.NONE);
          long n = 0;
          for (int d = postings.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = postings.nextDoc()) {
            if (live == null || live.get(d)) {
              n++;
            }
          }
          if (n > 0) {
            counts.merge(term.utf8ToString(), n, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot count labels: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** How many documents are stored. */
  public long count() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /** The largest internal number stored, or -1 when the store is empty. */
  public int maxNumber() {
    IndexSearcher searcher = acquire();
    int max = -1;
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        NumericDocValues numbers = leaf.reader().getNumericDocValues(F_NUMBER);
        Bits live = leaf.reader().getLiveDocs();
        if (numbers == null) {
          continue;
        }
        for (int d = numbers.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = numbers.nextDoc()) {
          if (live == null || live.get(d)) {
            max = Math.max(max, (int) numbers.longValue());
          }
        }
      }
      return max;
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot read document numbers: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /**
   * The internal numbers of all stored documents, ascending: what recovery compares with the
   * Hamming index's live ids.
   */
  public int[] numbers() {
    IndexSearcher searcher = acquire();
    try {
      BitSet numbers = new BitSet();
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        NumericDocValues values = leaf.reader().getNumericDocValues(F_NUMBER);
        Bits live = leaf.reader().getLiveDocs();
        if (values == null) {
          continue;
        }
        for (int d = values.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = values.nextDoc()) {
          if (live == null || live.get(d)) {
            numbers.set((int) values.longValue());
          }
        }
      }
      return numbers.stream().toArray();
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot read document numbers: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /** Makes every write so far durable. */
  public synchronized void commit() {
    try {
      writer.commit();
    } catch (IOException e) {
      throw new StoreException(where() + ": commit failed: " + e.getMessage(), e);
    }
  }

  /** Commits and closes the store. */
  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close(); // commits pending changes
      directory.close();
    } catch (IOException e) {
      throw new StoreException(where() + ": close failed: " + e.getMessage(), e);
    }
  }

  private KeywordHits run(Query query, Set<String> terms, int k, int offset) {
    IndexSearcher searcher = acquire();
    try {
      int window = (int) Math.min(Integer.MAX_VALUE - 1L, (long) offset + k);
      TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(window, null, Integer.MAX_VALUE));
      StoredFields stored = searcher.storedFields();
      List<KeywordHit> hits = new ArrayList<>();
      for (int i = offset; i < top.scoreDocs.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        StoredEntry entry = fromLucene(stored.document(sd.doc));
        String snippet = excerpter.excerpt(AuthorText.of(entry.document().text()), terms);
        hits.add(new KeywordHit(entry.number(), entry.document(), sd.score, snippet));
      }
      return new KeywordHits(top.totalHits.value, hits);
    } catch (IOException e) {
      throw new StoreException(where() + ": search failed: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  private Optional<StoredEntry> first(Query query) {
    IndexSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(query, 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(fromLucene(searcher.storedFields().document(top.scoreDocs[0].doc)));
    } catch (IOException e) {
      throw new StoreException(where() + ": read failed: " + e.getMessage(), e);
    } finally {
      release(searcher);
    }
  }

  /** A disjunction of the first {@value #MAX_QUERY_TERMS} distinct {@code tokens} (already analysed). */
  private static Query anyTerm(String field, List<String> tokens) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    tokens.stream().distinct().limit(MAX_QUERY_TERMS)
        .forEach(t -> any.add(new TermQuery(new Term(field, t)), Occur.SHOULD));
    return any.build();
  }

  private static void addLabelFilter(BooleanQuery.Builder query, Collection<String> labels) {
    if (labels == null || labels.isEmpty()) {
      return;
    }
    // one query for any number of labels: a clause per label would hit Lucene's clause limit
    query.add(new TermInSetQuery(F_LABEL, labels.stream().map(BytesRef::new).toList()), Occur.FILTER);
  }

  private static Set<String> termsOf(Query query) {
    Set<Term> terms = new HashSet<>();
    query.visit(QueryVisitor.termCollector(terms));
    Set<String> texts = new HashSet<>();
    for (Term t : terms) {
      texts.add(t.text());
    }
    return texts;
  }

  private static void checkPage(int k, int offset) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, got " + offset);
    }
  }

  private static org.apache.lucene.document.Document toLucene(StoredEntry entry) {
    Document d = entry.document();
    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
    doc.add(new StringField(F_ID, d.id(), Field.Store.YES));
    doc.add(new TextField(F_TITLE, d.title(), Field.Store.YES));
    doc.add(new TextField(F_TEXT, d.text(), Field.Store.YES));
    for (String label : d.labels()) {
      doc.add(new StringField(F_LABEL, label, Field.Store.YES));
    }
    doc.add(new StringField(F_SPLIT, d.split().label(), Field.Store.YES));
    doc.add(new StoredField(F_NUMBER, entry.number()));
    doc.add(new NumericDocValuesField(F_NUMBER, entry.number())); // what NumberLookup and recovery read; no point index: nothing queries it
    return doc;
  }

  private static StoredEntry fromLucene(org.apache.lucene.document.Document doc) {
    List<String> labels = new ArrayList<>();
    for (IndexableField f : doc.getFields(F_LABEL)) {
      labels.add(f.stringValue());
    }
    Document d =
        new Document(
            doc.get(F_ID), doc.get(F_TITLE), doc.get(F_TEXT), labels, Split.parse(doc.get(F_SPLIT)));
    return new StoredEntry(doc.getField(F_NUMBER).numericValue().intValue(), d);
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot open a searcher: " + e.getMessage(), e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new StoreException(where() + ": cannot release a searcher: " + e.getMessage(), e);
    }
  }

  private String where() {
    return path != null ? path.toString() : "in-memory store";
  }

  private static void closeQuietly(Directory directory) {
    if (directory != null) {
      try {
        directory.close();
      } catch (IOException ignored) {
        // already failing with a better message
      }
    }
  }
}
