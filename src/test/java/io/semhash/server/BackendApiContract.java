package io.semhash.server;

import static io.semhash.testing.BitLikelihood.negativeLogLikelihood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.codes.BitCode;
import io.semhash.codes.SymbolDistance;
import io.semhash.corpus.Document;
import io.semhash.explain.CodeFeatures;
import io.semhash.model.HashingModel;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.testing.PlantedTopicIndex;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's search, document, similar, explain, write and error cases, run against a real
 * server over any backend that holds {@link PlantedTopicIndex}'s documents: the local index
 * directory ({@code LocalBackendApiTest}) and a SolrCloud collection ({@code
 * SolrCloudBackendApiTest} in {@code scale/serve-solr}). Each answer is checked against a
 * brute-force reference computed here from the documents and the model, in a way that holds for
 * either backend's tie order: the distances of a page are the reference's, in order, and the ids
 * strictly nearer than a page's last distance are exactly the reference's. Distances are the
 * model's: Hamming distance for a binary model, symbol distance for a categorical one, so the same
 * cases run over an index of either.
 */
public abstract class BackendApiContract {
  protected static final String TOKEN = "contract-token";
  private static final String AUTH = "Bearer " + TOKEN;
  protected static final int MAX_K = 40;

  /** A server over the planted-topic documents, written with {@link #TOKEN} and {@link #MAX_K}, and its model. */
  protected record Served(int port, HashingModel model) {}

  protected abstract Served served();

