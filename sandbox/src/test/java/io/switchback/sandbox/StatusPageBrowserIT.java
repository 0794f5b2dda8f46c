package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.RollbackCompleted;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real browser: the sandbox plays the demo (a good release, then a bad one rolled back), and
 * headless Chromium reads the pages as a person would. Debian's chromium and chromedriver, named explicitly, so that
 * nothing is downloaded (Selenium Manager never runs). Saves what it saw under {@code target/status-page/}.
 */
@RealKafka
class StatusPageBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "status-page");

    @Test
    void afterARollbackAPersonSeesTheLiveColourBackTheRollbackWithItsReasonAndTheBreachOnTheChart(KafkaBroker broker,
            @TempDir Path dir) throws IOException {
        Path chromium = RequiredTool.require("chromium");
        Path chromedriver = RequiredTool.require("chromedriver");
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(500),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2, Map.of(), null, 1);
        StringWriter story = new StringWriter();
        try (Sandbox sandbox = Sandbox.start(options)) {
            Optional<LoopFigures> played = new DemoScript(sandbox, new PrintWriter(story, true), Duration.ofSeconds(3)).run();
            assertThat(played).as(story.toString()).isPresent();
            RollbackCompleted rollback = sandbox.timeline().await(RollbackCompleted.class, r -> true, Duration.ZERO)
                    .orElseThrow();
            String bad = rollback.deploymentId();

            WebDriver browser = chromium(chromium, chromedriver, dir.resolve("chromium-profile"));
            try {
                String environment = sandbox.statusPage().resolve("environments/" + Sandbox.ENVIRONMENT).toString();
                await("the rollback on the status page").atMost(Duration.ofSeconds(30)).until(() -> {
                    browser.get(environment);
                    return !browser.findElements(By.cssSelector("tr.event[data-type='rollback.completed']")).isEmpty();
                });

                WebElement checkout = browser.findElement(By.cssSelector("tr.service[data-service='checkout']"));
                assertThat(checkout.findElement(By.cssSelector("td.live")).getText()).as("live on the previous colour")
                        .isEqualTo(rollback.toColor().wire());
                assertThat(checkout.getText()).contains(DemoScript.HEALTHY);
                assertThat(checkout.findElement(By.cssSelector("td.outcome")).getText())
                        .isEqualTo(bad + " rolled back: " + rollback.cause().summary());
                assertThat(texts(browser, "tr.event[data-type='rollback.started']")).as("the rollback with its reason")
                        .anySatisfy(line -> assertThat(line).contains(rollback.cause().summary()));
                assertThat(texts(browser, "tr.event[data-type='rollback.completed']"))
                        .anySatisfy(line -> assertThat(line).contains("traffic back on " + rollback.toColor().wire()));
                save(browser, "environment.png");

                browser.findElement(By.cssSelector("#releases a[href='/releases/" + bad + "']")).click();

                assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("rolled back");
                WebElement chart = browser.findElement(By.id("error-rate-chart"));
                assertThat(chart.isDisplayed()).isTrue();
                assertThat(chart.findElements(By.cssSelector(".series circle"))).as("the figures of its intervals")
                        .isNotEmpty();
                WebElement breach = chart.findElement(By.cssSelector(".breach"));
                assertThat(breach.isDisplayed()).isTrue();
                assertThat(breach.getText()).startsWith("breach: error-rate");
                assertThat(chart.findElement(By.cssSelector(".threshold")).getText()).isEqualTo("threshold 1.00%");
                assertThat(chart.findElement(By.cssSelector(".rollback")).getText())
                        .startsWith("rolled back to " + rollback.toColor().wire());
                save(browser, "release.png");
            } finally {
                browser.quit();
            }
        }
    }

    /** Debian's Chromium, headless, with nothing that would reach for a network it does not have. */
    private static WebDriver chromium(Path binary, Path driver, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1500",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static List<String> texts(WebDriver browser, String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static void save(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
