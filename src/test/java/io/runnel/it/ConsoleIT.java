package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.ha.InstanceId;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web console in headless Chromium (Debian's {@code chromium} and {@code chromedriver}; nothing
 * is downloaded): an operator gives the token, finds the sink, opens its discarded messages, fixes
 * the cause and retries, and sees the message delivered; the Messages view has a URL of its own and
 * shows a message beside the list; charts draw each sink's last minutes while rows stream.
 * Screenshots go to target/console/.
 */
@RealServers
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console");
  private static final String TOKEN = "console-token";
  private static Servers servers;

  @BeforeAll
  static void requireBrowser() {
    boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String install =
        "ConsoleIT needs Chromium and chromedriver: sudo apt-get install chromium chromium-driver"
            + " (.ci/run installs them)";
    // Outside CI a missing browser is a visible skip; under CI=true the browser tests must run.
    Assumptions.assumeTrue(browser || "true".equals(System.getenv("CI")), install);
    assertThat(browser).as(install).isTrue();
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
      try (Runnel runnel =
              Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())));
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

  @Test
  void chartsDrawTheSinksLastMinutesWhileRowsStream() throws Exception {
    servers.sql("CREATE TABLE public.shipments (id int PRIMARY KEY, weight int NOT NULL)");
    String queueUrl = servers.createQueue("shipments");
    ScheduledExecutorService workload = Executors.newSingleThreadScheduledExecutor();
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("charts", "public.shipments", queueUrl)));
        HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, null)) {
      AtomicInteger id = new AtomicInteger();
      workload.scheduleAtFixedRate(
          () -> insertShipment(id.incrementAndGet()), 0, 100, TimeUnit.MILLISECONDS);
      WebDriver browser = chromium();
      try {
        browser.get("http://127.0.0.1:" + http.port() + "/");
        String charts = "#chart-list .sink-charts[data-sink='sqs-sink'] ";
        By delivered = By.cssSelector(charts + "figure[data-chart='delivered']");
        // The server samples every 5 s: two points within about 10 s of the start.
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> points(browser, delivered, "path.series.delivered") >= 2);
        WebElement rate = browser.findElement(delivered);
        assertThat(Double.parseDouble(rate.getDomAttribute("data-max")))
            .as("the delivered rate while rows stream")
            .isPositive();
        assertThat(rate.findElement(By.cssSelector(".y-max")).getText()).endsWith("msg/s");
        assertThat(rate.findElement(By.cssSelector(".x-span")).getText()).matches("−\\d+ s");
        By latency = By.cssSelector(charts + "figure[data-chart='latency']");
        assertThat(points(browser, latency, "path.series.p50")).isPositive();
        assertThat(points(browser, latency, "path.series.p99")).isPositive();
        By lagBytes = By.cssSelector(charts + "figure[data-chart='lag-bytes']");
        await()
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptions()
            .until(() -> points(browser, lagBytes, "path.series") >= 1);
        By lagSeconds = By.cssSelector(charts + "figure[data-chart='lag-seconds']");
        assertThat(points(browser, lagSeconds, "path.series")).isPositive();
        String throughput =
            browser.findElement(By.cssSelector("#sinks tr[data-sink='sqs-sink'] .rate")).getText();
        assertThat(Double.parseDouble(throughput.replace("/s", "").trim()))
            .as("throughput from the history's latest point (%s)", throughput)
            .isPositive();
        screenshot(browser, "charts.png");
      } finally {
        browser.quit();
      }
    } finally {
      workload.shutdownNow();
    }
  }

  private static void insertShipment(int id) {
    try {
      servers.sql("INSERT INTO shipments VALUES (" + id + ", " + id % 40 + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert shipment " + id, e);
    }
  }

  /** The {@code data-points} count of a chart's series: how many values it draws. */
  private static int points(WebDriver browser, By chart, String series) {
    String count =
        browser
            .findElement(chart)
            .findElement(By.cssSelector(series))
            .getDomAttribute("data-points");
    return Integer.parseInt(count);
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
    assertThat(java.net.URI.create(browser.getCurrentUrl()).getRawFragment())
        .as("the Messages view and the open message have a URL of their own")
        .isEqualTo("/sinks/invoices-sink/messages/" + encoded(key) + "?state=discarded");
    assertDetailInView(browser, true);
    routedMessagesView(browser, url, discarded);

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

  /**
   * A fresh page load of the Messages view's URL opens it on that tab; tabs change the URL and the
   * back button returns; a message's detail opens beside the list, or over it on a narrow window,
   * in view either way, and Escape closes it.
   */
  private static void routedMessagesView(WebDriver browser, String url, By discarded)
      throws IOException {
    browser.get("about:blank");
    browser.get(url + "#/sinks/invoices-sink/messages?state=discarded");
    await().ignoreExceptions().until(() -> browser.findElement(By.id("messages")).isDisplayed());
    assertThat(browser.findElement(By.id("messages-sink")).getText()).isEqualTo("invoices-sink");
    assertThat(activeTab(browser)).isEqualTo("discarded");
    await().ignoreExceptions().until(() -> browser.findElements(discarded).size() == 1);
    assertThat(browser.findElement(By.id("detail")).isDisplayed()).isFalse();

    click(browser, By.cssSelector("#tabs [data-tab='parked']"));
    await()
        .until(
            () -> browser.getCurrentUrl().endsWith("#/sinks/invoices-sink/messages?state=parked"));
    assertThat(activeTab(browser)).isEqualTo("parked");
    browser.navigate().back();
    await().until(() -> "discarded".equals(activeTab(browser)));

    browser.manage().window().setSize(new Dimension(600, 900));
    try {
      click(browser, discarded);
      await()
          .ignoreExceptions()
          .until(() -> browser.findElement(By.id("detail-body")).getText().contains("\"id\": 1"));
      assertDetailInView(browser, false);
      screenshot(browser, "detail-narrow.png");
      browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
      await().until(() -> !browser.findElement(By.id("detail")).isDisplayed());
      assertThat(browser.getCurrentUrl())
          .endsWith("#/sinks/invoices-sink/messages?state=discarded");
    } finally {
      browser.manage().window().setSize(new Dimension(1500, 1000));
    }
  }

  private static String activeTab(WebDriver browser) {
    return browser
        .findElement(By.cssSelector("#tabs [data-tab].active"))
        .getDomAttribute("data-tab");
  }

  /**
   * The detail panel lies within the window (no scrolling needed to read it): beside the Messages
   * view when {@code beside}, else over it, filling the window's width.
   */
  @SuppressWarnings("unchecked")
  private static void assertDetailInView(WebDriver browser, boolean beside) {
    Map<String, Number> box =
        (Map<String, Number>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const d = document.getElementById('detail').getBoundingClientRect();"
                        + " const b = document.getElementById('detail-body').getBoundingClientRect();"
                        + " const list = document.getElementById('messages').getBoundingClientRect();"
                        + " return {top: d.top, bottom: d.bottom, left: d.left, right: d.right,"
                        + " bodyTop: b.top, listRight: list.right,"
                        + " height: window.innerHeight, width: window.innerWidth};");
    double height = box.get("height").doubleValue();
    assertThat(box.get("top").doubleValue()).as("detail top, in %s", box).isBetween(0.0, height);
    assertThat(box.get("bottom").doubleValue())
        .as("detail bottom, in %s", box)
        .isLessThanOrEqualTo(height);
    assertThat(box.get("bodyTop").doubleValue())
        .as("message body top, in %s", box)
        .isLessThan(height);
    assertThat(box.get("right").doubleValue())
        .as("detail right, in %s", box)
        .isLessThanOrEqualTo(box.get("width").doubleValue());
    if (beside) {
      assertThat(box.get("listRight").doubleValue())
          .as("the list ends where the detail starts, in %s", box)
          .isLessThanOrEqualTo(box.get("left").doubleValue() + 1);
    } else {
      assertThat(box.get("left").doubleValue()).as("detail left, in %s", box).isZero();
    }
  }

  private static String encoded(String key) {
    return java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
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
