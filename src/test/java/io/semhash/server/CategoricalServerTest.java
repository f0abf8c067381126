package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A categorical index end to end: built by the real pipeline from a model of 8 groups x 4 classes
 * (the tiny planted-topic corpus), served by the real Javalin server, every answer checked against
 * what the codes themselves say, computed here class by class from the hex codes the API shows.
 */
class CategoricalServerTest {
  private static final String TOKEN = "categorical-token";
  private static final CodeShape SHAPE = TinySemanticIndex.CATEGORICAL.shape();

  @TempDir static Path dir;
  private static SemanticSearchService service;
  private static SemhashServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(TinySemanticIndex.categoricalCopyTo(dir.resolve("index")));
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 8192, 100, TOKEN));
    http = new HttpProbe(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  private static BitCode code(JsonNode hex) {
    return BitCode.fromHex(hex.asText(), SHAPE.bits());
  }

  /** Every stored document's code, by id, as /api/docs shows it. */
  private static Map<String, BitCode> storedCodes() {
    Map<String, BitCode> codes = new HashMap<>();
    for (int i = 0; i < 90; i++) {
      JsonNode d = http.get("/api/docs/doc-" + i).json();
      codes.put(d.get("id").asText(), code(d.get("code_hex")));
    }
    return codes;
  }

  @Test
  void searchRanksBySymbolDistanceAndTheRadiusCountsSymbols() {
    Map<String, BitCode> stored = storedCodes();
    JsonNode r = http.get("/api/search?q=orbit+rocket+launch&k=90").json();
    BitCode query = code(r.get("code_hex"));
    assertThat(r.get("total").asLong()).isEqualTo(90);
    int previous = -1;
    for (JsonNode hit : r.get("results")) {
      int d = SHAPE.symbolDistance(query, stored.get(hit.get("id").asText()));
      assertThat(hit.get("distance").asInt()).as(hit.get("id").asText()).isEqualTo(d);
      assertThat(hit.get("score").asDouble()).isCloseTo(1 - d / 8.0, Offset.offset(1e-9));
      assertThat(d).isGreaterThanOrEqualTo(previous);
      previous = d;
    }
    long within = stored.values().stream().filter(c -> SHAPE.symbolDistance(query, c) <= 2).count();
    JsonNode near = http.get("/api/search?q=orbit+rocket+launch&k=90&maxDistance=2").json();
    assertThat(near.get("total").asLong()).isEqualTo(within);
    for (JsonNode hit : near.get("results")) {
      assertThat(hit.get("distance").asInt()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void encodeGivesEachGroupsClassProbabilitiesAndTheCodeHoldsTheMostProbable() {
    JsonNode e = http.post("/api/encode", "application/json", "{\"text\":\"hockey goalie puck\"}").json();
    assertThat(e.get("code").get("type").asText()).isEqualTo("categorical");
    assertThat(e.get("code").get("groups").asInt()).isEqualTo(8);
    assertThat(e.get("code").get("classes").asInt()).isEqualTo(4);
    assertThat(e.get("probabilities").isNull()).isTrue();
    JsonNode p = e.get("class_probabilities");
    assertThat(p.size()).isEqualTo(8);
    BitCode code = code(e.get("hex"));
    for (int g = 0; g < 8; g++) {
      double sum = 0;
      int best = 0;
      for (int c = 0; c < 4; c++) {
        sum += p.get(g).get(c).asDouble();
        if (p.get(g).get(c).asDouble() > p.get(g).get(best).asDouble()) {
          best = c;
        }
      }
      assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
      assertThat(SHAPE.classOf(code, g)).as("group %d", g).isEqualTo(best);
    }
    // the same code as the search for the same text
    assertThat(http.get("/api/search?q=hockey+goalie+puck&k=1").json().get("code_hex").asText()).isEqualTo(e.get("hex").asText());
  }

  @Test
  void statsShowEachGroupsClassUsageCountedOnTheStoredCodes() {
    Map<String, BitCode> stored = storedCodes();
    JsonNode s = http.get("/api/stats").json();
    assertThat(s.get("code").get("type").asText()).isEqualTo("categorical");
    JsonNode usage = s.get("class_usage");
    assertThat(usage.get("documents").asLong()).isEqualTo(90);
    int unused = 0;
    for (int g = 0; g < 8; g++) {
      int[] count = new int[4];
      for (BitCode c : stored.values()) {
        count[SHAPE.classOf(c, g)]++;
      }
      for (int c = 0; c < 4; c++) {
        assertThat(usage.get("rates").get(g).get(c).asDouble()).isCloseTo(count[c] / 90.0, Offset.offset(1e-12));
        unused += count[c] == 0 ? 1 : 0;
      }
    }
    assertThat(usage.get("unused").size()).isEqualTo(unused);
    for (JsonNode u : usage.get("unused")) {
      int g = u.get("group").asInt();
      int c = u.get("class_id").asInt();
      assertThat(stored.values().stream().noneMatch(code -> SHAPE.classOf(code, g) == c)).isTrue();
    }
    assertThat(s.get("distances").size()).as("distances 0..groups").isEqualTo(9);
  }

  @Test
  void bitsAndExplanationsSpeakOfTheClassesOfGroups() {
    JsonNode bits = http.get("/api/bits?top=3").json();
    assertThat(bits.get("bits").asInt()).isEqualTo(32);
    assertThat(bits.get("meanings").size()).isEqualTo(32);
    JsonNode onRate = bits.get("health").get("on_rate");
    for (int g = 0; g < 8; g++) {
      double sum = 0;
      for (int c = 0; c < 4; c++) {
        sum += onRate.get(g * 4 + c).asDouble();
      }
      assertThat(sum).as("every document holds one class of group %d", g).isCloseTo(1.0, Offset.offset(1e-9));
    }
    Map<String, BitCode> stored = storedCodes();
    JsonNode why = http.get("/api/docs/doc-0/explain/doc-3").json();
    assertThat(why.get("bits").asInt()).isEqualTo(32);
    assertThat(why.get("distance").asInt()).isEqualTo(2 * SHAPE.symbolDistance(stored.get("doc-0"), stored.get("doc-3")));
  }

  @Test
  void anAddedDocumentIsFoundAtSymbolDistanceZeroFromItsOwnText() {
    String body = "{\"id\":\"cat-new\",\"title\":\"new\",\"text\":\"church bible faith prayer gospel\",\"labels\":[\"topic2\"]}";
    assertThat(http.post("/api/docs", "application/json", body, "Authorization", "Bearer " + TOKEN).status()).isEqualTo(201);
    JsonNode r = http.get("/api/search?q=church+bible+faith+prayer+gospel&k=90").json();
    boolean found = false;
    for (JsonNode hit : r.get("results")) {
      if (hit.get("id").asText().equals("cat-new")) {
        assertThat(hit.get("distance").asInt()).isZero();
        found = true;
      }
    }
    assertThat(found).isTrue();
    assertThat(http.delete("/api/docs/cat-new", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
  }
}
