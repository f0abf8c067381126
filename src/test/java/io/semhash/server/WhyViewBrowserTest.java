package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.PlantedTopicIndex;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "why?" view and the stats page's bit table in headless Chromium, against a server over a
 * real (tiny, planted-topic) index, so the explanations and bit meanings come from a trained
 * decoder. Screenshots go to {@code target/screenshots/}.
 */
class WhyViewBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  private static SemanticSearchService service;
  private static SemhashServer server;
  private static ChromeDriverService driverService;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver")
        .isTrue();
    service = SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("index")));
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, ""));
    base = "http://127.0.0.1:" + server.port();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    driverService = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")), "--window-size=1280,1100");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(driverService, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (driverService != null) {
      driverService.stop();
    }
    if (server != null) {
      server.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  private static void open(String url, String ready) {
    driver.get(url);
    waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", ready));
  }

  private static void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertCleanConsole() {
    List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
    assertThat(problems).isEmpty();
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
    // the result's words that made it close are topic 1's ("tbx…")
    assertThat(box.findElement(By.cssSelector(".why-match-words")).getText()).contains("tbx");

    // hovering a shared bit shows its words
    WebElement sharedBit = box.findElement(By.cssSelector("svg.why-codes g.why-bit.shared"));
    new Actions(driver).moveToElement(sharedBit.findElement(By.tagName("rect"))).perform();
    WebElement hover = box.findElement(By.cssSelector(".why-hover"));
    waiting().until(d -> hover.getText().startsWith("bit " + sharedBit.getAttribute("data-bit") + ": on → "));
    assertThat(hover.getText()).matches("bit \\d+: on → \\w+( \\w+){4}; off → \\w+( \\w+){4}");
    screenshot("why-view");

    hit.findElement(By.cssSelector(".why-toggle")).click();
    assertThat(box.isDisplayed()).isFalse();
    assertCleanConsole();
  }

  @Test
  void statsPageListsEveryBitWithWordsAndDrawsBitHealth() {
    open(base + "/stats.html", "stats");
    List<WebElement> rows = driver.findElements(By.cssSelector("#bits table.bit-table tbody tr"));
    assertThat(rows).hasSize(16);
    assertThat(rows).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(3).getText().split(" ")).hasSize(10));
    assertThat(driver.findElements(By.cssSelector("#chart-on-rate svg .bars rect"))).hasSize(16);
    assertThat(driver.findElements(By.cssSelector("#chart-correlation svg.corr-map rect"))).hasSize(256);
    assertThat(driver.findElement(By.id("bit-health-summary")).getText()).contains("dead bits").contains("redundant bits");
    screenshot("stats-bits");
    assertCleanConsole();
  }
}
