package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.HeadlessChromium;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The search page's order control in headless Chromium, over a real planted-topic index served
 * with {@code server.rerank: asymmetric}: the default order is the re-ranked one and says so, and
 * choosing the Hamming order asks the API for {@code rerank=none} and keeps it in the URL and the
 * pager. Each page is compared with the API's own answer to the same request.
 */
class RerankToggleBrowserTest {
  @TempDir static Path dir;
  private static BrowsedServers servers;
  private static HeadlessChromium browser;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    servers = BrowsedServers.start(dir);
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

  private static List<String> shownIds() {
    List<String> ids = new ArrayList<>();
    for (WebElement hit : driver.findElements(By.cssSelector("#results .hit"))) {
      ids.add(hit.getAttribute("data-id"));
    }
    return ids;
  }

  private static List<String> apiIds(String query) {
    JsonNode r = new HttpProbe(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1))).get("/api/search?" + query).json();
    List<String> ids = new ArrayList<>();
    r.get("results").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

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
