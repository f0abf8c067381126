package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Document;
import io.semhash.search.KeywordSearchService;
import io.semhash.search.Rerank;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.text.TermAnalyzer;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.rerank}: what a search without a {@code rerank} parameter gets. Real servers over
 * the planted-topic index: one configured {@code asymmetric}, one {@code none}, and a categorical
 * model configured {@code asymmetric}, which it does not suit. Each default is compared with the
 * same server's answer to the explicit parameter, so the test holds whatever the re-rank's order.
 */
class RerankDefaultTest {
  @TempDir static Path dir;
  static SemanticSearchService binary;
  static SemanticSearchService categorical;
  static SemhashServer asymmetric;
  static SemhashServer none;
  static SemhashServer categoricalAsymmetric;

  @BeforeAll
  static void start() throws IOException {
    binary = SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("binary")));
    categorical = SemanticSearchService.open(PlantedTopicIndex.buildCategorical(dir.resolve("categorical")));
    SemhashConfig.Server settings = new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "");
    asymmetric = SemhashServer.start(binary, settings.withRerank("asymmetric"));
    none = SemhashServer.start(binary, settings.withRerank("none"));
    categoricalAsymmetric = SemhashServer.start(categorical, settings.withRerank("asymmetric"));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {asymmetric, none, categoricalAsymmetric, binary, categorical}) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Queries: the planted topics' words, and the openings of a few documents. */
  private static List<String> queries() {
    List<String> queries = new ArrayList<>(List.of("tbxa tbxd", "sharedxa sharedxb tcxa"));
    for (Document d : PlantedTopicIndex.documents().subList(0, 6)) {
      queries.add(d.text().substring(0, 60));
    }
    return queries;
  }

  private static JsonNode search(SemhashServer server, String query, String extra) {
    Reply r = new HttpProbe(server.port()).get("/api/search?k=30&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> ids(JsonNode response) {
    List<String> ids = new ArrayList<>();
    response.get("results").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void aSearchWithoutTheParameterGetsTheConfiguredReRank() {
    int reordered = 0;
    for (String q : queries()) {
      for (String mode : new String[] {"", "&mode=hybrid"}) {
        JsonNode byDefault = search(asymmetric, q, mode);
        JsonNode explicit = search(asymmetric, q, mode + "&rerank=asymmetric");
        assertThat(byDefault.get("rerank").asText()).isEqualTo("asymmetric");
        assertThat(ids(byDefault)).as(q + mode).isEqualTo(ids(explicit));
        JsonNode plain = search(asymmetric, q, mode + "&rerank=none");
        assertThat(plain.get("rerank").asText()).isEqualTo("none");
        assertThat(ids(plain)).as("rerank=none is the other server's default").isEqualTo(ids(search(none, q, mode)));
        if (!ids(plain).equals(ids(byDefault))) {
          reordered++;
        }
      }
      // rerank=none keeps the Hamming order: distances never fall down the page
      int[] distances = new int[30];
      JsonNode results = search(asymmetric, q, "&rerank=none").get("results");
      for (int i = 0; i < results.size(); i++) {
        distances[i] = results.get(i).get("distance").asInt();
      }
      int[] prefix = Arrays.copyOf(distances, results.size());
      assertThat(prefix).isSorted();
    }
    assertThat(reordered).as("the two defaults must differ somewhere, or this test shows nothing").isPositive();
    assertThat(search(none, "tbxa", "").get("rerank").asText()).isEqualTo("none");
    assertThat(search(asymmetric, "tbxa", "&mode=keyword").get("rerank").asText())
        .as("keyword search has no semantic ranking to re-rank").isEqualTo("none");
  }

  @Test
  void statsHealthAndOpenApiTellTheDefault() {
    HttpProbe http = new HttpProbe(asymmetric.port());
    JsonNode stats = http.get("/api/stats").json();
    assertThat(stats.get("default_rerank").asText()).isEqualTo("asymmetric");
    assertThat(stats.get("reranks").toString()).isEqualTo("[\"none\",\"asymmetric\"]");
    assertThat(http.get("/api/health").json().get("default_rerank").asText()).isEqualTo("asymmetric");
    JsonNode rerankParam = null;
    for (JsonNode p : http.get("/openapi.json").json().at("/paths/~1api~1search/get/parameters")) {
      if (p.get("name").asText().equals("rerank")) {
        rerankParam = p;
      }
    }
    assertThat(rerankParam).isNotNull();
    assertThat(rerankParam.at("/schema/default").asText()).isEqualTo("asymmetric");
    assertThat(new HttpProbe(none.port()).get("/api/stats").json().get("default_rerank").asText()).isEqualTo("none");
  }

  @Test
  void aServiceTheReRankDoesNotSuitIsServedWithout() throws IOException {
    // a categorical model: the configured re-rank where the service applies it, else none
    HttpProbe http = new HttpProbe(categoricalAsymmetric.port());
    JsonNode stats = http.get("/api/stats").json();
    List<String> reranks = new ArrayList<>();
    stats.get("reranks").forEach(r -> reranks.add(r.asText()));
    assertThat(reranks).isEqualTo(categorical.reranks().stream().map(Rerank::label).toList()).contains("none");
    String expected = reranks.contains("asymmetric") ? "asymmetric" : "none";
    assertThat(stats.get("default_rerank").asText()).isEqualTo(expected);
    for (String q : queries()) {
      JsonNode r = search(categoricalAsymmetric, q, "");
      assertThat(r.get("rerank").asText()).isEqualTo(expected);
      assertThat(ids(r)).isEqualTo(ids(search(categoricalAsymmetric, q, "&rerank=" + expected)));
    }
    // no model at all: keyword search, nothing to re-rank
    try (KeywordSearchService keyword = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
        SemhashServer server = SemhashServer.start(keyword,
            new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "").withRerank("asymmetric"))) {
      keyword.add(PlantedTopicIndex.documents().subList(0, 20));
      JsonNode kstats = new HttpProbe(server.port()).get("/api/stats").json();
      assertThat(kstats.get("default_rerank").asText()).isEqualTo("none");
      assertThat(search(server, "tbxa", "").get("rerank").asText()).isEqualTo("none");
    }
  }

  @Test
  void theConfigurationRefusesAnUnknownReRankNamingTheKey() {
    SemhashConfig.Server settings = new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> settings.withRerank("fancy")))
        .hasMessage("server.rerank must be one of none, asymmetric, got 'fancy'");
    assertThat(SemhashConfig.Server.RERANKS).as("the configuration's values are the API's")
        .isEqualTo(Arrays.stream(Rerank.values()).map(Rerank::label).toList());
  }
}
