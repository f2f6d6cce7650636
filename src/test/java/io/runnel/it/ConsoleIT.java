package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.Runnel;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.ha.InstanceId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web console in headless Chromium (Debian's {@code chromium} and {@code chromedriver}; nothing
 * is downloaded): an operator gives the token, finds the sink, opens its discarded messages, fixes
 * the cause and retries, and sees the message delivered. Screenshots go to target/console/.
 */
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console");
  private static final String TOKEN = "console-token";
  private static Servers servers;

  @BeforeAll
  static void startServers() throws IOException {
    boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String install =
        "ConsoleIT needs Chromium and chromedriver: sudo apt-get install chromium chromium-driver"
            + " (.ci/run installs them)";
    // Outside CI a missing browser is a visible skip; under CI=true the browser tests must run.
    Assumptions.assumeTrue(browser || "true".equals(System.getenv("CI")), install);
    assertThat(browser).as(install).isTrue();
    servers = Servers.start();
  }

  @AfterAll
  static void stopServers() throws IOException {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void operatorRetriesADiscardedMessageFromTheConsoleAndSeesItDelivered() throws Exception {
    servers.sql("CREATE TABLE public.invoices (id int PRIMARY KEY, total numeric NOT NULL)");
    String queueUrl = servers.createQueue("invoices.fifo");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("1");
      String yaml =
          SinkActionsIT.givingUpAfterTwoAttempts(
              servers.yamlVia("console", "public.invoices", queueUrl, proxy.baseUrl()),
              "invoices-sink");
      try (Runnel runnel = Runnel.start(ConfigLoader.parse(yaml, Map.of()));
          HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, TOKEN)) {
        servers.sql("INSERT INTO invoices SELECT g, g * 10.5 FROM generate_series(1, 6) g");
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 5);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> runnel.health().getFirst().discarded() == 1);

        WebDriver browser = chromium();
        try {
          operate(browser, "http://127.0.0.1:" + http.port() + "/", proxy);
        } finally {
          browser.quit();
        }
        assertThat(reader.poll()).hasSize(6);
      }
    }
  }

  private static void operate(WebDriver browser, String url, FaultInjectingSqsProxy proxy)
      throws IOException {
    browser.get(url);
    await().until(() -> browser.findElement(By.id("notice")).getText().contains("token"));
    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("#token-form button")).click();
    By sinkRow = By.cssSelector("#sinks tr[data-sink='invoices-sink']");
    await().ignoreExceptions().until(() -> browser.findElement(sinkRow).isDisplayed());
    assertThat(browser.findElement(sinkRow).getText()).contains("invoices-sink", "active");
    By databaseRow = By.cssSelector("#databases tr[data-database='e2e-database']");
    await().ignoreExceptions().until(() -> browser.findElement(databaseRow).isDisplayed());
    assertThat(browser.findElement(databaseRow).getText())
        .as("the database's role on this instance")
        .contains("console_slot", "active", InstanceId.defaultId());
    assertThat(browser.findElement(By.id("instance")).getText())
        .isEqualTo("instance " + InstanceId.defaultId());

    click(browser, By.cssSelector("#sinks tr[data-sink='invoices-sink'] .open-messages"));
    click(browser, By.cssSelector("#tabs [data-tab='discarded']"));
    By discarded = By.cssSelector("#message-list tr.message");
    await().ignoreExceptions().until(() -> browser.findElements(discarded).size() == 1);
    // The list re-renders as it refreshes: read the row again if it went stale in between.
    String key =
        await()
            .ignoreExceptions()
            .until(
                () -> browser.findElement(discarded).getDomAttribute("data-key"), k -> k != null);
    await()
        .ignoreExceptions()
        .until(() -> browser.findElement(discarded).getText().contains("gave up after 2 attempts"));
    click(browser, discarded);
    await()
        .ignoreExceptions()
        .until(() -> browser.findElement(By.id("detail-body")).getText().contains("\"id\": 1"));
    screenshot(browser, "discarded.png");

    proxy.poisonedGroupId = null;
    click(browser, By.cssSelector("#message-list tr.message[data-key='" + key + "'] .retry"));
    await()
        .ignoreExceptions()
        .until(() -> browser.findElement(By.id("notice")).getText().contains("queued"));
    click(browser, By.cssSelector("#tabs [data-tab='delivered']"));
    By delivered = By.cssSelector("#message-list tr.message[data-key='" + key + "']");
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> browser.findElement(delivered).isDisplayed());
    click(browser, delivered);
    await()
        .ignoreExceptions()
        .until(() -> browser.findElement(By.id("detail-fields")).getText().contains("delivered"));
    screenshot(browser, "delivered.png");
  }

  /** Clicks, again if the auto-refresh replaced the element in between. */
  private static void click(WebDriver browser, By target) {
    await()
        .ignoreExceptions()
        .until(
            () -> {
              WebElement element = browser.findElement(target);
              element.click();
              return true;
            });
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Debian's Chromium through Debian's chromedriver: paths given, so Selenium fetches nothing. */
  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--window-size=1500,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1500, 1000));
    return driver;
  }
}
