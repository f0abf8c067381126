package io.semhash.search;

import io.semhash.backend.AddResult;
import io.semhash.corpus.Document;
import io.semhash.store.KeywordHit;
import io.semhash.store.KeywordHits;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SearchService} over the document store alone, for when no model is loaded: keyword
 * (BM25) search, documents, "similar" by shared words (Lucene more-like-this, no distances), adds
 * and deletes, and statistics without training figures. Semantic and hybrid searches and
 * encoding throw {@link ModelUnavailableException} (the server answers 409).
 *
 * <p>New documents get internal numbers after the largest stored one; a replaced document keeps
 * its number, so the numbers stay usable as Hamming-index ids when a model is added later.
 */
public final class KeywordSearchService implements SearchService {
  private static final String NO_MODEL =
      "no model is loaded: this server answers keyword searches only (use mode=keyword)";

  private final LuceneDocumentStore store;
  private int nextNumber;

  private KeywordSearchService(LuceneDocumentStore store) {
    this.store = store;
    this.nextNumber = store.maxNumber() + 1;
  }

  /** A service answering from {@code store}; closing the service closes the store. */
  public static KeywordSearchService over(LuceneDocumentStore store) {
    return new KeywordSearchService(Objects.requireNonNull(store, "store"));
  }

  @Override
  public SearchMode defaultMode() {
    return SearchMode.KEYWORD;
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    SearchMode mode = request.mode() == null ? SearchMode.KEYWORD : request.mode();
    if (mode != SearchMode.KEYWORD) {
      throw new ModelUnavailableException(mode.label() + " search needs a model; " + NO_MODEL);
    }
    long start = System.nanoTime();
    KeywordHits hits = store.search(request.query(), request.labels(), request.k(), request.offset());
    return response(hits, start);
  }

  @Override
  public Optional<StoredDocument> document(String id) {
    return store.get(id).map(e -> storedDocument(e.document()));
  }

  @Override
  public Optional<SearchResponse> similar(String id, int k) {
    long start = System.nanoTime();
    return store.moreLikeThis(id, List.of(), k, 0).map(hits -> response(hits, start));
  }

  @Override
  public EncodedText encode(String text) {
    throw new ModelUnavailableException("encoding needs a model; " + NO_MODEL);
  }

  @Override
  public synchronized AddResult add(List<Document> documents) {
    Map<String, StoredEntry> batch = new LinkedHashMap<>(); // last of repeated ids wins
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    int next = nextNumber;
    for (Document d : documents) {
      StoredEntry previous = batch.get(d.id());
      if (previous != null) {
        batch.put(d.id(), new StoredEntry(previous.number(), d));
        continue;
      }
      Optional<StoredEntry> stored = store.get(d.id());
      if (stored.isPresent()) {
        replaced.add(d.id());
        batch.put(d.id(), new StoredEntry(stored.get().number(), d));
      } else {
        added.add(d.id());
        batch.put(d.id(), new StoredEntry(next++, d));
      }
    }
    store.add(batch.values());
    store.commit();
    nextNumber = next;
    return new AddResult(added, replaced);
  }

  @Override
  public synchronized boolean delete(String id) {
    boolean deleted = store.delete(id).isPresent();
    if (deleted) {
      store.commit();
    }
    return deleted;
  }

  @Override
  public ServiceStats stats() {
    return new ServiceStats(
        store.count(),
        SearchMode.KEYWORD,
        List.of(SearchMode.KEYWORD),
        Rerank.NONE,
        reranks(),
        null,
        null,
        null,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        store.labelCounts(),
        null);
  }

  @Override
  public void close() {
    store.close();
  }

  private static SearchResponse response(KeywordHits hits, long startNanos) {
    List<SearchHit> results = new ArrayList<>(hits.hits().size());
    for (KeywordHit hit : hits.hits()) {
      Document d = hit.document();
      results.add(new SearchHit(d.id(), d.title(), hit.snippet(), d.labels(), null, hit.score(), null));
    }
    double tookMs = (System.nanoTime() - startNanos) / 1e6;
    return new SearchResponse(null, null, null, hits.total(), tookMs, results, SearchMode.KEYWORD, Rerank.NONE);
  }

  private static StoredDocument storedDocument(Document d) {
    return new StoredDocument(d.id(), d.title(), d.text(), d.labels(), d.split().label(), null, null, null);
  }
}
