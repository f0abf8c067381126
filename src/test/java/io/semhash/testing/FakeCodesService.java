package io.semhash.testing;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeaning;
import io.semhash.explain.BitReport;
import io.semhash.explain.BitWord;
import io.semhash.backend.AddResult;
import io.semhash.codes.CodeSpec;
import io.semhash.search.EncodedText;
import io.semhash.search.KeywordSearchService;
import io.semhash.search.SearchHit;
import io.semhash.search.Rerank;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SearchService;
import io.semhash.search.ServiceStats;
import io.semhash.search.StoredDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the model-backed service in UI tests: keyword results dressed up with made-up
 * 32-bit codes (a hash of the text) and Hamming distances, plus made-up training and evaluation
 * figures, so the pages' code strips, distance badges and charts have something to draw. Not a
 * semantic search: only the shapes are real.
 */
public final class FakeCodesService implements SearchService {
  private static final int BITS = 32;
  private final KeywordSearchService keyword;

  private FakeCodesService(KeywordSearchService keyword) {
    this.keyword = keyword;
  }

  public static FakeCodesService over(KeywordSearchService keyword) {
    return new FakeCodesService(keyword);
  }

  static int code(String s) {
    int h = s.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  static String hex(int code) {
    byte[] b = {(byte) code, (byte) (code >>> 8), (byte) (code >>> 16), (byte) (code >>> 24)};
    return HexFormat.of().formatHex(b);
  }

  @Override
  public SearchMode defaultMode() {
    return SearchMode.SEMANTIC;
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    SearchMode mode = request.mode() == null ? SearchMode.SEMANTIC : request.mode();
    SearchResponse base = keyword.search(new SearchRequest(
        request.query(), request.k(), request.offset(), request.labels(), null, SearchMode.KEYWORD));
    if (mode == SearchMode.KEYWORD) {
      return base;
    }
    return dress(base, code(request.query()), mode);
  }

  @Override
  public Optional<StoredDocument> document(String id) {
    return keyword.document(id).map(d ->
        new StoredDocument(d.id(), d.title(), d.text(), d.labels(), d.split(), hex(code(d.id())), BITS, CodeSpec.binary(BITS)));
  }

  @Override
  public Optional<SearchResponse> similar(String id, int k) {
    return keyword.similar(id, k).map(r -> dress(r, code(id), SearchMode.SEMANTIC));
  }

  @Override
  public EncodedText encode(String text) {
    int c = code(text);
    double[] p = new double[BITS];
    for (int i = 0; i < BITS; i++) {
      p[i] = ((c >>> i) & 1) == 1 ? 0.9 : 0.1;
    }
    return new EncodedText(hex(c), BITS, CodeSpec.binary(BITS), p, null);
  }

  @Override
  public AddResult add(List<Document> documents) {
    return keyword.add(documents);
  }

  @Override
  public boolean delete(String id) {
    return keyword.delete(id);
  }

  @Override
  public ServiceStats stats() {
    ServiceStats base = keyword.stats();
    List<ServiceStats.Epoch> training = new ArrayList<>();
    for (int e = 1; e <= 12; e++) {
      training.add(new ServiceStats.Epoch(e, 600.0 / (1 + 0.3 * e) + 300, e % 3 == 0 ? null : 0.3 + 0.25 * (1 - Math.exp(-e / 4.0))));
    }
    List<ServiceStats.PrecisionAtK> precision = new ArrayList<>();
    for (int k : new int[] {1, 5, 10, 20, 50, 100, 200}) {
      precision.add(new ServiceStats.PrecisionAtK(k, 0.75 - 0.04 * Math.log(k)));
    }
    List<ServiceStats.DistanceCount> distances = new ArrayList<>();
    for (int d = 0; d <= BITS; d++) {
      distances.add(new ServiceStats.DistanceCount(d, Math.round(1000 * Math.exp(-Math.pow(d - 16, 2) / 18.0))));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("estimator", "zgr");
    model.put("bits", BITS);
    model.put("vocabulary", 2000);
    return new ServiceStats(base.documents(), SearchMode.SEMANTIC,
        List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID), Rerank.NONE, reranks(), BITS, CodeSpec.binary(BITS), null, model,
        training, precision, distances,
        base.labels(), new ServiceStats.MeanCoherence(10, 0.1762, -0.0758, 0.1186));
  }

  /** Made-up meanings ("alpha3", "beta3", ... for bit 3) and the health of 200 hashed codes with bit 0 forced on. */
  @Override
  public BitReport bits(int top) {
    List<BitMeaning> meanings = new ArrayList<>();
    String[] stems = {"alpha", "beta", "gamma", "delta", "omega"};
    for (int b = 0; b < BITS; b++) {
      List<BitWord> on = new ArrayList<>();
      List<BitWord> off = new ArrayList<>();
      for (int w = 0; w < Math.min(top, stems.length); w++) {
        on.add(new BitWord(stems[w] + b, stems[w] + "s" + b, 2.0 - 0.1 * w, 1.5 - 0.1 * w, 0.01, null));
        off.add(new BitWord("not" + stems[w] + b, "not" + stems[w] + "s" + b, -2.0 + 0.1 * w, -1.5 + 0.1 * w, -0.01, null));
      }
      meanings.add(new BitMeaning(b, on, on, off));
    }
    List<BitCode> codes = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      codes.add(BitCode.of(BITS, (code("doc-" + d) & 0xFFFFFFFFL) | 1L));
    }
    return new BitReport(BITS, 0.5, io.semhash.explain.BitMeanings.Rank.DECODER, meanings, BitHealth.of(BITS, codes), null);
  }

  @Override
  public void close() {
    keyword.close();
  }

  private static SearchResponse dress(SearchResponse base, int queryCode, SearchMode mode) {
    List<SearchHit> hits = new ArrayList<>();
    for (SearchHit h : base.results()) {
      int c = code(h.id());
      int distance = Integer.bitCount(c ^ queryCode);
      hits.add(new SearchHit(h.id(), h.title(), h.snippet(), h.labels(), distance, 1.0 - distance / (double) BITS, hex(c)));
    }
    hits.sort(Comparator.comparingInt(SearchHit::distance));
    return new SearchResponse(hex(queryCode), BITS, CodeSpec.binary(BITS), base.total(), base.tookMs(), hits, mode, Rerank.NONE);
  }
}
