package io.semhash.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver ({@code .ci/run} installs both), with
 * explicit paths so Selenium Manager never runs and nothing is downloaded. Pages of the web UI
 * set {@code body[data-ready]} when they are done; {@link #open} waits for it. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");

  private final ChromeDriverService service;
  private final WebDriver driver;

  private HeadlessChromium(ChromeDriverService service, WebDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** Starts a browser whose profile lives in {@code profileDir} (a test's temporary directory). */
  public static HeadlessChromium start(Path profileDir) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver")
        .isTrue();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(profileDir.resolve("chromium")), "--window-size=1280,1100");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
    return new HeadlessChromium(service, driver);
  }

  public WebDriver driver() {
    return driver;
  }

  /** A wait of up to 10 s. */
  public WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    // a click that navigates replaces the page while a condition reads the old one's elements
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Loads {@code url} and waits until the page says {@code data-ready="ready"}. */
  public void open(String url, String ready) {
    driver.get(url);
    waitReady(ready);
  }

  public void waitReady(String ready) {
    waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", ready));
  }

  public void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console entries since the last call (the log is drained by reading it). */
  public List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Script errors and content-security-policy violations since the last call must be none. */
  public void assertCleanConsole() {
    List<String> problems = console().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
    assertThat(problems).isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
