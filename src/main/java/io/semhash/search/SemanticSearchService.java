package io.semhash.search;

import io.semhash.backend.AddResult;
import io.semhash.backend.CodeMatch;
import io.semhash.backend.CodeMatches;
import io.semhash.backend.KeywordMatch;
import io.semhash.backend.KeywordMatches;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.AsymmetricDistance;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.SymbolDistance;
import io.semhash.corpus.Document;
import io.semhash.explain.BitReport;
import io.semhash.explain.MatchExplanation;
import io.semhash.index.HammingIndex;
import io.semhash.indexdir.IndexLayout;
import io.semhash.indexdir.IndexManifest;
import io.semhash.indexdir.LocalIndexBackend;
import io.semhash.json.ApiJson;
import io.semhash.explain.ClassUsage;
import io.semhash.codes.CodeSpec;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelManifest;
import io.semhash.model.SparseEncoder;
import io.semhash.shards.ShardedIndexBackend;
import io.semhash.shards.ShardedLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query pipeline with a model: the model encodes queries and new documents, the {@link
 * SearchBackend} finds codes and keywords and holds the documents. Explanations are {@link
 * Explanations}' and hybrid fusion {@link HybridRanking}'s.
 *
 * <p>Modes: {@code semantic} ranks by distance to the query's code (Hamming, or symbols for
 * categorical codes; ties by storage order); {@code keyword} is BM25; {@code hybrid} fuses the semantic and keyword top {@value
 * HybridRanking#DEPTH} (at least offset + k) by reciprocal rank fusion.
 *
 * <p>Durability and read consistency are the backend's (see {@link SearchBackend}); adds and
 * deletes are serialised here as well, so a batch is encoded and stored as one write.
 */
public final class SemanticSearchService implements SearchService {
  private final HashingModel model;
  private final SearchBackend backend;
  private final SymbolDistance distance;
  private final BuildFigures figures;
  private final Explanations explanations;

  /**
   * What the build measured, for the stats page: P@k of the test split against the train split
   * and the distribution of query-to-document distances; empty when unknown.
   */
  public record BuildFigures(List<ServiceStats.PrecisionAtK> precisionAtK, List<ServiceStats.DistanceCount> distances,
      ServiceStats.MeanCoherence coherence) {
    public BuildFigures {
      precisionAtK = List.copyOf(precisionAtK);
      distances = List.copyOf(distances);
    }

    public static BuildFigures none() {
      return new BuildFigures(List.of(), List.of(), null);
    }

    /** The figures an index directory's manifest recorded. */
    public static BuildFigures of(IndexManifest manifest) {
      IndexManifest.MeanCoherence c = manifest.coherence();
      return new BuildFigures(
          manifest.precisionAtK().stream().map(p -> new ServiceStats.PrecisionAtK(p.k(), p.precision())).toList(),
          manifest.distances().stream().map(d -> new ServiceStats.DistanceCount(d.distance(), d.count())).toList(),
          c == null ? null : new ServiceStats.MeanCoherence(c.words(), c.contrast(), c.decoder(), c.randomFrequent()));
    }
  }

  private SemanticSearchService(HashingModel model, SearchBackend backend, BuildFigures figures) {
    CodeShape shape = codeShape(model);
    if (!backend.shape().equals(shape)) {
      throw new IllegalArgumentException("the backend holds " + backend.shape().description() + " codes, the model makes "
          + shape.description() + " codes");
    }
    this.model = model;
    this.backend = backend;
    this.distance = SymbolDistance.of(shape);
    this.figures = figures;
    this.explanations = new Explanations(model, backend);
  }

  /** A service answering from {@code backend} with {@code model}; closing the service closes the backend. */
  public static SemanticSearchService over(HashingModel model, SearchBackend backend, BuildFigures figures) {
    return new SemanticSearchService(model, backend, figures);
  }

  /**
   * Opens an index directory built by {@code semhash build} or {@code semhash index}: every part
   * is checked (checksums) and repaired after a crash (see {@link LocalIndexBackend#open}). A
   * sharded directory ({@link ShardedLayout}) is served by scatter-gather over its shards ({@link
   * ShardedIndexBackend}), read-only.
   */
  public static SemanticSearchService open(Path dir) throws IOException {
    if (ShardedLayout.isSharded(dir)) {
      HashingModel model = HashingModel.load(dir.resolve(ShardedLayout.MODEL));
      ShardedIndexBackend backend = ShardedIndexBackend.open(dir, codeShape(model), d -> model.code(d.fullText()));
      return new SemanticSearchService(model, backend, BuildFigures.none());
    }
    IndexManifest manifest = IndexLayout.readManifest(dir);
    HashingModel model = HashingModel.load(dir.resolve(IndexLayout.MODEL));
    LocalIndexBackend backend = LocalIndexBackend.open(dir, codeShape(model), d -> model.code(d.fullText()));
    return new SemanticSearchService(model, backend, BuildFigures.of(manifest));
  }

  /** The shape of the model's codes. */
  private static CodeShape codeShape(HashingModel model) {
    return model.codeShape();
  }

  public HashingModel model() {
    return model;
  }

  /** Where the documents and codes live. */
  public SearchBackend backend() {
    return backend;
  }

  @Override
  public SearchMode defaultMode() {
    return SearchMode.SEMANTIC;
  }

  /** {@code none} and {@code asymmetric}, for binary and categorical models alike. */
  @Override
  public List<Rerank> reranks() {
    return List.of(Rerank.NONE, Rerank.ASYMMETRIC);
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    long start = System.nanoTime();
    SearchMode mode = request.mode() == null ? SearchMode.SEMANTIC : request.mode();
    // the logits once: the code is theirs, and an asymmetric re-rank needs them too
    float[] logits = model.logits(request.query());
    BitCode query = model.codeSpec().code(logits);
    return switch (mode) {
      case SEMANTIC -> semantic(request, query, logits, start);
      case KEYWORD -> keyword(request, query, start);
      case HYBRID -> hybrid(request, query, logits, start);
    };
  }

  private CodeMatches byCode(SearchRequest request, BitCode query, int offset, int k) {
    return request.maxDistance() != null
        ? backend.within(query, request.maxDistance(), offset, k, request.labels())
        : backend.nearest(query, offset, k, request.labels());
  }

  private SearchResponse semantic(SearchRequest request, BitCode query, float[] logits, long start) {
    if (request.rerank() == Rerank.ASYMMETRIC) {
      Reranked r = reranked(request, query, logits, request.offset(), request.k());
      return response(query, r.page().total(), hits(r.page().matches(), r.scores(), request.query()), SearchMode.SEMANTIC,
          Rerank.ASYMMETRIC, start);
    }
    CodeMatches page = byCode(request, query, request.offset(), request.k());
    return response(query, page.total(), hits(page.matches(), null, request.query()), SearchMode.SEMANTIC, Rerank.NONE, start);
  }

  /** A page of code matches in re-ranked order, with each one's score. */
  private record Reranked(CodeMatches page, double[] scores) {}

  /**
   * Matches {@code offset .. offset + k - 1} of the first {@link AsymmetricDistance#CANDIDATES}
   * (at least offset + k) Hamming (symbol, for categorical codes) matches ordered by the query's
   * likelihood; each score is 1 − distance / the largest distance ({@link
   * AsymmetricDistance#maximum}), 1 for the query's own code and 0 for its least likely one.
   */
  private Reranked reranked(SearchRequest request, BitCode query, float[] logits, int offset, int k) {
    AsymmetricDistance asymmetric = AsymmetricDistance.of(model.codeSpec(), logits);
    CodeMatches page = backend.reordered(query, request.maxDistance(), Math.max(offset + k, AsymmetricDistance.CANDIDATES),
        offset, k, request.labels(), asymmetric::rerank);
    double whole = asymmetric.maximum();
    double[] scores = new double[page.matches().size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = whole == 0 ? 1 : 1 - asymmetric.distance(page.matches().get(i).code()) / whole;
    }
    return new Reranked(page, scores);
  }

  private SearchResponse keyword(SearchRequest request, BitCode query, long start) {
    KeywordMatches page = backend.keyword(request.query(), request.labels(), request.offset(), request.k());
    List<SearchHit> hits = new ArrayList<>();
    for (KeywordMatch m : page.matches()) {
      Document d = m.document();
      hits.add(new SearchHit(d.id(), d.title(), m.excerpt(), d.labels(), distance.distance(m.code(), query), m.score(), m.code().toHex()));
    }
    return response(query, page.total(), hits, SearchMode.KEYWORD, Rerank.NONE, start);
  }

  private SearchResponse hybrid(SearchRequest request, BitCode query, float[] logits, long start) {
    int depth = Math.max(HybridRanking.DEPTH, request.offset() + request.k());
    CodeMatches semantic = request.rerank() == Rerank.ASYMMETRIC
        ? reranked(request, query, logits, 0, depth).page()
        : byCode(request, query, 0, depth);
    KeywordMatches keyword = backend.keyword(request.query(), request.labels(), 0, depth);
    Map<String, CodeMatch> byId = new LinkedHashMap<>();
    semantic.matches().forEach(m -> byId.put(m.document().id(), m));
    for (KeywordMatch m : keyword.matches()) {
      byId.putIfAbsent(m.document().id(), new CodeMatch(m.document(), m.code(), distance.distance(m.code(), query)));
    }
    List<HybridRanking.Fused<String>> ranked = HybridRanking.fuse(
        semantic.matches().stream().map(m -> m.document().id()).toList(),
        keyword.matches().stream().map(m -> m.document().id()).toList());
    List<HybridRanking.Fused<String>> page =
        ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(ranked.size(), request.offset() + request.k()));
    List<CodeMatch> matches = page.stream().map(f -> byId.get(f.key())).toList();
    double[] scores = page.stream().mapToDouble(HybridRanking.Fused::score).toArray();
    return response(query, ranked.size(), hits(matches, scores, request.query()), SearchMode.HYBRID, request.rerank(), start);
  }

  /**
   * Hits for matches found by code, with excerpts for {@code query}.
   *
   * @param scores one per match, or null for the semantic score 1 - distance / groups (bits, for
   *     binary codes)
   */
  private List<SearchHit> hits(List<CodeMatch> matches, double[] scores, String query) {
    List<String> excerpts = backend.excerpts(matches.stream().map(m -> m.document().text()).toList(), query);
    List<SearchHit> hits = new ArrayList<>(matches.size());
    for (int i = 0; i < matches.size(); i++) {
      CodeMatch m = matches.get(i);
      Document d = m.document();
      double score = scores == null ? 1.0 - m.distance() / (double) distance.shape().groups() : scores[i];
      hits.add(new SearchHit(d.id(), d.title(), excerpts.get(i), d.labels(), m.distance(), score, m.code().toHex()));
    }
    return hits;
  }

  private SearchResponse response(BitCode query, long total, List<SearchHit> hits, SearchMode mode, Rerank rerank, long start) {
    return new SearchResponse(query.toHex(), model.bits(), model.codeSpec(), total, (System.nanoTime() - start) / 1e6, hits, mode,
        rerank);
  }

  @Override
  public Optional<StoredDocument> document(String id) {
    return backend.get(id).map(e -> {
      Document d = e.document();
      return new StoredDocument(d.id(), d.title(), d.text(), d.labels(), d.split().label(), e.code().toHex(), model.bits(),
          model.codeSpec());
    });
  }

  @Override
  public Optional<SearchResponse> similar(String id, int k) {
    long start = System.nanoTime();
    return backend.get(id).map(entry -> {
      BitCode code = entry.code();
      CodeMatches near = backend.nearest(code, 0, Math.min(k + 1, HammingIndex.MAX_K), List.of());
      List<CodeMatch> others = near.matches().stream()
          .filter(m -> !m.document().id().equals(id))
          .limit(k)
          .toList();
      return response(code, backend.count() - 1, hits(others, null, entry.document().title()), SearchMode.SEMANTIC, Rerank.NONE, start);
    });
  }

  @Override
  public EncodedText encode(String text) {
    float[] eta = model.logits(text);
    CodeSpec spec = model.codeSpec();
    String hex = spec.code(eta).toHex();
    if (!spec.categorical()) {
      float[] p = SparseEncoder.probabilities(eta);
      double[] probabilities = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        probabilities[i] = p[i];
      }
      return new EncodedText(hex, model.bits(), spec, probabilities, null);
    }
    float[][] p = spec.classProbabilities(eta);
    double[][] classes = new double[p.length][];
    for (int g = 0; g < p.length; g++) {
      classes[g] = new double[p[g].length];
      for (int c = 0; c < p[g].length; c++) {
        classes[g][c] = p[g][c];
      }
    }
    return new EncodedText(hex, model.bits(), spec, null, classes);
  }

  @Override
  public synchronized AddResult add(List<Document> documents) {
    Map<String, Document> batch = new LinkedHashMap<>(); // the last of repeated ids wins
    documents.forEach(d -> batch.put(d.id(), d));
    List<Document> unique = List.copyOf(batch.values());
    List<BitCode> codes = unique.parallelStream().map(d -> model.code(d.fullText())).toList();
    return backend.put(unique, codes);
  }

  @Override
  public synchronized boolean delete(String id) {
    return backend.delete(id);
  }

  @Override
  public BitReport bits(int top) {
    return explanations.bits(top);
  }

  @Override
  public Optional<MatchExplanation> explain(String query, String id) {
    return explanations.explain(query, id);
  }

  @Override
  public Optional<MatchExplanation> explainPair(String a, String b) {
    return explanations.explainPair(a, b);
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
    CodeShape shape = distance.shape();
    ClassUsage usage = shape.isBinary() ? null : ClassUsage.of(shape, backend.codes());
    return new ServiceStats(backend.count(), SearchMode.SEMANTIC, List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID),
        Rerank.NONE, reranks(), model.bits(), model.codeSpec(), usage, modelJson, training, figures.precisionAtK(), figures.distances(),
        backend.labelCounts(), figures.coherence());
  }

  @Override
  public void close() {
    backend.close();
  }
}
