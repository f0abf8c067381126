package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.HttpProbe.Reply;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.PlantedTopicIndex;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/explain}, {@code /api/docs/{a}/explain/{b}} and {@code /api/bits} over a real index, and without a model. */
class ExplainApiTest {
  @TempDir static Path dir;
  static SemanticSearchService service;
  static KeywordSearchService keyword;
  static SemhashServer server;
  static SemhashServer keywordServer;
  static HttpProbe http;
  static HttpProbe keywordHttp;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("index")));
    keyword = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    keyword.add(PlantedTopicIndex.documents());
    SemhashConfig.Server settings = new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "");
    server = SemhashServer.start(service, settings);
    keywordServer = SemhashServer.start(keyword, settings);
    http = new HttpProbe(server.port());
    keywordHttp = new HttpProbe(keywordServer.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    keywordServer.close();
    service.close();
    keyword.close();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static void assertError(Reply r, int status, String error, String inMessage) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isEqualTo(error);
    assertThat(r.json().get("message").asText()).contains(inMessage);
  }

  @Test
  void explainsAQueryAgainstAStoredDocument() {
    Reply r = http.get("/api/explain?q=" + q("tbxa tbxb tbxc tbxd") + "&id=" + q("t1/d3"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode e = r.json();
    assertThat(e.get("left_id").isNull()).isTrue();
    assertThat(e.get("right_id").asText()).isEqualTo("t1/d3");
    assertThat(e.get("bits").asInt()).isEqualTo(16);
    assertThat(e.get("shared").size() + e.get("differing").size()).isEqualTo(16);
    assertThat(e.get("distance").asInt()).isEqualTo(e.get("differing").size());
    assertThat(e.get("left_code").asText()).isEqualTo(service.encode("tbxa tbxb tbxc tbxd").hex());
    assertThat(e.get("right_code").asText()).isEqualTo(service.document("t1/d3").orElseThrow().codeHex());
    int full = 0;
    for (String side : new String[] {"shared", "differing"}) {
      for (JsonNode bit : e.get(side)) {
        assertThat(bit.get("on").size()).isLessThanOrEqualTo(5).isEqualTo(bit.get("on_words").size());
        assertThat(bit.get("off").size()).isLessThanOrEqualTo(5).isEqualTo(bit.get("off_words").size());
        full += bit.get("on").size() == 5 || bit.get("off").size() == 5 ? 1 : 0;
      }
    }
    assertThat(full).as("bits with 5 words on a side").isPositive();
    for (JsonNode w : e.get("match_words")) {
      assertThat(w.get("word").asText()).isEqualTo(w.get("term").asText()); // an unstemmed model
    }
  }

  @Test
  void explainsTwoStoredDocumentsWithSlashesInTheirIds() {
    Reply r = http.get("/api/docs/t0/d1/explain/t0/d2");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("left_id").asText()).isEqualTo("t0/d1");
    assertThat(r.json().get("right_id").asText()).isEqualTo("t0/d2");
    assertThat(r.json().get("match_words").size()).isPositive();
    // percent-encoded segments too
    assertThat(http.get("/api/docs/t0%2Fd1/explain/t2%2Fd2").json().get("right_id").asText()).isEqualTo("t2/d2");
  }

  @Test
  void unknownIdsAre404BadInput400() {
    assertError(http.get("/api/explain?q=tbxa&id=nope"), 404, "not_found", "'nope'");
    assertError(http.get("/api/docs/nope/explain/t0/d1"), 404, "not_found", "'nope'");
    assertError(http.get("/api/docs/t0/d1/explain/gone"), 404, "not_found", "'gone'");
    assertError(http.get("/api/explain?id=t0/d1"), 400, "bad_request", "'q'");
    assertError(http.get("/api/explain?q=%20&id=t0/d1"), 400, "bad_request", "'q'");
    assertError(http.get("/api/explain?q=tbxa"), 400, "bad_request", "'id'");
    assertError(http.get("/api/explain?q=" + "a".repeat(5000) + "&id=t0/d1"), 400, "bad_request", "'q'");
    assertError(http.get("/api/bits?top=0"), 400, "bad_request", "'top'");
    assertError(http.get("/api/bits?top=x"), 400, "bad_request", "'top'");
  }

  @Test
  void bitsReportMeaningsAndHealth() {
    Reply r = http.get("/api/bits?top=3");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode b = r.json();
    assertThat(b.get("bits").asInt()).isEqualTo(16);
    assertThat(b.get("context").asDouble()).isEqualTo(0.5);
    assertThat(b.get("meanings")).hasSize(16);
    assertThat(b.get("rank").asText()).isEqualTo("contrast");
    JsonNode h = b.get("health");
    int listed = 0;
    for (JsonNode m : b.get("meanings")) {
      double rate = h.get("on_rate").get(m.get("bit").asInt()).asDouble();
      if (rate >= 0.1 && rate <= 0.9) {
        // a bit that sets enough documents apart lists the words significantly more common on its
        // on side (BitContrast.SIGNIFICANT), at most 3; a bit splitting the topics at random has none
        assertThat(m.get("on").size()).as("bit %s, on-rate %s", m.get("bit"), rate).isLessThanOrEqualTo(3);
        listed += m.get("on").size() == 3 ? 1 : 0;
        for (JsonNode w : m.get("on")) {
          assertThat(w.has("delta_log_prob")).isTrue();
          assertThat(w.get("contrast").asDouble()).isPositive();
        }
      } else if (rate == 0 || rate == 1) {
        assertThat(m.get("on")).isEmpty();
      }
    }
    assertThat(listed).as("bits with 3 words").isPositive();
    assertThat(h.get("documents").asInt()).isEqualTo(PlantedTopicIndex.documents().size());
    assertThat(h.get("on_rate")).hasSize(16);
    assertThat(h.get("correlation")).hasSize(16);
    assertThat(h.get("correlation").get(0)).hasSize(16);
    assertThat(h.get("dead_rate").asDouble()).isEqualTo(0.01);
    assertThat(h.get("redundant_correlation").asDouble()).isEqualTo(0.9);
  }

  @Test
  void withoutAModelEverythingIs409() {
    assertError(keywordHttp.get("/api/explain?q=tbxa&id=t0/d1"), 409, "no_model", "model");
    assertError(keywordHttp.get("/api/docs/t0/d1/explain/t0/d2"), 409, "no_model", "model");
    assertError(keywordHttp.get("/api/bits"), 409, "no_model", "model");
  }
}
