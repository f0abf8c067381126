package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.search.KeywordSearchService;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.FakeCodesService;
import io.semhash.testing.HeadlessChromium;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The web UI in headless Chromium (Debian's chromium and chromium-driver; {@code .ci/run}
 * installs them), against real servers: one answering from the Lucene store alone (keyword
 * mode), one dressed with made-up codes and training figures so the bit strips and charts have
 * data. Screenshots go to {@code target/screenshots/}.
 */
class WebUiBrowserTest {
  @TempDir static Path profile;
  private static BrowsedServers servers;
  private static HeadlessChromium browser;
  private static WebDriver driver;
  private static String keywordBase;
  private static String codesBase;

  @BeforeAll
  static void start() throws IOException {
    servers = BrowsedServers.start(profile);
    KeywordSearchService keywordService = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    keywordService.add(MiniCorpus.documents());
    keywordBase = servers.serve(keywordService, 1000);
    KeywordSearchService second = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)));
    second.add(MiniCorpus.documents());
    codesBase = servers.serve(FakeCodesService.over(second), 1000);
    browser = servers.browser();
    driver = browser.driver();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @BeforeEach
  void clearConsole() {
    if (browser != null) {
      browser.console(); // drop what earlier tests left
    }
  }

  private static void open(String url, String ready) {
    browser.open(url, ready);
  }

  private static void waitReady(String ready) {
    browser.waitReady(ready);
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).collect(Collectors.toList());
  }

  @Test
  void searchOpenADocumentAndSeeItsNeighbours() {
    open(keywordBase + "/", "idle");
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("goalie playoffs", Keys.ENTER);
    waitReady("results");
    assertThat(driver.getCurrentUrl()).contains("q=goalie+playoffs");
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertThat(hits).hasSizeGreaterThanOrEqualTo(3);
    assertThat(texts("#results .hit-title").get(0)).isIn("Best goalie this season", "Playoff predictions");
    assertThat(driver.findElement(By.id("results-meta")).getText()).contains("keyword").contains(" of ");
    assertThat(texts("#results .hit .snippet")).allMatch(s -> !s.isBlank());
    assertThat(texts("#results .hit .chips .chip")).contains("rec.sport.hockey");
    assertThat(texts("#label-chips .chip")).anyMatch(s -> s.startsWith("sci.space"));
    browser.screenshot("search-keyword");
    browser.assertCleanConsole();

    String firstId = hits.get(0).getAttribute("data-id");
    hits.get(0).findElement(By.cssSelector(".hit-title")).click();
    waitReady("doc");
    assertThat(driver.findElement(By.id("doc-id")).getText()).isEqualTo(firstId);
    assertThat(driver.findElement(By.id("doc-text")).getText()).isNotBlank();
    assertThat(texts("#doc-labels .chip")).contains("rec.sport.hockey");
    List<String> neighbours = driver.findElements(By.cssSelector("#neighbours .hit")).stream()
        .map(e -> e.getAttribute("data-id")).collect(Collectors.toList());
    assertThat(neighbours).isNotEmpty().doesNotContain(firstId);
    assertThat(driver.findElement(By.id("neighbours-meta")).getText()).contains("shared words");
    browser.screenshot("document-keyword");
    browser.assertCleanConsole();

    driver.findElement(By.cssSelector("#neighbours .hit .hit-title")).click();
    waitReady("doc");
    assertThat(driver.findElement(By.id("doc-id")).getText()).isEqualTo(neighbours.get(0));
  }

  @Test
  void filterByLabelAndPage() {
    open(keywordBase + "/index.html?q=time+question", "results");
    String meta = driver.findElement(By.id("results-meta")).getText();
    assertThat(meta).startsWith("1–10 of ");
    driver.findElement(By.cssSelector("#label-chips .chip[data-label='rec.food.cooking']")).click();
    waitReady("results");
    assertThat(driver.getCurrentUrl()).contains("labels=rec.food.cooking");
    assertThat(driver.findElement(By.cssSelector("#label-chips .chip.active")).getAttribute("data-label"))
        .isEqualTo("rec.food.cooking");
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertThat(hits).isNotEmpty();
    for (WebElement hit : hits) {
      assertThat(hit.findElements(By.cssSelector(".chips .chip")).stream().map(WebElement::getText))
          .contains("rec.food.cooking");
    }
    browser.screenshot("search-filtered");

    driver.findElement(By.cssSelector("#label-chips .chip.clear")).click();
    waitReady("results");
    List<String> page1 = driver.findElements(By.cssSelector("#results .hit")).stream()
        .map(e -> e.getAttribute("data-id")).collect(Collectors.toList());
    driver.findElement(By.cssSelector("#pager a.next")).click();
    waitReady("results");
    assertThat(driver.getCurrentUrl()).contains("offset=10");
    assertThat(driver.findElement(By.id("results-meta")).getText()).startsWith("11–");
    List<String> page2 = driver.findElements(By.cssSelector("#results .hit")).stream()
        .map(e -> e.getAttribute("data-id")).collect(Collectors.toList());
    assertThat(page2).isNotEmpty().doesNotContainAnyElementsOf(page1);
    assertThat(driver.findElement(By.cssSelector("#pager a[aria-current='page']")).getText()).isEqualTo("2");
    browser.assertCleanConsole();
  }

  @Test
  void storedMarkupIsShownAsTextAndNeverRuns() {
    open(keywordBase + "/index.html?q=hostile", "results");
    WebElement title = driver.findElement(By.cssSelector("#results .hit[data-id='evil-1'] .hit-title"));
    assertThat(title.getText()).contains("<img src=x onerror=");
    assertThat(driver.findElement(By.cssSelector("#results .hit[data-id='evil-1'] .snippet")).getText()).contains("<script>");
    assertThat(driver.findElements(By.cssSelector("#results img, #results script, #results b"))).isEmpty();
    assertThat(js("return window.__xss === undefined")).isEqualTo(true);

    title.click();
    waitReady("doc");
    assertThat(driver.findElement(By.id("doc-title")).getText()).startsWith("<img src=x onerror=");
    assertThat(driver.findElement(By.id("doc-text")).getText()).contains("<script>window.__xss=1</script>");
    assertThat(driver.findElements(By.cssSelector("main img, main script, main b"))).isEmpty();
    assertThat(js("return window.__xss === undefined")).isEqualTo(true);
    browser.screenshot("document-hostile");
    browser.assertCleanConsole();
  }

  @Test
  void errorsAreShownNotThrown() {
    open(keywordBase + "/index.html?q=orbit&mode=semantic", "error");
    assertThat(driver.findElement(By.id("error")).getText()).contains("no model");
    // the console is really watched: the refused request shows there
    assertThat(browser.console()).anyMatch(e -> e.getMessage().contains("409"));
    open(keywordBase + "/doc.html?id=" + "no-such-doc", "error");
    assertThat(driver.findElement(By.id("error")).getText()).contains("no document with id 'no-such-doc'");
  }

  @Test
  void statsPageSaysWhatIsMissingWithoutAModel() {
    open(keywordBase + "/stats.html", "stats");
    assertThat(driver.findElement(By.cssSelector("#card-documents .card-value")).getText()).isEqualTo("26");
    assertThat(driver.findElement(By.cssSelector("#card-coherence .card-value")).getText()).isEqualTo("—");
    assertThat(driver.findElement(By.id("chart-training")).getText()).contains("No training history");
    assertThat(driver.findElement(By.id("chart-precision")).getText()).contains("No evaluation");
    assertThat(driver.findElement(By.id("chart-distances")).getText()).contains("No distance");
    assertThat(driver.findElements(By.cssSelector("#chart-labels svg .hbar"))).hasSize(4);
    browser.screenshot("stats-keyword");
    browser.assertCleanConsole();
  }

  @Test
  void codesAreDrawnAsBitStripsWithDistances() {
    open(codesBase + "/index.html?q=orbit+rocket", "results");
    assertThat(driver.findElement(By.id("results-meta")).getText()).contains("semantic");
    WebElement queryCode = driver.findElement(By.cssSelector("#query-code svg.bits"));
    assertThat(queryCode.findElements(By.cssSelector("rect.bit"))).hasSize(32);
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertThat(hits).isNotEmpty();
    int previous = -1;
    for (WebElement hit : hits) {
      String badge = hit.findElement(By.cssSelector(".badge.distance")).getText();
      int distance = Integer.parseInt(badge.replace("d = ", ""));
      assertThat(distance).isBetween(previous, 32);
      previous = distance;
      // the strip marks exactly `distance` bits as differing from the query's code
      assertThat(hit.findElements(By.cssSelector("svg.bits rect.bit"))).hasSize(32);
      assertThat(hit.findElements(By.cssSelector("svg.bits rect.diff"))).hasSize(distance);
    }
    assertThat(driver.findElements(By.cssSelector("#mode option[disabled]"))).isEmpty();
    browser.screenshot("search-codes");
    hits.get(0).findElement(By.cssSelector(".hit-title")).click();
    waitReady("doc");
    assertThat(driver.findElements(By.cssSelector("#doc-code svg.bits rect.bit"))).hasSize(32);
    assertThat(driver.findElements(By.cssSelector("#neighbours .hit .badge.distance"))).isNotEmpty();
    assertThat(driver.findElement(By.id("neighbours-meta")).getText()).contains("Hamming");
    browser.screenshot("document-codes");
    browser.assertCleanConsole();
  }

  @Test
  void statsPageDrawsTrainingPrecisionAndDistances() {
    open(codesBase + "/stats.html", "stats");
    assertThat(driver.findElement(By.cssSelector("#card-bits .card-value")).getText()).isEqualTo("32");
    // FakeCodesService's coherence: contrast 0.1762, random frequent words 0.1186
    assertThat(driver.findElement(By.cssSelector("#card-coherence .card-value")).getText()).isEqualTo("0.176");
    assertThat(driver.findElement(By.cssSelector("#card-coherence .card-label")).getText()).contains("random words 0.119");
    WebElement training = driver.findElement(By.cssSelector("#chart-training svg"));
    assertThat(training.findElements(By.cssSelector("g.series-loss circle"))).hasSize(12);
    assertThat(training.findElements(By.cssSelector("g.series-precision circle"))).hasSize(8); // every third epoch unmeasured
    assertThat(driver.findElements(By.cssSelector("#chart-precision svg g.series circle"))).hasSize(7);
    assertThat(driver.findElements(By.cssSelector("#chart-distances svg .bars rect"))).hasSize(33);
    assertThat(texts("#model th")).containsExactly("estimator", "bits", "vocabulary");
    browser.screenshot("stats-codes");
    browser.assertCleanConsole();
  }

  @Test
  void keyboardOnlySearchFromTheStatsPage() {
    open(codesBase + "/stats.html", "stats");
    driver.findElement(By.cssSelector("header nav a[href='index.html']")).click();
    waitReady("idle");
    driver.findElement(By.id("q")).sendKeys("pasta");
    driver.findElement(By.id("go")).click();
    waitReady("results");
    assertThat(texts("#results .hit-title")).anyMatch(t -> t.contains("Pasta"));
  }
}
