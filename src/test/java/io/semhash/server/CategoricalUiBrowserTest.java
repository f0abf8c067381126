package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.HeadlessChromium;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The web UI over a categorical index (8 groups x 4 classes, built by the pipeline) in headless
 * Chromium: codes are drawn as their symbols, each showing the class the hex code holds in that
 * group (decoded here in Java, independently of the page's script), and the stats page shows the
 * per-group class usage.
 */
class CategoricalUiBrowserTest {
  private static final CodeShape SHAPE = TinySemanticIndex.CATEGORICAL.shape();

  @TempDir static Path dir;
  private static BrowsedServers servers;
  private static HeadlessChromium browser;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    servers = BrowsedServers.start(dir.resolve("profile"));
    base = servers.serve(SemanticSearchService.open(TinySemanticIndex.categoricalCopyTo(dir.resolve("index"))), 1000);
    browser = servers.browser();
    driver = browser.driver();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  /** The classes of a hex code, as the page's aria-label lists them. */
  private static String classes(String hex) {
    BitCode code = BitCode.fromHex(hex, SHAPE.bits());
    return IntStream.range(0, SHAPE.groups()).mapToObj(g -> Integer.toString(SHAPE.classOf(code, g)))
        .collect(Collectors.joining(" "));
  }

  @Test
  void codesAreDrawnAsTheirSymbols() {
    browser.open(base + "/index.html?q=orbit+rocket+launch", "results");
    WebElement box = driver.findElement(By.id("query-code"));
    String hex = box.findElement(By.cssSelector("code.hex")).getText();
    WebElement strip = box.findElement(By.cssSelector("svg.symbols"));
    assertThat(strip.getAttribute("data-groups")).isEqualTo("8");
    assertThat(strip.getAttribute("aria-label")).isEqualTo("8 symbols of 4 classes: " + classes(hex));
    assertThat(box.getText()).contains("8 symbols × 4 classes, 16 bits");
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertThat(hits).isNotEmpty();
    for (WebElement hit : hits.subList(0, Math.min(5, hits.size()))) {
      String distance = hit.findElement(By.cssSelector(".badge.distance")).getText().replace("d = ", "");
      WebElement symbols = hit.findElement(By.cssSelector("svg.symbols"));
      // symbols marked as differing from the query: as many as the symbol distance
      assertThat(symbols.findElements(By.cssSelector("rect.symbol.diff"))).hasSize(Integer.parseInt(distance));
    }
    browser.screenshot("search-categorical");
    browser.assertCleanConsole();
  }

  @Test
  void theStatsPageShowsEachGroupsClassUsage() {
    browser.open(base + "/stats.html", "stats");
    WebElement section = driver.findElement(By.id("class-usage"));
    assertThat(section.isDisplayed()).isTrue();
    assertThat(section.findElements(By.cssSelector("tr[data-group]"))).hasSize(8);
    long unused = section.findElements(By.cssSelector("td.unused")).size();
    assertThat(driver.findElement(By.id("class-usage-summary")).getText())
        .startsWith("8 groups × 4 classes over 90 documents: " + unused + " classes never used");
    browser.screenshot("stats-categorical");
    browser.assertCleanConsole();
  }
}
