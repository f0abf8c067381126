package io.semhash.search;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.MatchExplanation;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelManifest;
import io.semhash.model.SparseEncoder;
import io.semhash.store.KeywordHit;
import io.semhash.store.KeywordHits;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full search service over an index directory: the model encodes queries and new documents,
 * the Hamming index finds codes, the Lucene store holds the documents and answers keyword search.
 * A document's Lucene number is its Hamming-index id.
 *
 * <p>Modes: {@code semantic} ranks by Hamming distance to the query's code (ties by index order);
 * {@code keyword} is BM25; {@code hybrid} fuses the two rankings by reciprocal rank fusion,
 * score = Σ 1 / (60 + rank) over the semantic and keyword top {@value #HYBRID_DEPTH} (at least
 * offset + k), so a document near the top of either list ranks high.
 *
 * <p><b>Durability.</b> Writes (add, delete) are serialised. Each commits Lucene (fsync) and then
 * saves the Hamming index (temporary files, fsync, atomic rename) before the call returns, so an
 * acknowledged write survives a crash. The Lucene commit is the commit point: a crash after it
 * and before the Hamming save is repaired on the next {@link #open} by {@link IndexRecovery},
 * which recomputes the missing codes from the stored text; a crash before it loses only that
 * unacknowledged write.
 *
 * <p><b>Concurrency.</b> Reads (search, document, similar) run in parallel under a shared lock;
 * a write holds the exclusive lock only while it changes the two in-memory structures, not while
 * it syncs to disk, so a read always sees the Hamming index and the store at the same write: every
 * id it finds has its document. A read may see a write whose sync has not finished yet.
 */
public final class SemanticSearchService implements SearchService {
  static final int HYBRID_DEPTH = 100;
  static final int RRF_K = 60;
  private static final Logger LOG = LoggerFactory.getLogger(SemanticSearchService.class);

  private final Path dir;
  private final HashingModel model;
  private final HammingIndex index;
  private final LuceneDocumentStore store;
  private final IndexManifest manifest;
  private final IndexRecovery.Outcome recovery;
  private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();
  private volatile BitMeanings meanings;

  private SemanticSearchService(Path dir, HashingModel model, HammingIndex index, LuceneDocumentStore store, IndexManifest manifest,
      IndexRecovery.Outcome recovery) {
    this.dir = dir;
    this.model = model;
    this.index = index;
    this.store = store;
    this.manifest = manifest;
    this.recovery = recovery;
  }

  /**
   * Opens an index directory built by {@link IndexBuilder}; every part is checked (checksums) and
   * the Hamming index is reconciled with the Lucene store after a crash (see {@link
   * IndexRecovery}); a repair is committed and saved before this returns.
   */
  public static SemanticSearchService open(Path dir) throws IOException {
    IndexManifest manifest = IndexLayout.readManifest(dir);
    HashingModel model = HashingModel.load(dir.resolve(IndexLayout.MODEL));
    HammingIndex index = HammingIndex.load(dir.resolve(IndexLayout.HAMMING));
    if (index.bits() != model.bits()) {
      throw new IOException(dir + ": the Hamming index holds " + index.bits() + "-bit codes, the model makes "
          + model.bits() + "-bit codes");
    }
    LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve(IndexLayout.LUCENE));
    IndexRecovery.Outcome recovery;
    try {
      recovery = IndexRecovery.reconcile(model, index, store);
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
    return new SemanticSearchService(dir, model, index, store, manifest, recovery);
  }

  /** What {@link #open} repaired; nothing after a clean shutdown. */
  IndexRecovery.Outcome recovery() {
    return recovery;
  }

  public HashingModel model() {
    return model;
  }

  @Override
  public SearchMode defaultMode() {
    return SearchMode.SEMANTIC;
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    long start = System.nanoTime();
    SearchMode mode = request.mode() == null ? SearchMode.SEMANTIC : request.mode();
    BitCode query = model.code(request.query());
    view.readLock().lock();
    try {
      RoaringBitmap filter = request.labels().isEmpty() ? null : RoaringBitmap.bitmapOf(store.numbersWithAnyLabel(request.labels()));
      return switch (mode) {
        case SEMANTIC -> semantic(request, query, filter, start);
        case KEYWORD -> keyword(request, query, start);
        case HYBRID -> hybrid(request, query, filter, start);
      };
    } finally {
      view.readLock().unlock();
    }
  }

  private SearchResponse semantic(SearchRequest request, BitCode query, RoaringBitmap filter, long start) {
    int wanted = request.offset() + request.k();
    SearchResult result;
    long total;
    if (request.maxDistance() != null) {
      int r = Math.min(request.maxDistance(), model.bits());
      SearchResult all = index.radius(query, r, filter, Integer.MAX_VALUE);
      total = all.size();
      result = all;
    } else {
      result = index.knn(query, Math.min(wanted, HammingIndex.MAX_K), filter);
      total = filter == null ? index.liveCount() : filter.getCardinality();
    }
    int from = Math.min(request.offset(), result.size());
    int to = Math.min(result.size(), wanted);
    int[] ids = Arrays.copyOfRange(result.ids(), from, to);
    int[] distances = Arrays.copyOfRange(result.distances(), from, to);
    return response(query, total, hits(ids, distances, similarities(distances), request.query()), SearchMode.SEMANTIC, start);
  }

  private SearchResponse keyword(SearchRequest request, BitCode query, long start) {
    KeywordHits kh = store.search(request.query(), request.labels(), request.k(), request.offset());
    List<SearchHit> hits = new ArrayList<>();
    for (KeywordHit h : kh.hits()) {
      BitCode code = index.code(h.number());
      Document d = h.document();
      hits.add(new SearchHit(d.id(), d.title(), h.snippet(), d.labels(), code.distance(query), h.score(), code.toHex()));
    }
    return response(query, kh.total(), hits, SearchMode.KEYWORD, start);
  }

  private SearchResponse hybrid(SearchRequest request, BitCode query, RoaringBitmap filter, long start) {
    int depth = Math.max(HYBRID_DEPTH, request.offset() + request.k());
    Map<Integer, Double> fused = new HashMap<>();
    SearchResult semantic = request.maxDistance() != null
        ? index.radius(query, Math.min(request.maxDistance(), model.bits()), filter, depth)
        : index.knn(query, Math.min(depth, HammingIndex.MAX_K), filter);
    for (int i = 0; i < semantic.size(); i++) {
      fused.merge(semantic.ids()[i], 1.0 / (RRF_K + i + 1), Double::sum);
    }
    KeywordHits keyword = store.search(request.query(), request.labels(), depth, 0);
    for (int i = 0; i < keyword.hits().size(); i++) {
      fused.merge(keyword.hits().get(i).number(), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(fused.entrySet());
    ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<Map.Entry<Integer, Double>> page =
        ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(ranked.size(), request.offset() + request.k()));
    int[] ids = new int[page.size()];
    int[] distances = new int[page.size()];
    double[] scores = new double[page.size()];
    for (int i = 0; i < page.size(); i++) {
      ids[i] = page.get(i).getKey();
      distances[i] = index.code(ids[i]).distance(query);
      scores[i] = page.get(i).getValue();
    }
    return response(query, ranked.size(), hits(ids, distances, scores, request.query()), SearchMode.HYBRID, start);
  }

  /** 1 - distance / bits: the score of a semantic hit. */
  private double[] similarities(int[] distances) {
    double[] scores = new double[distances.length];
    for (int i = 0; i < distances.length; i++) {
      scores[i] = 1.0 - distances[i] / (double) model.bits();
    }
    return scores;
  }

  /** The hits for index ids, their documents read from the store in one batch (one searcher, one stored-fields reader). */
  private List<SearchHit> hits(int[] ids, int[] distances, double[] scores, String query) {
    List<Optional<StoredEntry>> entries = store.getByNumbers(ids);
    List<Document> docs = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      docs.add(entries.get(i)
          .orElseThrow(() -> new IllegalStateException("index id " + id + " has no stored document"))
          .document());
    }
    List<String> snippets = store.snippets(docs.stream().map(Document::text).toList(), query);
    List<SearchHit> hits = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      Document d = docs.get(i);
      hits.add(new SearchHit(d.id(), d.title(), snippets.get(i), d.labels(), distances[i], scores[i], index.code(ids[i]).toHex()));
    }
    return hits;
  }

  private SearchResponse response(BitCode query, long total, List<SearchHit> hits, SearchMode mode, long start) {
    return new SearchResponse(query.toHex(), model.bits(), total, (System.nanoTime() - start) / 1e6, hits, mode);
  }

  @Override
  public Optional<StoredDocument> document(String id) {
    view.readLock().lock();
    try {
      return store.get(id).map(e -> {
        Document d = e.document();
        return new StoredDocument(d.id(), d.title(), d.text(), d.labels(), d.split().label(), index.code(e.number()).toHex(), model.bits());
      });
    } finally {
      view.readLock().unlock();
    }
  }

  @Override
  public Optional<SearchResponse> similar(String id, int k) {
    long start = System.nanoTime();
    view.readLock().lock();
    try {
      return similarLocked(id, k, start);
    } finally {
      view.readLock().unlock();
    }
  }

  private Optional<SearchResponse> similarLocked(String id, int k, long start) {
    return store.get(id).map(entry -> {
      BitCode code = index.code(entry.number());
      SearchResult result = index.knn(code, Math.min(k + 1, HammingIndex.MAX_K), null);
      int[] ids = new int[Math.min(k, result.size())];
      int[] distances = new int[ids.length];
      int n = 0;
      for (int i = 0; i < result.size() && n < k; i++) {
        if (result.ids()[i] != entry.number()) {
          ids[n] = result.ids()[i];
          distances[n++] = result.distances()[i];
        }
      }
      ids = Arrays.copyOf(ids, n);
      distances = Arrays.copyOf(distances, n);
      return response(code, index.liveCount() - 1, hits(ids, distances, similarities(distances), entry.document().title()),
          SearchMode.SEMANTIC, start);
    });
  }

  @Override
  public EncodedText encode(String text) {
    float[] eta = model.logits(text);
    float[] p = SparseEncoder.probabilities(eta);
    double[] probabilities = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      probabilities[i] = p[i];
    }
    return new EncodedText(BitCode.fromPositive(eta).toHex(), model.bits(), probabilities);
  }

  @Override
  public synchronized AddResult add(List<Document> documents) {
    Map<String, Document> batch = new LinkedHashMap<>(); // the last of repeated ids wins
    documents.forEach(d -> batch.put(d.id(), d));
    List<BitCode> codes = batch.values().parallelStream().map(d -> model.code(d.fullText())).toList();
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<StoredEntry> entries = new ArrayList<>();
    view.writeLock().lock();
    try {
      int i = 0;
      for (Document d : batch.values()) {
        Optional<StoredEntry> old = store.get(d.id());
        if (old.isPresent()) {
          index.delete(old.get().number());
          replaced.add(d.id());
        } else {
          added.add(d.id());
        }
        entries.add(new StoredEntry(index.add(codes.get(i++)), d));
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
  public BitReport bits(int top) {
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
    return BitReport.of(meanings(), top, BitHealth.of(model.bits(), codes));
  }

  @Override
  public Optional<MatchExplanation> explain(String query, String id) {
    BitCode code = model.code(query);
    view.readLock().lock();
    try {
      return store.get(id).map(e -> explanation(null, code, e));
    } finally {
      view.readLock().unlock();
    }
  }

  @Override
  public Optional<MatchExplanation> explainPair(String a, String b) {
    view.readLock().lock();
    try {
      Optional<StoredEntry> left = store.get(a);
      Optional<StoredEntry> right = store.get(b);
      if (left.isEmpty() || right.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(explanation(a, index.code(left.get().number()), right.get()));
    } finally {
      view.readLock().unlock();
    }
  }

  private MatchExplanation explanation(String leftId, BitCode left, StoredEntry right) {
    Document d = right.document();
    return MatchExplanation.of(meanings(), model.vectorizer().vocabulary(), leftId, left, d.id(),
        index.code(right.number()), model.vectorizer().counts(d.fullText()));
  }

  /** The model's bit meanings, computed on first use (see {@link BitMeanings} for why not stored). */
  private BitMeanings meanings() {
    BitMeanings m = meanings;
    if (m == null) {
      m = BitMeanings.of(model.weights(), model.vectorizer().vocabulary());
      meanings = m;
    }
    return m;
  }

  @Override
  public ServiceStats stats() {
    ModelManifest m = model.manifest();
    @SuppressWarnings("unchecked")
    Map<String, Object> modelJson = ApiJson.mapper().convertValue(m, LinkedHashMap.class);
    modelJson.remove("history");
    modelJson.remove("files");
    List<ServiceStats.Epoch> training = m.history().stream()
        .map(e -> new ServiceStats.Epoch(e.epoch(), e.loss(), e.validationPrecision()))
        .toList();
    return new ServiceStats(store.count(), SearchMode.SEMANTIC, List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID),
        model.bits(), modelJson, training, manifest.precisionAtK(), manifest.distances(), store.labelCounts());
  }

  @Override
  public void close() {
    store.close();
  }
}
