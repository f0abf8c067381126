package io.semhash.solrcloud;

import io.semhash.backend.AddResult;
import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.CodeMatch;
import io.semhash.backend.CodeMatches;
import io.semhash.backend.CodedDocument;
import io.semhash.backend.KeywordMatch;
import io.semhash.backend.KeywordMatches;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.SymbolDistance;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.index.HammingIndex;
import io.semhash.store.AuthorText;
import io.semhash.store.Excerpter;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.text.TermAnalyzer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

/**
 * A SolrCloud collection made from semhash's configset as the backend: documents and codes live
 * in the collection's shards, the {@code hamming} query parser of the semhash Solr plugin ranks
 * by distance in every shard (Hamming distance, or symbol distance for a collection of
 * categorical codes: its {@link #shape()}, read from the collection's schema) and Solr merges the
 * shards' pages, BM25 (with exact cross-shard statistics) is Solr's.
 *
 * <p><b>Order.</b> Exact, nearest first; ties go by ascending id (the plugin's order, the same
 * whichever shard holds a document), where the local backend breaks them by storage order.
 * "Storage order" in {@link #codes} and {@link #forEachDocument} is id order too.
 *
 * <p><b>Commit policy.</b> {@link #put} and {@link #delete} send the change and a hard commit
 * that opens a new searcher in one request and return once Solr has answered it: by then the
 * leader and every live replica of each shard have written the change to their index (fsync) and
 * searches on any replica see it. A write that fails is not acknowledged; a later one repeats it
 * harmlessly (adds replace by id). {@link #send} without a commit and one {@link #commit} at the
 * end are for bulk loading.
 *
 * <p><b>Consistency.</b> Each call is one Solr request (or, for a page and its total, two; for
 * {@link #reordered}, the candidates' codes and then the page's documents, checked against each
 * other), and
 * Solr answers each from one searcher per replica; writes from other clients may land between
 * two calls. Replaced ids in {@link #put} are found with a real-time get just before the write,
 * which is exact when this process is the only writer (the query pipeline serialises its writes).
 */
public final class SolrCloudBackend implements SearchBackend {
  static final String ID = "id";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String LABELS = "labels";
  static final String SPLIT = "split";
  static final String CODE = "code";
  private static final String STORED = "id,title,text,labels,split,code";
  private static final int PAGE = 1000;
  /** Ids per query when documents are read by id. */
  private static final int ID_CLAUSES = 500;
  /** Tries of {@link #reordered}'s two requests before it reads every candidate's document. */
  private static final int REORDER_TRIES = 3;
  /** Boost of the title over the body in keyword search, as in the local store. */
  private static final String QUERY_FIELDS = "title^2 text";

  private final SolrNodes nodes;
  private final String collection;
  private final CodeShape shape;
  private final int bits;
  private final SymbolDistance distance;
  private final TermAnalyzer analyzer;
  private final Excerpter excerpter;

  SolrCloudBackend(SolrNodes nodes, String collection, CodeShape shape, TermAnalyzer analyzer) {
    this.nodes = nodes;
    this.collection = collection;
    this.shape = shape;
    this.bits = shape.bits();
    this.distance = SymbolDistance.of(shape);
    this.analyzer = analyzer;
    this.excerpter = Excerpter.of(analyzer, LuceneDocumentStore.SNIPPET_CHARS);
  }

  /**
   * The backend of {@code collection}, checked first: it must exist and hold the semhash code
   * field and query parser ({@link SolrCollections#check}). Closing the backend closes {@code
   * nodes}.
   *
   * @param analyzer the model's analyzer, for the excerpts of hits
   */
  public static SolrCloudBackend open(SolrNodes nodes, String collection, TermAnalyzer analyzer) {
    return new SolrCloudBackend(nodes, collection, SolrCollections.check(nodes, collection), analyzer);
  }

