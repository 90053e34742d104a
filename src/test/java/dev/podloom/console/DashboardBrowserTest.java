package dev.podloom.console;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver), no network beyond
 * this server and the local page it reads: an account holder and then an operator, as people use it.
 * A failing test leaves a screenshot in {@code target/browser-screenshots/}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTool({"chromium", "chromedriver"})
class DashboardBrowserTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;
    WebDriver driver;
    Path profile;

    @Override
    public Map<String, String> getProperties() {
        return ArticlePages.renderingApp(Databases.h2());
    }

    @BeforeEach
    void openBrowser() throws IOException {
        api = new TestApi(server, json);
        profile = Files.createTempDirectory("podloom-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--autoplay-policy=no-user-gesture-required", "--window-size=1200,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anAccountHolderMakesAPodcastListensAndReadsThenAnOperatorGrantsAndRevokes(TestInfo test) {
        try {
            holderAndOperator();
        } catch (RuntimeException | AssertionError e) {
            screenshot(test.getTestMethod().orElseThrow().getName());
            throw e;
        }
    }

    @Test
    void theDocsPageRendersTheApiWithoutNetwork(TestInfo test) {
        try {
            driver.get(server.getURL() + "/docs");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("swagger-ui"), "Podloom API"));
            assertThat(driver.findElement(By.id("swagger-ui")).getText()).contains("/v1/podcasts", "/admin/v1/accounts");
        } catch (RuntimeException | AssertionError e) {
            screenshot(test.getTestMethod().orElseThrow().getName());
            throw e;
        }
    }

    private void holderAndOperator() {
        String account = api.createAccount("browser", 500);
        String key = api.createKey(account, "test");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        // sign in with the key: the balance shows
        driver.get(server.getURL() + "/app");
        driver.findElement(By.id("api-key")).sendKeys(key);
        driver.findElement(By.cssSelector("#key-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "500"));
        assertThat(sessionStorage("apiKey")).isEqualTo(key);

        // the form prices the options as they change, and refuses what a test key may not do
        driver.findElement(By.id("np-url")).sendKeys(ArticlePages.url("/article"));
        WebElement minutes = driver.findElement(By.id("np-minutes"));
        minutes.clear();
        minutes.sendKeys("10");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("np-problems"), "limited to 5 minutes"));
        assertThat(driver.findElement(By.id("np-submit")).isEnabled()).isFalse();
        minutes.clear();
        minutes.sendKeys("1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("np-submit")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("np-price"), "54 credits"));

        // create a 1-minute podcast and watch it complete
        driver.findElement(By.id("np-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(180)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#podcasts tbody tr .status"), "completed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "446"));

        // play it: the player's time advances; the transcript is beside it and a line seeks there
        driver.findElement(By.cssSelector("#podcasts button[data-podcast]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#transcript button"), 3));
        List<WebElement> lines = driver.findElements(By.cssSelector("#transcript button"));
        assertThat(lines.get(0).getText()).isNotBlank();
        WebElement third = lines.get(2);
        double start = Double.parseDouble(third.getAttribute("data-start"));
        third.click();
        wait.until(d -> currentTime() >= start + 0.5);
        assertThat(currentTime()).isGreaterThanOrEqualTo(start);

        // an operator signs in, grants credits and revokes the key
        driver.findElement(By.id("sign-out")).click();
        driver.findElement(By.id("admin-token")).sendKeys(TestApi.ADMIN_TOKEN);
        driver.findElement(By.cssSelector("#admin-form button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-account='" + account + "'] button")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("acc-credits"), "446"));
        driver.findElement(By.id("grant-amount")).sendKeys("100");
        driver.findElement(By.cssSelector("#grant-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("acc-credits"), "546"));
        driver.findElement(By.cssSelector("#keys button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#keys tbody"), "revoked"));

        assertThat(api.get("/v1/account", TestApi.key(key)).status()).isEqualTo(401);
    }

    private double currentTime() {
        return ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.getElementById('player').currentTime;")).doubleValue();
    }

    private String sessionStorage(String key) {
        return (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem(arguments[0]);", key);
    }

    private void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot: " + e);
        }
    }
}
