package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.HeadlessChromium;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
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

/**
 * The "why?" view and the stats page's bit table in headless Chromium, against a server over a
 * real (tiny, planted-topic) index, so the explanations and bit meanings come from a trained
 * decoder. Screenshots go to {@code target/screenshots/}.
 */
class WhyViewBrowserTest {
  @TempDir static Path dir;
  private static SemanticSearchService service;
  private static SemhashServer server;
  private static HeadlessChromium browser;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("index")));
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, ""));
    base = "http://127.0.0.1:" + server.port();
    browser = HeadlessChromium.start(dir);
    driver = browser.driver();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private static WebDriverWait waiting() {
    return browser.waiting();
  }

  private static void open(String url, String ready) {
    browser.open(url, ready);
  }

  @Test
  void whyViewShowsBothCodesAndSharedBitsWithWords() {
    open(base + "/index.html?q=tbxa+tbxb+tbxc+tbxd+tbxe", "results");
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertThat(hits).isNotEmpty();
    WebElement hit = hits.get(0);
    int distance = Integer.parseInt(hit.findElement(By.cssSelector(".badge.distance")).getText().replace("d = ", ""));
    WebElement box = hit.findElement(By.cssSelector(".why-box"));
    assertThat(box.isDisplayed()).isFalse();
    hit.findElement(By.cssSelector(".why-toggle")).click();
    waiting().until(ExpectedConditions.attributeToBe(hit, "data-why", "ready"));
    assertThat(box.isDisplayed()).isTrue();

    // the two codes, one above the other, every bit marked shared or differing
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit"))).hasSize(16);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit rect"))).hasSize(32);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit.differing"))).hasSize(distance);
    assertThat(box.findElements(By.cssSelector("svg.why-codes g.why-bit.shared"))).hasSize(16 - distance);
    // shared bits listed with their words
    List<WebElement> shared = box.findElements(By.cssSelector("ul.why-bits.shared li"));
    assertThat(shared).hasSize(16 - distance);
    assertThat(shared).allSatisfy(li -> assertThat(li.findElement(By.cssSelector(".why-words")).getText()).isNotBlank());
    assertThat(shared).anySatisfy(li -> assertThat(li.findElement(By.cssSelector(".why-words")).getText()).matches("\\w+( \\w+)+"));
    // the result's words that made it close are topic 1's ("tbx…")
    assertThat(box.findElement(By.cssSelector(".why-match-words")).getText()).contains("tbx");

    // hovering a shared bit shows its words
    WebElement sharedBit = box.findElement(By.cssSelector("svg.why-codes g.why-bit.shared"));
    new Actions(driver).moveToElement(sharedBit.findElement(By.tagName("rect"))).perform();
    WebElement hover = box.findElement(By.cssSelector(".why-hover"));
    waiting().until(d -> hover.getText().startsWith("bit " + sharedBit.getAttribute("data-bit") + ": on → "));
    assertThat(hover.getText()).matches("bit \\d+: on → (\\w+( \\w+){4}|—); off → (\\w+( \\w+){4}|—)");
    browser.screenshot("why-view");

    hit.findElement(By.cssSelector(".why-toggle")).click();
    assertThat(box.isDisplayed()).isFalse();
    browser.assertCleanConsole();
  }

  @Test
  void statsPageListsEveryBitWithWordsAndDrawsBitHealth() {
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
    assertThat(driver.findElements(By.cssSelector("#chart-on-rate svg .bars rect"))).hasSize(16);
    assertThat(driver.findElements(By.cssSelector("#chart-correlation svg.corr-map rect"))).hasSize(256);
    assertThat(driver.findElement(By.id("bit-health-summary")).getText()).contains("dead bits").contains("redundant bits");
    browser.screenshot("stats-bits");
    browser.assertCleanConsole();
  }
}