  /**
   * As {@link #open(SolrNodes, String, TermAnalyzer)}, for the model that makes codes of {@code
   * shape} with {@code analyzer}: a collection of codes of another shape (binary against
   * categorical, or another length, group or class count) is refused, naming both shapes, and so is
   * one whose text analysis stems where the model does not, or the reverse.
   *
   * @throws IllegalArgumentException when the collection's codes are not of {@code shape}, or its
   *     stemming is not the model's
   */
  public static SolrCloudBackend open(SolrNodes nodes, String collection, TermAnalyzer analyzer, CodeShape shape) {
    CodeShape held = SolrCollections.check(nodes, collection);
    if (!held.equals(shape)) {
      throw new IllegalArgumentException("collection '" + collection + "' holds " + held.description()
          + " codes, the model makes " + shape.description() + " codes: serve it with the model that encoded it,"
          + " or load this model's index into a new collection (semhash solr-load)");
    }
    Optional<Boolean> stems = SolrCollections.stems(nodes, collection);
    if (stems.isPresent() && stems.get() != analyzer.stems()) {
      throw new IllegalArgumentException("collection '" + collection + "' analyses its text " + (stems.get() ? "with" : "without")
          + " stemming, the model " + (analyzer.stems() ? "with" : "without") + " (text.stem): serve it with the model"
          + " that encoded it, or load this model's index into a new collection (semhash solr-load)");
    }
    return new SolrCloudBackend(nodes, collection, held, analyzer);
  }

  /** The collection's name. */
  public String collection() {
    return collection;
  }

  @Override
  public int bits() {
    return bits;
  }

  /** The collection's code shape: the plugin ranks binary codes by Hamming distance, categorical ones by symbol distance. */
  @Override
  public CodeShape shape() {
    return shape;
  }

  @Override
  public long count() {
    return query(params("*:*", 0)).getResults().getNumFound();
  }

  @Override
  public Map<String, Long> labelCounts() {
    ModifiableSolrParams p = params("*:*", 0);
    p.set("facet", true);
    p.set("facet.field", LABELS);
    p.set("facet.limit", -1);
    p.set("facet.mincount", 1);
    p.set("facet.sort", "count"); // ties by label, as the local store's
    Map<String, Long> counts = new LinkedHashMap<>();
    FacetField f = query(p).getFacetField(LABELS);
    if (f != null) {
      f.getValues().forEach(c -> counts.put(c.getName(), c.getCount()));
    }
    return counts;
  }

  @Override
  public CodeMatches nearest(BitCode query, int offset, int k, Collection<String> labels) {
    if (offset + k > HammingIndex.MAX_K) {
      k = Math.max(0, HammingIndex.MAX_K - offset);
    }
    if (k == 0) {
      return new CodeMatches(admitted(labels), List.of());
    }
    ModifiableSolrParams p = params("{!hamming tag=" + KNN_TAG + " f=code k=" + (offset + k) + "}" + query.toHex(), k);
    p.set(CommonParams.START, offset);
    p.set(CommonParams.FL, STORED + ",score");
    // the count of the documents the filter admits (the response's total) in the same request: a
    // facet whose domain drops the tagged k-NN query and keeps the filter
    p.set("json.facet", "{" + ADMITTED + ":{type:query,q:\"*:*\",domain:{excludeTags:" + KNN_TAG + "}}}");
    filter(p, labels);
    QueryResponse response = query(p);
    List<CodeMatch> matches = codeMatches(response.getResults(), query);
    return new CodeMatches(facetCount(response, ADMITTED), matches);
  }

  /** The tag of the k-NN query in a request that also counts the filter's documents. */
  private static final String KNN_TAG = "semhash_knn";
  private static final String ADMITTED = "admitted";

  /** The count of the JSON facet {@code name} of a query facet; 0 when no shard matched. */
  private long facetCount(QueryResponse response, String name) {
    Object facets = response.getResponse().get("facets");
    if (facets instanceof NamedList<?> f) {
      Object bucket = f.get(name);
      if (bucket instanceof NamedList<?> b && b.get("count") instanceof Number n) {
        return n.longValue();
      }
      return 0;
    }
    throw new BackendRejectedException(502, "collection " + collection + " answered a k-NN request without its facets"
        + " (is it served by Solr 9 with the JSON facet module?)", null);
  }

  /** Documents the label filter admits (all without labels). */
  private long admitted(Collection<String> labels) {
    ModifiableSolrParams p = params("*:*", 0);
    filter(p, labels);
    return query(p).getResults().getNumFound();
  }

  @Override
  public CodeMatches within(BitCode query, int radius, int offset, int k, Collection<String> labels) {
    ModifiableSolrParams p = params("{!hamming f=code maxDistance=" + Math.min(radius, shape.groups()) + "}" + query.toHex(), k);
    p.set(CommonParams.START, offset);
    p.set(CommonParams.FL, STORED + ",score");
    filter(p, labels);
    SolrDocumentList found = query(p).getResults();
    return new CodeMatches(found.getNumFound(), codeMatches(found, query));
  }

