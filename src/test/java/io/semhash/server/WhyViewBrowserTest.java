package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.search.SemanticSearchService;
import io.semhash.testing.HeadlessChromium;
import io.semhash.testing.PlantedTopicIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.semhash.explain.BitContrast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;

/**
 * The "why?" view, the stats page's bit table and the search page's order control in headless
 * Chromium, against a server over a real (tiny, planted-topic) index served with {@code
 * server.rerank: asymmetric}, so the explanations and bit meanings come from a trained decoder and
 * the default order is the re-ranked one. Screenshots go to {@code target/screenshots/}.
 */
class WhyViewBrowserTest {
  @TempDir static Path dir;
  private static BrowsedServers servers;
  private static HeadlessChromium browser;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    servers = BrowsedServers.start(dir);
    // served as shipped (server.rerank: asymmetric); the why view and the bit table do not depend on the order
    base = servers.serve(SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("index"))), 100, "asymmetric");
    browser = servers.browser();
    driver = browser.driver();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  private static WebDriverWait waiting() {
    return browser.waiting();
  }

  private static void open(String url, String ready) {
    browser.open(url, ready);
  }

  /** The explanation the view draws, from the API itself. */
  private static JsonNode explanation(String query, String id) throws Exception {
    return get("/api/explain?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&id="
        + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  private static String words(JsonNode bit, boolean on) {
    List<String> out = new ArrayList<>();
    bit.get(on ? "on_words" : "off_words").forEach(w -> out.add(w.asText()));
    return out.isEmpty() ? "—" : String.join(" ", out);
  }

  @Test
  void whyViewLeadsWithMatchWordsThenDifferingBitsAndFoldsTheSharedOnes() throws Exception {
    String query = "tbxa tbxb tbxc tbxd tbxe";
    open(base + "/index.html?q=" + query.replace(' ', '+'), "results");
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    // the first result with a differing bit that has words (bits on or off in too few of the tiny
    // corpus's documents have none), so that there is something to show
    WebElement hit = null;
    for (WebElement h : hits) {
      JsonNode e = explanation(query, h.getAttribute("data-id"));
      boolean worded = false;
      for (JsonNode b : e.get("differing")) {
        worded |= b.get("on_words").size() > 0 || b.get("off_words").size() > 0;
      }
      if (worded) {
        hit = h;
        break;
      }
    }
    assertThat(hit).as("a result with a differing bit that has words, among %d", hits.size()).isNotNull();
    int distance = Integer.parseInt(hit.findElement(By.cssSelector(".badge.distance")).getText().replace("d = ", ""));
    WebElement box = hit.findElement(By.cssSelector(".why-box"));
    assertThat(box.isDisplayed()).isFalse();
    hit.findElement(By.cssSelector(".why-toggle")).click();
    waiting().until(ExpectedConditions.attributeToBe(hit, "data-why", "ready"));
    assertThat(box.isDisplayed()).isTrue();
    JsonNode api = explanation(query, hit.getAttribute("data-id"));
    assertThat(api.get("distance").asInt()).isEqualTo(distance);

    // first the match words, as the API ranks them
    List<WebElement> parts = box.findElements(By.cssSelector(".why-view > *"));
    assertThat(parts.get(0).getAttribute("class")).isEqualTo("why-match");
    List<String> match = new ArrayList<>();
    api.get("match_words").forEach(w -> match.add(w.get("word").asText()));
    JsonNode doc = get("/api/docs/" + URLEncoder.encode(hit.getAttribute("data-id"), StandardCharsets.UTF_8));
    String text = (doc.get("title").asText() + " " + doc.get("text").asText()).toLowerCase(java.util.Locale.ROOT);
    assertThat(match).isNotEmpty().allSatisfy(w -> assertThat(text).contains(w)); // the result's own words
    assertThat(box.findElement(By.cssSelector(".why-match-words")).getText()).isEqualTo(String.join(" ", match));

    // then the bits that differ, each with what each side's value means
    WebElement differing = box.findElement(By.cssSelector("ul.why-bits.differing"));
    assertThat(parts.indexOf(differing)).isGreaterThan(0);
    List<WebElement> items = differing.findElements(By.tagName("li"));
    assertThat(items).hasSize(distance);
    for (int k = 0; k < distance; k++) {
      JsonNode b = api.get("differing").get(k);
      boolean left = b.get("left").asInt() == 1;
      assertThat(items.get(k).getText()).isEqualTo("bit " + b.get("bit").asInt() + ": query " + (left ? "on" : "off")
          + " " + words(b, left) + " · result " + (left ? "off" : "on") + " " + words(b, !left));
    }
    assertThat(items).anySatisfy(li -> assertThat(li.getText()).doesNotMatch(".*query (on|off) — · result (on|off) —"));

    // the shared bits are one line, "N shared bits", until opened
    WebElement shared = box.findElement(By.cssSelector("details.why-shared"));
    assertThat(parts.indexOf(shared)).isGreaterThan(parts.indexOf(differing));
    assertThat(shared.findElement(By.tagName("summary")).getText()).isEqualTo((16 - distance) + " shared bits");
    assertThat(shared.findElement(By.cssSelector("ul.why-bits.shared")).isDisplayed()).isFalse();
    browser.screenshot("why-view");
    shared.findElement(By.tagName("summary")).click();
    List<WebElement> sharedItems = shared.findElements(By.cssSelector("ul.why-bits.shared li"));
    waiting().until(d -> sharedItems.get(0).isDisplayed());
    assertThat(sharedItems).hasSize(16 - distance);
    for (int k = 0; k < sharedItems.size(); k++) {
      JsonNode b = api.get("shared").get(k);
      boolean on = b.get("left").asInt() == 1;
      assertThat(sharedItems.get(k).getText())
          .isEqualTo("bit " + b.get("bit").asInt() + " (both " + (on ? "on" : "off") + "): " + words(b, on));
    }
    browser.screenshot("why-view-shared-open");

    // the two codes, one above the other, every bit marked shared or differing
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit"))).hasSize(16);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit rect"))).hasSize(32);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit.differing"))).hasSize(distance);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit.shared"))).hasSize(16 - distance);
    // hovering a bit shows its words
    WebElement sharedBit = box.findElement(By.cssSelector("svg.why-codes g.why-bit.shared"));
    new Actions(driver).moveToElement(sharedBit.findElement(By.tagName("rect"))).perform();
    WebElement hover = box.findElement(By.cssSelector(".why-hover"));
    waiting().until(d -> hover.getText().startsWith("bit " + sharedBit.getAttribute("data-bit") + ": on → "));
    assertThat(hover.getText()).matches("bit \\d+: on → (\\w+( \\w+){4}|—); off → (\\w+( \\w+){4}|—)");

    hit.findElement(By.cssSelector(".why-toggle")).click();
    assertThat(box.isDisplayed()).isFalse();
    browser.assertCleanConsole();
  }

  @Test
  void statsPageListsEveryBitWithWordsAndDrawsBitHealth() throws Exception {
    open(base + "/stats.html", "stats");
    List<WebElement> rows = driver.findElements(By.cssSelector("#bits table.bit-table tbody tr"));
    assertThat(rows).hasSize(16);
    // a bit on (or off) in fewer documents than the contrast's floor shows a dash, the others their
    // 10 words; the on-rate column says which is which
    int documents = PlantedTopicIndex.documents().size();
    int listed = 0;
    for (WebElement r : rows) {
      List<WebElement> td = r.findElements(By.tagName("td"));
      long on = Math.round(Double.parseDouble(td.get(1).getText().replace("%", "")) / 100 * documents);
      boolean sparse = on < BitContrast.MIN_DOCUMENTS || documents - on < BitContrast.MIN_DOCUMENTS;
      if (sparse) {
        assertThat(td.get(3).getText()).as("bit %s, on in %d", td.get(0).getText(), on).isEqualTo("—");
      } else {
        assertThat(td.get(3).getText().split(" ")).as("bit %s", td.get(0).getText()).hasSizeLessThanOrEqualTo(10);
        listed++;
      }
    }
    assertThat(listed).isPositive();
    // the build's coherence (index.json, what /api/stats serves) is that of the lists the server
    // counts over the stored documents (/api/bits), and the page shows it
    JsonNode stats = get("/api/stats").get("coherence");
    JsonNode bits = get("/api/bits").get("coherence");
    assertThat(stats.get("contrast").asDouble()).isCloseTo(bits.get("contrast").asDouble(), within(1e-9));
    assertThat(stats.get("random_frequent").asDouble()).isCloseTo(bits.get("random_frequent").asDouble(), within(1e-9));
    assertThat(stats.get("decoder").asDouble()).isCloseTo(bits.get("decoder").asDouble(), within(1e-9));
    assertThat(driver.findElement(By.cssSelector("#card-coherence .card-value")).getText())
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", stats.get("contrast").asDouble()));
    assertThat(driver.findElements(By.cssSelector("#chart-on-rate svg .bars rect"))).hasSize(16);
    assertThat(driver.findElements(By.cssSelector("#chart-correlation svg.corr-map rect"))).hasSize(256);
    assertThat(driver.findElement(By.id("bit-health-summary")).getText()).contains("dead bits").contains("redundant bits");
    browser.screenshot("stats-bits");
    browser.assertCleanConsole();
  }

  private static List<String> shownIds() {
    List<String> ids = new ArrayList<>();
    for (WebElement hit : driver.findElements(By.cssSelector("#results .hit"))) {
      ids.add(hit.getAttribute("data-id"));
    }
    return ids;
  }

  private static List<String> apiIds(String query) {
    JsonNode r;
    try {
      r = get("/api/search?" + query);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<String> ids = new ArrayList<>();
    r.get("results").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  /**
   * The order control: the default order is the re-ranked one and says so; choosing the Hamming
   * order asks the API for {@code rerank=none} and keeps it in the URL and the pager. Each page is
   * compared with the API's own answer to the same request.
   */
  @Test
  void theDefaultOrderIsReRankedAndTheHammingOrderIsOneChoiceAway() {
    browser.open(base + "/index.html?q=tbxa+tbxd+sharedxa", "results");
    Select order = new Select(driver.findElement(By.id("rerank")));
    assertThat(order.getFirstSelectedOption().getText()).isEqualTo("default order (re-ranked)");
    assertThat(driver.findElement(By.id("results-meta")).getText()).contains("semantic, re-ranked");
    assertThat(shownIds()).isNotEmpty().isEqualTo(apiIds("q=tbxa+tbxd+sharedxa&k=10&rerank=asymmetric"));
    browser.screenshot("search-reranked");

    order.selectByValue("none");
    WebElement before = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("go")).click();
    browser.waiting().until(ExpectedConditions.stalenessOf(before)); // the form loads a new page
    browser.waitReady("results");
    assertThat(driver.getCurrentUrl()).contains("rerank=none");
    String meta = driver.findElement(By.id("results-meta")).getText();
    assertThat(meta).contains("semantic").doesNotContain("re-ranked");
    assertThat(shownIds()).isEqualTo(apiIds("q=tbxa+tbxd+sharedxa&k=10&rerank=none"));
    int previous = -1;
    for (WebElement hit : driver.findElements(By.cssSelector("#results .hit"))) {
      int distance = Integer.parseInt(hit.findElement(By.cssSelector(".badge.distance")).getText().replace("d = ", ""));
      assertThat(distance).as("the Hamming order").isGreaterThanOrEqualTo(previous);
      previous = distance;
    }
    for (WebElement page : driver.findElements(By.cssSelector("#pager a"))) {
      assertThat(page.getAttribute("href")).as("pages keep the order").contains("rerank=none");
    }
    assertThat(driver.findElements(By.cssSelector("#pager a"))).as("the planted index fills more than one page").isNotEmpty();
    assertThat(new Select(driver.findElement(By.id("rerank"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("none");
    browser.assertCleanConsole();
  }
}
