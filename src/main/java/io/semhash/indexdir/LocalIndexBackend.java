package io.semhash.indexdir;

import io.semhash.backend.AddResult;
import io.semhash.backend.CodeMatch;
import io.semhash.backend.CodeMatches;
import io.semhash.backend.CodedDocument;
import io.semhash.backend.KeywordMatch;
import io.semhash.backend.KeywordMatches;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import io.semhash.store.KeywordHit;
import io.semhash.store.KeywordHits;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend of one index directory on this machine: codes in a Hamming index, documents in a
 * Lucene store, a document's Lucene number being its Hamming-index id.
 *
 * <p><b>Durability.</b> Writes are serialised. Each commits Lucene (fsync) and then saves the
 * Hamming index (temporary files, fsync, atomic rename) before the call returns, so an
 * acknowledged write survives a crash. The Lucene commit is the commit point: a crash after it and
 * before the Hamming save is repaired on the next {@link #open} by {@link IndexRecovery}, which
 * recomputes the missing codes from the stored text; a crash before it loses only that
 * unacknowledged write.
 *
 * <p><b>Concurrency.</b> Reads run in parallel under a shared lock; a write holds the exclusive
 * lock only while it changes the two in-memory structures, not while it syncs to disk, so a read
 * always sees the Hamming index and the store at the same write: every id it finds has its
 * document. A read may see a write whose sync has not finished yet.
 */
public final class LocalIndexBackend implements SearchBackend {
  private static final Logger LOG = LoggerFactory.getLogger(LocalIndexBackend.class);

  private final Path dir;
  private final HammingIndex index;
  private final LuceneDocumentStore store;
  private final IndexRecovery.Outcome recovery;
  private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();

  private LocalIndexBackend(Path dir, HammingIndex index, LuceneDocumentStore store, IndexRecovery.Outcome recovery) {
    this.dir = dir;
    this.index = index;
    this.store = store;
    this.recovery = recovery;
  }

  /**
   * Opens the Hamming index and the store of an index directory and reconciles them after a
   * crash (see {@link IndexRecovery}); a repair is committed and saved before this returns.
   *
   * @param shape the code shape the directory's model makes, checked against the Hamming index and
   *     the manifest: a binary index refuses a categorical model and the reverse, and a shape of
   *     another length or class count
   * @param encoder the code of a document, for the repair
   */
  public static LocalIndexBackend open(Path dir, CodeShape shape, Function<Document, BitCode> encoder) throws IOException {
    CodeShape recorded = IndexLayout.readManifest(dir).shape();
    HammingIndex index = HammingIndex.load(dir.resolve(IndexLayout.HAMMING));
    if (!index.shape().equals(shape)) {
      throw new IOException(dir + ": the Hamming index holds " + index.shape().description() + " codes, the model makes "
          + shape.description() + " codes");
    }
    if (!recorded.equals(shape)) {
      throw new IOException(dir.resolve(IndexLayout.MANIFEST) + ": records " + recorded.description()
          + " codes, the model and the Hamming index " + shape.description() + " codes");
    }
    LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve(IndexLayout.LUCENE));
    IndexRecovery.Outcome recovery;
    try {
      recovery = IndexRecovery.reconcile(encoder, index, store);
      if (recovery.changed()) {
        LOG.warn("{}: recovered from an interrupted write: {} codes appended, {} documents renumbered, {} stale codes dropped",
            dir, recovery.appended(), recovery.renumbered(), recovery.dropped());
        store.commit();
        index.save(dir.resolve(IndexLayout.HAMMING));
      }
      if (store.count() != index.liveCount()) {
        throw new IOException(dir + ": the Lucene store holds " + store.count() + " documents, the Hamming index "
            + index.liveCount() + " codes; the index directory is inconsistent");
      }
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return new LocalIndexBackend(dir, index, store, recovery);
  }

  /** What {@link #open} repaired; nothing after a clean shutdown. */
  public IndexRecovery.Outcome recovery() {
    return recovery;
  }

  @Override
  public int bits() {
    return index.bits();
  }

  @Override
  public CodeShape shape() {
    return index.shape();
  }

  @Override
  public long count() {
    return store.count();
  }

  @Override
  public Map<String, Long> labelCounts() {
    return store.labelCounts();
  }

  @Override
  public CodeMatches nearest(BitCode query, int offset, int k, Collection<String> labels) {
    view.readLock().lock();
    try {
      SearchResult result = rankNearest(query, Math.min(offset + k, HammingIndex.MAX_K), labels);
      return new CodeMatches(admitted(labels), page(result, offset, k));
    } finally {
      view.readLock().unlock();
    }
  }

  @Override
  public CodeMatches within(BitCode query, int radius, int offset, int k, Collection<String> labels) {
    view.readLock().lock();
    try {
      SearchResult all = rankWithin(query, radius, labels);
      return new CodeMatches(all.size(), page(all, offset, k));
    } finally {
      view.readLock().unlock();
    }
  }

  /** Reads only the codes of the candidates, and the documents of the page. */
  @Override
  public CodeMatches reordered(BitCode query, Integer radius, int depth, int offset, int k, Collection<String> labels,
      Function<List<BitCode>, int[]> order) {
    view.readLock().lock();
    try {
      SearchResult candidates = radius == null ? rankNearest(query, Math.min(depth, HammingIndex.MAX_K), labels)
          : rankWithin(query, radius, labels);
      int n = Math.min(depth, candidates.size());
      List<BitCode> codes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        codes.add(index.code(candidates.ids()[i]));
      }
      int[] o = order.apply(codes);
      int from = Math.min(offset, o.length);
      int to = (int) Math.min(o.length, (long) offset + k);
      int[] numbers = new int[to - from];
      int[] distances = new int[to - from];
      for (int i = from; i < to; i++) {
        numbers[i - from] = candidates.ids()[o[i]];
        distances[i - from] = candidates.distances()[o[i]];
      }
      return new CodeMatches(radius == null ? admitted(labels) : candidates.size(), matchesOf(numbers, distances));
    } finally {
      view.readLock().unlock();
    }
  }

  /**
   * The {@code n} nearest stored numbers and their distances, ties by number: what {@link #nearest}
   * pages, for a caller that merges several directories (a sharded index) before paging.
   */
  public SearchResult rankNearest(BitCode query, int n, Collection<String> labels) {
    view.readLock().lock();
    try {
      return index.knn(query, n, filter(labels));
    } finally {
      view.readLock().unlock();
    }
  }

  /** Every stored number within {@code radius} of {@code query}, ranked as {@link #rankNearest}. */
  public SearchResult rankWithin(BitCode query, int radius, Collection<String> labels) {
    view.readLock().lock();
    try {
      return index.radius(query, Math.min(radius, index.shape().groups()), filter(labels), Integer.MAX_VALUE);
    } finally {
      view.readLock().unlock();
    }
  }

  /** Documents the label filter admits (every document when {@code labels} is empty). */
  public long admitted(Collection<String> labels) {
    view.readLock().lock();
    try {
      RoaringBitmap filter = filter(labels);
      return filter == null ? index.liveCount() : filter.getCardinality();
    } finally {
      view.readLock().unlock();
    }
  }

  /** The documents stored under {@code numbers}, with their codes and the given distances, read in one batch. */
  public List<CodeMatch> matchesOf(int[] numbers, int[] distances) {
    view.readLock().lock();
    try {
      return page(new SearchResult(numbers, distances, 0, null), 0, numbers.length);
    } finally {
      view.readLock().unlock();
    }
  }

  /** One past the largest stored number (deleted numbers included). */
  public int numbers() {
    view.readLock().lock();
    try {
      return index.size();
    } finally {
      view.readLock().unlock();
    }
  }

  /** Whether {@code number} holds a document (false once deleted or replaced). */
  public boolean isLive(int number) {
    view.readLock().lock();
    try {
      return index.isLive(number);
    } finally {
      view.readLock().unlock();
    }
  }

  /** The code stored under {@code number}. */
  public BitCode code(int number) {
    view.readLock().lock();
    try {
      return index.code(number);
    } finally {
      view.readLock().unlock();
    }
  }

  private RoaringBitmap filter(Collection<String> labels) {
    return labels.isEmpty() ? null : RoaringBitmap.bitmapOf(store.numbersWithAnyLabel(labels));
  }

  /** The hits ranked offset .. offset + k - 1, their documents read in one batch (one searcher, one stored-fields reader). */
  private List<CodeMatch> page(SearchResult result, int offset, int k) {
    int from = Math.min(offset, result.size());
    int to = (int) Math.min(result.size(), (long) offset + k);
    int[] ids = Arrays.copyOfRange(result.ids(), from, to);
    List<Optional<StoredEntry>> entries = store.getByNumbers(ids);
    List<CodeMatch> matches = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      Document d = entries.get(i)
          .orElseThrow(() -> new IllegalStateException("index id " + id + " has no stored document"))
          .document();
      matches.add(new CodeMatch(d, index.code(id), result.distances()[from + i]));
    }
    return matches;
  }

  @Override
  public KeywordMatches keyword(String query, Collection<String> labels, int offset, int k) {
    NumberedKeywordMatches page = numberedKeyword(query, labels, offset, k);
    return page.matches();
  }

  /** {@link #keyword}, with each match's stored number (for merging several directories). */
  public NumberedKeywordMatches numberedKeyword(String query, Collection<String> labels, int offset, int k) {
    view.readLock().lock();
    try {
      KeywordHits hits = store.search(query, labels, k, offset);
      List<KeywordMatch> matches = new ArrayList<>(hits.hits().size());
      int[] numbers = new int[hits.hits().size()];
      for (KeywordHit h : hits.hits()) {
        numbers[matches.size()] = h.number();
        matches.add(new KeywordMatch(h.document(), index.code(h.number()), h.score(), h.snippet()));
      }
      return new NumberedKeywordMatches(new KeywordMatches(hits.total(), matches), numbers);
    } finally {
      view.readLock().unlock();
    }
  }

  @Override
  public List<String> excerpts(List<String> texts, String query) {
    return store.snippets(texts, query);
  }

  @Override
  public Optional<CodedDocument> get(String id) {
    view.readLock().lock();
    try {
      return store.get(id).map(e -> new CodedDocument(e.document(), index.code(e.number())));
    } finally {
      view.readLock().unlock();
    }
  }

  @Override
  public synchronized AddResult put(List<Document> documents, List<BitCode> codes) {
    if (documents.size() != codes.size()) {
      throw new IllegalArgumentException(documents.size() + " documents but " + codes.size() + " codes");
    }
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<StoredEntry> entries = new ArrayList<>();
    view.writeLock().lock();
    try {
      for (int i = 0; i < documents.size(); i++) {
        Document d = documents.get(i);
        Optional<StoredEntry> old = store.get(d.id());
        if (old.isPresent()) {
          index.delete(old.get().number());
          replaced.add(d.id());
        } else {
          added.add(d.id());
        }
        entries.add(new StoredEntry(index.add(codes.get(i)), d));
      }
      store.add(entries);
    } finally {
      view.writeLock().unlock();
    }
    persist();
    return new AddResult(added, replaced);
  }

  @Override
  public synchronized boolean delete(String id) {
    Optional<StoredEntry> removed;
    view.writeLock().lock();
    try {
      removed = store.delete(id);
      removed.ifPresent(e -> index.delete(e.number()));
    } finally {
      view.writeLock().unlock();
    }
    if (removed.isPresent()) {
      persist();
    }
    return removed.isPresent();
  }

  /** Lucene commit first (the commit point), then the Hamming save; see the class comment. */
  private void persist() {
    try {
      store.commit();
      index.save(dir.resolve(IndexLayout.HAMMING));
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the index in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<BitCode> codes() {
    List<BitCode> codes = new ArrayList<>();
    view.readLock().lock();
    try {
      for (int id = 0; id < index.size(); id++) {
        if (index.isLive(id)) {
          codes.add(index.code(id));
        }
      }
    } finally {
      view.readLock().unlock();
    }
    return codes;
  }

  /** Pages of this many documents are read under one read lock, so writes wait for a page only. */
  private static final int PAGE = 1024;

  @Override
  public boolean forEachDocument(Consumer<CodedDocument> sink) {
    int size;
    view.readLock().lock();
    try {
      size = index.size();
    } finally {
      view.readLock().unlock();
    }
    for (int from = 0; from < size; from += PAGE) {
      List<CodedDocument> page = new ArrayList<>(PAGE);
      view.readLock().lock();
      try {
        int to = Math.min(Math.min(size, index.size()), from + PAGE);
        int[] live = IntStream.range(from, to).filter(index::isLive).toArray();
        List<Optional<StoredEntry>> entries = store.getByNumbers(live);
        for (int k = 0; k < live.length; k++) {
          int id = live[k];
          entries.get(k).ifPresent(e -> page.add(new CodedDocument(e.document(), index.code(id))));
        }
      } finally {
        view.readLock().unlock();
      }
      page.forEach(sink);
    }
    return true;
  }

  @Override
  public void close() {
    store.close();
  }
}