  /**
   * Reads the candidates' ids and codes only (the {@code code} docValues, no stored text), orders
   * them, then reads the documents of the page alone. Those are two requests, between which a
   * commit may delete or replace a page document: then the whole call is repeated, and after
   * {@value #REORDER_TRIES} such tries it reads every candidate's document in one request, as
   * {@link SearchBackend#reordered} does, so every code returned is its document's.
   */
  @Override
  public CodeMatches reordered(BitCode query, Integer radius, int depth, int offset, int k, Collection<String> labels,
      Function<List<BitCode>, int[]> order) {
    for (int attempt = 0; attempt < REORDER_TRIES; attempt++) {
      CodeMatches page = reorderedOnce(query, radius, depth, offset, k, labels, order);
      if (page != null) {
        return page;
      }
    }
    return SearchBackend.super.reordered(query, radius, depth, offset, k, labels, order);
  }

  /** One try of {@link #reordered}; null when a page document changed between its two requests. */
  private CodeMatches reorderedOnce(BitCode query, Integer radius, int depth, int offset, int k,
      Collection<String> labels, Function<List<BitCode>, int[]> order) {
    int n = Math.min(depth, HammingIndex.MAX_K);
    ModifiableSolrParams p = radius == null
        ? params("{!hamming f=code k=" + n + "}" + query.toHex(), n)
        : params("{!hamming f=code maxDistance=" + Math.min(radius, shape.groups()) + "}" + query.toHex(), n);
    p.set(CommonParams.FL, ID + "," + CODE);
    filter(p, labels);
    SolrDocumentList found = query(p).getResults();
    List<String> ids = new ArrayList<>(found.size());
    List<BitCode> codes = new ArrayList<>(found.size());
    for (SolrDocument d : found) {
      ids.add((String) d.getFieldValue(ID));
      codes.add(code(d));
    }
    int[] o = order.apply(codes);
    int from = Math.min(offset, o.length);
    int to = (int) Math.min(o.length, (long) offset + k);
    List<String> pageIds = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      pageIds.add(ids.get(o[i]));
    }
    Map<String, SolrDocument> stored = documents(pageIds);
    List<CodeMatch> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      SolrDocument d = stored.get(ids.get(o[i]));
      BitCode code = codes.get(o[i]);
      if (d == null || !code(d).equals(code)) {
        return null;
      }
      page.add(new CodeMatch(document(d), code, distance.distance(code, query)));
    }
    return new CodeMatches(radius == null ? admitted(labels) : found.getNumFound(), page);
  }

  /** The stored documents with these ids, by id, from the searchers (not the update log). */
  private Map<String, SolrDocument> documents(List<String> ids) {
    Map<String, SolrDocument> byId = new HashMap<>();
    // at most ID_CLAUSES ids per query: Solr refuses a query of more than 1024 clauses
    for (int from = 0; from < ids.size(); from += ID_CLAUSES) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CLAUSES));
      StringBuilder q = new StringBuilder(ID).append(":(");
      for (int i = 0; i < chunk.size(); i++) {
        q.append(i == 0 ? "" : " OR ").append(ClientUtils.escapeQueryChars(chunk.get(i)));
      }
      ModifiableSolrParams p = params(q.append(')').toString(), chunk.size());
      p.set(CommonParams.FL, STORED);
      for (SolrDocument d : query(p).getResults()) {
        byId.put((String) d.getFieldValue(ID), d);
      }
    }
    return byId;
  }

  private List<CodeMatch> codeMatches(SolrDocumentList found, BitCode query) {
    List<CodeMatch> matches = new ArrayList<>(found.size());
    for (SolrDocument d : found) {
      BitCode code = code(d);
      matches.add(new CodeMatch(document(d), code, distance.distance(code, query)));
    }
    return matches;
  }

  @Override
  public KeywordMatches keyword(String query, Collection<String> labels, int offset, int k) {
    String terms = keywordQuery(query);
    if (terms.isEmpty()) {
      return new KeywordMatches(0, List.of());
    }
    ModifiableSolrParams p = params(terms, k);
    p.set("defType", "dismax"); // no query syntax but quotes, + and - (removed): no input is a syntax error
    p.set("qf", QUERY_FIELDS);
    // each term scores the sum of its fields' BM25 (title boosted), as the local store's query of
    // one clause per field does, not dismax's maximum over the fields
    p.set("tie", "1");
    p.set("mm", "1"); // any term matches, as in the local store
    p.set(CommonParams.START, offset);
    p.set(CommonParams.FL, STORED + ",score");
    filter(p, labels);
    SolrDocumentList found = query(p).getResults();
    Set<String> analysed = new HashSet<>(analyzer.tokens(query));
    List<KeywordMatch> matches = new ArrayList<>(found.size());
    for (SolrDocument d : found) {
      Document doc = document(d);
      float score = ((Number) d.getFieldValue("score")).floatValue();
      matches.add(new KeywordMatch(doc, code(d), score, excerpter.excerpt(AuthorText.of(doc.text()), analysed)));
    }
    return new KeywordMatches(found.getNumFound(), matches);
  }

  /**
   * The query's words for dismax: its first {@value LuceneDocumentStore#MAX_QUERY_TERMS} distinct
   * whitespace-separated words, with the three characters dismax reads as syntax taken out.
   */
  static String keywordQuery(String query) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : query.replace('"', ' ').replace('+', ' ').replace('-', ' ').strip().split("\\s+")) {
      if (!w.isEmpty() && words.size() < LuceneDocumentStore.MAX_QUERY_TERMS) {
        words.add(w);
      }
    }
    return String.join(" ", words);
  }

  @Override
  public List<String> excerpts(List<String> texts, String query) {
    return excerpter.excerpts(texts, new HashSet<>(analyzer.tokens(query)));
  }

  @Override
  public Optional<CodedDocument> get(String id) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("id", id);
    p.set(CommonParams.FL, STORED);
    NamedList<Object> response = nodes.request(new QueryRequest(p, SolrRequest.METHOD.POST) {
      @Override
      public String getPath() {
        return "/get";
      }
    }, collection);
    Object doc = response.get("doc");
    return doc instanceof SolrDocument d ? Optional.of(new CodedDocument(document(d), code(d))) : Optional.empty();
  }

  @Override
  public AddResult put(List<Document> documents, List<BitCode> codes) {
    if (documents.size() != codes.size()) {
      throw new IllegalArgumentException(documents.size() + " documents but " + codes.size() + " codes");
    }
    Set<String> stored = storedIds(documents.stream().map(Document::id).toList());
    UpdateRequest update = update(documents, codes);
    update.setAction(UpdateRequest.ACTION.COMMIT, true, true);
    nodes.request(update, collection);
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (Document d : documents) {
      (stored.contains(d.id()) ? replaced : added).add(d.id());
    }
    return new AddResult(added, replaced);
  }

  /** Sends documents with their codes without committing: for bulk loads, {@link #commit} ends them. */
  public void send(List<Document> documents, List<BitCode> codes) {
    nodes.request(update(documents, codes), collection);
  }

  /** A hard commit opening a new searcher on every replica; returns when Solr has done it. */
  public void commit() {
    UpdateRequest commit = new UpdateRequest();
    commit.setAction(UpdateRequest.ACTION.COMMIT, true, true);
    nodes.request(commit, collection);
  }

  private UpdateRequest update(List<Document> documents, List<BitCode> codes) {
    UpdateRequest update = new UpdateRequest();
    for (int i = 0; i < documents.size(); i++) {
      BitCode code = codes.get(i);
      if (code.bits() != bits) {
        throw new IllegalArgumentException("a " + code.bits() + "-bit code for a collection of " + bits + "-bit codes");
      }
      Document d = documents.get(i);
      SolrInputDocument in = new SolrInputDocument();
      in.addField(ID, d.id());
      in.addField(TITLE, d.title());
      in.addField(TEXT, d.text());
      for (String label : d.labels()) {
        in.addField(LABELS, label);
      }
      in.addField(SPLIT, d.split().label());
      in.addField(CODE, code.toHex());
      update.add(in);
    }
    return update;
  }

  /** Which of {@code ids} are stored now (real-time get: committed or not). */
  private Set<String> storedIds(List<String> ids) {
    Set<String> stored = new HashSet<>();
    for (int from = 0; from < ids.size(); from += PAGE) {
      ModifiableSolrParams p = new ModifiableSolrParams();
      for (String id : ids.subList(from, Math.min(ids.size(), from + PAGE))) {
        // the ids parameter is split at commas; a backslash escapes one
        p.add("ids", id.replace("\\", "\\\\").replace(",", "\\,"));
      }
      p.set(CommonParams.FL, ID);
      NamedList<Object> response = nodes.request(new QueryRequest(p, SolrRequest.METHOD.POST) {
        @Override
        public String getPath() {
          return "/get";
        }
      }, collection);
      if (response.get("response") instanceof SolrDocumentList docs) {
        docs.forEach(d -> stored.add((String) d.getFieldValue(ID)));
      }
    }
    return stored;
  }

  @Override
  public boolean delete(String id) {
    if (get(id).isEmpty()) {
      return false;
    }
    UpdateRequest update = new UpdateRequest();
    update.deleteById(id);
    update.setAction(UpdateRequest.ACTION.COMMIT, true, true);
    nodes.request(update, collection);
    return true;
  }

  @Override
  public List<BitCode> codes() {
    List<BitCode> codes = new ArrayList<>();
    walk(ID + "," + CODE, d -> codes.add(code(d)));
    return codes;
  }

  @Override
  public boolean forEachDocument(Consumer<CodedDocument> sink) {
    walk(STORED, d -> sink.accept(new CodedDocument(document(d), code(d))));
    return true;
  }

  /** Every document in id order, a page at a time (Solr's cursor: each page one searcher). */
  private void walk(String fields, Consumer<SolrDocument> sink) {
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      ModifiableSolrParams p = params("*:*", PAGE);
      p.set(CommonParams.SORT, ID + " asc");
      p.set(CommonParams.FL, fields);
      p.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse r = query(p);
      r.getResults().forEach(sink);
      String nextCursor = r.getNextCursorMark();
      if (nextCursor == null || nextCursor.equals(cursor)) {
        return;
      }
      cursor = nextCursor;
    }
  }

  private static ModifiableSolrParams params(String q, int rows) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, q);
    p.set(CommonParams.ROWS, rows);
    return p;
  }

  /** Documents with at least one of the labels, as a filter applied inside the search. */
  private static void filter(ModifiableSolrParams p, Collection<String> labels) {
    if (labels.isEmpty()) {
      return;
    }
    StringBuilder fq = new StringBuilder(LABELS).append(":(");
    boolean first = true;
    for (String label : new LinkedHashSet<>(labels)) {
      fq.append(first ? "" : " OR ").append(ClientUtils.escapeQueryChars(label));
      first = false;
    }
    p.set(CommonParams.FQ, fq.append(')').toString());
  }

  private QueryResponse query(ModifiableSolrParams p) {
    QueryRequest request = new QueryRequest(p, SolrRequest.METHOD.POST); // long filters fit in a body
    QueryResponse response = new QueryResponse(nodes.request(request, collection), nodes);
    return response;
  }

  private static Document document(SolrDocument d) {
    List<String> labels = new ArrayList<>();
    Collection<Object> values = d.getFieldValues(LABELS);
    if (values != null) {
      values.forEach(v -> labels.add(v.toString()));
    }
    Object split = d.getFieldValue(SPLIT);
    Object title = d.getFieldValue(TITLE);
    Object text = d.getFieldValue(TEXT);
    return new Document((String) d.getFieldValue(ID), title == null ? "" : title.toString(),
        text == null ? "" : text.toString(), labels, split == null ? Split.TRAIN : Split.parse(split.toString()));
  }

  /** The code of a document: hex from the index's docValues, or as sent when a real-time get reads the update log. */
  private BitCode code(SolrDocument d) {
    Object value = d.getFieldValue(CODE);
    if (value instanceof String hex) {
      return BitCode.fromHex(hex, bits);
    }
    if (value instanceof byte[] b) {
      return BitCode.fromBytes(bits, b, 0, b.length);
    }
    if (value instanceof ByteBuffer b && b.hasArray()) {
      return BitCode.fromBytes(bits, b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    throw new BackendRejectedException(422, "Solr document '" + d.getFieldValue(ID) + "' in collection " + collection
        + " has no code (field '" + CODE + "')", null);
  }

  @Override
  public void close() {
    nodes.close();
  }
}