  private HttpProbe http() {
    return new HttpProbe(served().port());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private record Ref(Document document, BitCode code) {}

  private List<Ref> reference() {
    HashingModel model = served().model();
    return PlantedTopicIndex.documents().stream().map(d -> new Ref(d, model.code(d.fullText()))).toList();
  }

  /** The served model's distance: Hamming, or symbol distance for a categorical model. */
  private int distance(BitCode a, BitCode b) {
    return SymbolDistance.of(served().model().codeShape()).distance(a, b);
  }

  /** Largest distance: the model's groups (bits, for a binary model). */
  private int groups() {
    return served().model().codeShape().groups();
  }

  /** The reference's distances to {@code query} of the documents passing {@code filter}, nearest first. */
  private List<Integer> distances(BitCode query, Predicate<Ref> filter) {
    return reference().stream().filter(filter).map(r -> distance(r.code(), query)).sorted().toList();
  }

  /** Checks one page of a search against the reference (see the class comment). */
  private void assertExactPage(JsonNode results, BitCode query, Predicate<Ref> filter, int offset, int k) {
    List<Integer> all = distances(query, filter);
    List<Integer> expected = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + k));
    List<Integer> actual = new ArrayList<>();
    Map<String, Ref> byId = reference().stream().collect(Collectors.toMap(r -> r.document().id(), r -> r));
    Set<String> ids = new HashSet<>();
    for (JsonNode hit : results) {
      String id = hit.get("id").asText();
      Ref ref = byId.get(id);
      assertThat(ref).as("hit %s is a stored document", id).isNotNull();
      assertThat(filter.test(ref)).as("hit %s passes the filter", id).isTrue();
      assertThat(hit.get("code_hex").asText()).as("code of %s", id).isEqualTo(ref.code().toHex());
      assertThat(hit.get("distance").asInt()).as("distance of %s", id).isEqualTo(distance(ref.code(), query));
      assertThat(hit.get("labels").get(0).asText()).isEqualTo(ref.document().labels().get(0));
      assertThat(ids.add(id)).as("%s once", id).isTrue();
      actual.add(hit.get("distance").asInt());
    }
    assertThat(actual).as("distances of the page").isEqualTo(expected);
    if (offset == 0 && !expected.isEmpty()) {
      int last = expected.get(expected.size() - 1);
      Set<String> nearer = reference().stream().filter(filter).filter(r -> distance(r.code(), query) < last)
          .map(r -> r.document().id()).collect(Collectors.toSet());
      assertThat(ids).as("every document nearer than the page's last").containsAll(nearer);
    }
  }

  private static final List<String> QUERIES = List.of("tbxa tbxd", "sharedxa sharedxb tcxa");

  @Test
  void semanticSearchIsExactForManyQueriesAndPages() {
    for (String text : allQueries()) {
      BitCode code = served().model().code(text);
      for (int k : new int[] {1, 5, 17, MAX_K}) {
        Reply r = http().get("/api/search?q=" + q(text) + "&k=" + k);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("code_hex").asText()).isEqualTo(code.toHex());
        assertThat(r.json().get("total").asLong()).isEqualTo(reference().size());
        assertExactPage(r.json().get("results"), code, d -> true, 0, k);
      }
      // pages concatenate to the full ranking (the backend's tie order is stable)
      List<String> full = ids(http().get("/api/search?q=" + q(text) + "&k=30").json());
      List<String> paged = new ArrayList<>();
      for (int offset = 0; offset < 30; offset += 7) {
        JsonNode page = http().get("/api/search?q=" + q(text) + "&k=" + Math.min(7, 30 - offset) + "&offset=" + offset).json();
        assertExactPage(page.get("results"), code, d -> true, offset, Math.min(7, 30 - offset));
        paged.addAll(ids(page));
      }
      assertThat(paged).isEqualTo(full);
    }
  }

  /** Queries in the planted vocabularies, plus each topic's words as the documents use them. */
  private List<String> allQueries() {
    List<String> queries = new ArrayList<>(QUERIES);
    for (Ref r : reference().subList(0, 3)) {
      queries.add(r.document().text().substring(0, 60));
    }
    return queries;
  }

  private static List<String> ids(JsonNode response) {
    List<String> ids = new ArrayList<>();
    response.get("results").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void labelFiltersApplyDuringTheSearch() {
    for (String text : allQueries()) {
      BitCode code = served().model().code(text);
      Reply one = http().get("/api/search?q=" + q(text) + "&k=15&labels=topic1");
      assertThat(one.status()).as(one.body()).isEqualTo(200);
      assertThat(one.json().get("total").asLong()).isEqualTo(20);
      assertThat(one.json().get("results")).hasSize(15);
      assertExactPage(one.json().get("results"), code, r -> r.document().labels().contains("topic1"), 0, 15);
      Reply two = http().get("/api/search?q=" + q(text) + "&k=30&labels=" + q("topic0,topic2"));
      assertExactPage(two.json().get("results"), code,
          r -> r.document().labels().contains("topic0") || r.document().labels().contains("topic2"), 0, 30);
      assertThat(http().get("/api/search?q=" + q(text) + "&k=5&labels=nosuchlabel").json().get("results")).isEmpty();
    }
  }

  @Test
  void radiusSearchFindsExactlyTheCodesWithinTheDistance() {
    for (String text : allQueries()) {
      BitCode code = served().model().code(text);
      for (int radius : new int[] {0, 2, 5, groups()}) {
        Reply r = http().get("/api/search?q=" + q(text) + "&k=" + MAX_K + "&maxDistance=" + radius);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long within = distances(code, d -> true).stream().filter(d -> d <= radius).count();
        assertThat(r.json().get("total").asLong()).as("total within %d", radius).isEqualTo(within);
        assertExactPage(r.json().get("results"), code, d -> distance(d.code(), code) <= radius, 0, MAX_K);
      }
    }
  }

  @Test
  void keywordSearchFindsTheDocumentsHoldingTheWords() {
    Reply r = http().get("/api/search?q=" + q("tbxa") + "&k=" + MAX_K + "&mode=keyword");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Set<String> holding = reference().stream()
        .filter(d -> List.of(d.document().text().split(" ")).contains("tbxa"))
        .map(d -> d.document().id()).collect(Collectors.toSet());
    assertThat(holding).isNotEmpty();
    assertThat(r.json().get("total").asLong()).isEqualTo(holding.size());
    assertThat(new HashSet<>(ids(r.json()))).isEqualTo(holding);
    double previous = Double.MAX_VALUE;
    for (JsonNode hit : r.json().get("results")) {
      assertThat(hit.get("score").asDouble()).isPositive().isLessThanOrEqualTo(previous);
      previous = hit.get("score").asDouble();
      assertThat(hit.get("snippet").asText()).contains("tbxa");
    }
    Reply filtered = http().get("/api/search?q=" + q("tbxa sharedxa") + "&k=" + MAX_K + "&mode=keyword&labels=topic2");
    for (JsonNode hit : filtered.json().get("results")) {
      assertThat(hit.get("labels").get(0).asText()).isEqualTo("topic2");
    }
    Reply hybrid = http().get("/api/search?q=" + q("tbxa tbxb") + "&k=10&mode=hybrid");
    assertThat(hybrid.status()).as(hybrid.body()).isEqualTo(200);
    assertThat(hybrid.json().get("results")).hasSize(10);
    assertThat(new HashSet<>(ids(hybrid.json()))).hasSize(10);
  }

  @Test
  void documentsAreFoundByIdWithTheirCodes() {
    for (Ref ref : reference()) {
      Reply r = http().get("/api/docs/" + ref.document().id());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode d = r.json();
      assertThat(d.get("id").asText()).isEqualTo(ref.document().id());
      assertThat(d.get("title").asText()).isEqualTo(ref.document().title());
      assertThat(d.get("text").asText()).isEqualTo(ref.document().text());
      assertThat(d.get("labels").get(0).asText()).isEqualTo(ref.document().labels().get(0));
      assertThat(d.get("split").asText()).isEqualTo(ref.document().split().label());
      assertThat(d.get("code_hex").asText()).isEqualTo(ref.code().toHex());
    }
    Reply missing = http().get("/api/docs/no/such/doc");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText()).contains("'no/such/doc'");
  }

  @Test
  void similarIsTheExactNeighboursWithoutTheDocumentItself() {
    for (Ref ref : reference().subList(0, 6)) {
      String id = ref.document().id();
      Reply r = http().get("/api/docs/" + id + "/similar?k=8");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(ids(r.json())).hasSize(8).doesNotContain(id);
      assertExactPage(r.json().get("results"), ref.code(), other -> !other.document().id().equals(id), 0, 8);
    }
    assertThat(http().get("/api/docs/nope/similar?k=3").status()).isEqualTo(404);
  }

  /**
   * Explanations compare features: the bits of a binary code, the (group, class) one-hot bits of a
   * categorical one ({@link CodeFeatures}), whose Hamming distance is twice the symbol distance.
   */
  @Test
  void explanationsCompareTheCodesBitByBit() {
    CodeFeatures features = CodeFeatures.of(served().model());
    Ref ref = reference().get(4);
    String query = "tbxa tbxb tbxc";
    Reply r = http().get("/api/explain?q=" + q(query) + "&id=" + q(ref.document().id()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    BitCode code = features.of(served().model().code(query));
    BitCode right = features.of(ref.code());
    assertThat(r.json().get("left_code").asText()).isEqualTo(code.toHex());
    assertThat(r.json().get("right_code").asText()).isEqualTo(right.toHex());
    assertThat(r.json().get("distance").asInt()).isEqualTo(code.distance(right));
    assertThat(r.json().get("shared").size() + r.json().get("differing").size()).isEqualTo(code.bits());
    Ref other = reference().get(9);
    Reply pair = http().get("/api/docs/" + ref.document().id() + "/explain/" + other.document().id());
    assertThat(pair.json().get("distance").asInt()).isEqualTo(right.distance(features.of(other.code())));
    assertThat(http().get("/api/explain?q=x&id=nope").status()).isEqualTo(404);
    Reply bits = http().get("/api/bits?top=3");
    assertThat(bits.status()).as(bits.body()).isEqualTo(200);
    assertThat(bits.json().get("meanings")).hasSize(features.count());
  }

  @Test
  void statsCountTheDocumentsAndLabels() {
    JsonNode s = http().get("/api/stats").json();
    assertThat(s.get("documents").asLong()).isEqualTo(reference().size());
    assertThat(s.get("bits").asInt()).isEqualTo(served().model().bits());
    Map<String, Long> expected = new TreeMap<>();
    reference().forEach(r -> r.document().labels().forEach(l -> expected.merge(l, 1L, Long::sum)));
    Map<String, Long> actual = new TreeMap<>();
    s.get("labels").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void writesAreAcknowledgedOnceSearchableAndDeletesToo() {
    String body = "{\"id\":\"contract/new\",\"title\":\"Fresh\",\"text\":\"tbxa tbxb tbxc tbxd tbxe\",\"labels\":[\"topicnew\"]}";
    assertThat(http().post("/api/docs", "application/json", body).status()).isEqualTo(403);
    Reply added = http().post("/api/docs", "application/json", body, "Authorization", AUTH);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("added").get(0).asText()).isEqualTo("contract/new");
    try {
      BitCode code = served().model().code("Fresh\ntbxa tbxb tbxc tbxd tbxe");
      // visible at once: by id, by label, by its own code, in the counts
      assertThat(http().get("/api/docs/contract/new").json().get("code_hex").asText()).isEqualTo(code.toHex());
      JsonNode found = http().get("/api/search?q=" + q("Fresh\ntbxa tbxb tbxc tbxd tbxe") + "&k=5&labels=topicnew").json();
      assertThat(ids(found)).containsExactly("contract/new");
      assertThat(found.get("results").get(0).get("distance").asInt()).isZero();
      assertThat(http().get("/api/stats").json().get("documents").asLong()).isEqualTo(reference().size() + 1);
      Reply again = http().post("/api/docs", "application/json",
          "[{\"id\":\"contract/new\",\"text\":\"tcxa tcxb\",\"labels\":[\"topicnew\"]},{\"id\":\"contract/two\",\"text\":\"tbxa\"}]",
          "Authorization", AUTH);
      assertThat(again.status()).as(again.body()).isEqualTo(201);
      assertThat(again.json().get("replaced").get(0).asText()).isEqualTo("contract/new");
      assertThat(again.json().get("added").get(0).asText()).isEqualTo("contract/two");
      assertThat(http().get("/api/docs/contract/new").json().get("text").asText()).isEqualTo("tcxa tcxb");
    } finally {
      assertThat(http().delete("/api/docs/contract/new", "Authorization", AUTH).status()).isEqualTo(200);
      http().delete("/api/docs/contract/two", "Authorization", AUTH);
    }
    assertThat(http().get("/api/docs/contract/new").status()).isEqualTo(404);
    assertThat(http().delete("/api/docs/contract/new", "Authorization", AUTH).status()).isEqualTo(404);
    assertThat(http().get("/api/stats").json().get("documents").asLong()).isEqualTo(reference().size());
  }

  @Test
  void asymmetricRerankOrdersTheCandidatesByTheQuerysLikelihood() {
    // binary or categorical: the reference likelihood is from the model's bit or class probabilities
    HashingModel model = served().model();
    // fewer documents than the candidate depth: the re-rank orders all of them
    assertThat(reference().size()).isLessThan(io.semhash.search.Rerank.CANDIDATES);
    String label = reference().get(0).document().labels().get(0);
    for (String text : allQueries()) {
      float[] logits = model.logits(text);
      for (boolean filtered : new boolean[] {false, true}) {
        Predicate<Ref> filter = filtered ? r -> r.document().labels().contains(label) : r -> true;
        List<Double> expected = reference().stream().filter(filter).map(r -> negativeLogLikelihood(model.codeSpec(), logits, r.code()))
            .sorted().toList();
        String url = "/api/search?q=" + q(text) + "&rerank=asymmetric" + (filtered ? "&labels=" + q(label) : "");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 21; offset += 7) {
          Reply r = http().get(url + "&k=7&offset=" + offset);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(r.json().get("total").asLong()).isEqualTo(expected.size());
          double previous = Double.POSITIVE_INFINITY;
          int i = offset;
          for (JsonNode hit : r.json().get("results")) {
            BitCode code = BitCode.fromHex(hit.get("code_hex").asText(), model.bits());
            // ties (documents of equal codes) may come in either backend's order; the likelihoods may not
            assertThat(negativeLogLikelihood(model.codeSpec(), logits, code)).as("%s, hit %d", url, i).isCloseTo(expected.get(i), within(1e-6));
            assertThat(hit.get("distance").asInt()).isEqualTo(distance(code, model.code(text)));
            double score = hit.get("score").asDouble();
            assertThat(score).as("scores fall down the ranking").isLessThanOrEqualTo(previous + 1e-9).isBetween(0.0, 1.0);
            previous = score;
            paged.add(hit.get("id").asText());
            i++;
          }
        }
        assertThat(paged).as("pages hold distinct documents").doesNotHaveDuplicates()
            .hasSize(Math.min(21, expected.size()));
      }
    }
    // hybrid fuses the re-ranked semantic list with BM25's
    Reply hybrid = http().get("/api/search?q=" + q("tbxa tbxb") + "&k=10&mode=hybrid&rerank=asymmetric");
    assertThat(hybrid.status()).as(hybrid.body()).isEqualTo(200);
    assertThat(new HashSet<>(ids(hybrid.json()))).hasSize(10);
    for (JsonNode hit : hybrid.json().get("results")) {
      BitCode code = BitCode.fromHex(hit.get("code_hex").asText(), model.bits());
      assertThat(hit.get("distance").asInt()).isEqualTo(distance(code, model.code("tbxa tbxb")));
    }
    Reply bad = http().get("/api/search?q=tbxa&rerank=fancy");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asText()).contains("'rerank'");
  }

  @Test
  void badInputIsA400NamingTheParameter() {
    Map<String, String> cases = new TreeMap<>(Map.of(
        "/api/search?q=tbxa&k=0", "'k'",
        "/api/search?q=tbxa&k=" + (MAX_K + 1), "'k'",
        "/api/search?q=tbxa&maxDistance=-1", "'maxDistance'",
        "/api/search?q=tbxa&offset=-2", "'offset'",
        "/api/search?k=3", "'q'",
        "/api/docs/t0/d1/similar?k=0", "'k'"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Reply r = http().get(c.getKey());
      assertThat(r.status()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("message").asText()).as(c.getKey()).contains(c.getValue()).doesNotContain("Exception");
    }
    Reply noText = http().post("/api/docs", "application/json", "{\"id\":\"x\"}", "Authorization", AUTH);
    assertThat(noText.status()).as(noText.body()).isEqualTo(400);
    assertThat(noText.json().get("message").asText().toLowerCase(Locale.ROOT)).contains("text");
    assertThat(http().get("/api/docs/x").status()).isEqualTo(404);
  }
}
