package dev.spindle.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop page in a real browser: headless Chromium driven by Selenium ({@link HeadlessChromium}),
 * against the whole shop started in this JVM on a real embedded cluster member, as {@link ShopTest}
 * does. Two windows are open on the page before anything happens: window A (desktop size) creates a
 * user and places orders; window B (phone size) is never touched or reloaded, and must show the
 * same events and stock as they arrive over server-sent events.
 *
 * <p>On failure, {@link BrowserSnapshots} saves each window's screenshot and source under
 * {@code target/browser-failures/}. On success, the page is saved as {@code target/shop-page.png},
 * and also to the path in {@code -Dspindle.shop.screenshot} (how {@code docs/shop-page.png} is made).
 */
class ShopPageBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String NO_SIDEWAYS_SCROLL =
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;";
    static Shop shop;
    static ChromeDriver browser;

    @RegisterExtension
    static final BrowserSnapshots snapshots = new BrowserSnapshots(() -> browser);

    @BeforeAll
    static void start() throws Exception {
        shop = Shop.start(ShopOptions.parse("--cluster-name", "shop-page-test-" + UUID.randomUUID(), "--port", "0"),
                new PrintStream(OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (shop != null) {
                shop.close();
            }
        }
    }

    @Test
    void ordersAppearLiveInEveryWindowAndARefusalIsShown() throws IOException {
        URI page = shop.gatewayUri();
        String windowA = browser.getWindowHandle();
        open(page);
        browser.switchTo().newWindow(WindowType.WINDOW);
        String windowB = browser.getWindowHandle();
        browser.manage().window().setSize(new Dimension(390, 844));
        open(page);
        browser.executeScript("window.spindleNotReloaded = true;");
        assertThat(stock("apple")).isEqualTo("100");
        assertThat((Boolean) browser.executeScript(NO_SIDEWAYS_SCROLL)).as("no sideways scrolling on a phone").isTrue();

        browser.switchTo().window(windowA);
        // A name that would be markup if the page used innerHTML: it must show as text.
        createUser("Eve <img src=x onerror=alert(1)>", "eve@example.com");
        assertThat(browser.findElement(By.id("user-result")).getText())
                .isEqualTo("User #1 Eve <img src=x onerror=alert(1)> created");
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        createUser("Ada Lovelace", "ada@example.com");
        await().until(d -> new Select(d.findElement(By.id("order-user"))).getFirstSelectedOption()
                .getDomProperty("value").equals("2"));

        placeOrder("apple", 2);
        await().until(ExpectedConditions.attributeToBe(By.id("order-result"), "data-status", "ok"));
        String placed = browser.findElement(By.id("order-result")).getText();
        assertThat(placed).startsWith("Order #1 placed: 2 × apple").contains("(by orders@127.0.0.1:");
        String instance = placed.substring(placed.indexOf("(by ") + 4, placed.lastIndexOf(')'));
        await().until(d -> stock("apple").equals("98"));
        WebElement event = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed li[data-order='1']")));
        assertThat(event.getText()).contains("Order #1: 2 × apple", "98 left", "handled by " + instance);
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#orders tr[data-order='1']"), instance));

        browser.switchTo().window(windowB);
        WebElement seenByB = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed li[data-order='1']")));
        assertThat(seenByB.getText()).contains("Order #1: 2 × apple", "handled by " + instance);
        await().until(d -> stock("apple").equals("98"));
        assertThat(browser.executeScript("return window.spindleNotReloaded === true;")).isEqualTo(true);

        browser.switchTo().window(windowA);
        placeOrder("apple", 98);
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-result"), "Order #2 placed"));
        await().until(d -> stock("apple").equals("0"));
        placeOrder("apple", 1);
        await().until(ExpectedConditions.attributeToBe(By.id("order-result"), "data-status", "refused"));
        assertThat(browser.findElement(By.id("order-result")).getText())
                .isEqualTo("409 Conflict: out of stock\nonly 0 x apple left");
        await().until(d -> String.valueOf(d.findElement(By.cssSelector("#products tr[data-product='apple'] td.stock"))
                .getDomAttribute("class")).contains("out"));
        assertThat(browser.findElements(By.cssSelector("#feed li[data-order]"))).hasSize(2);

        browser.switchTo().window(windowB);
        await().until(d -> stock("apple").equals("0"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed li[data-order='2']")));
        assertThat((Boolean) browser.executeScript(NO_SIDEWAYS_SCROLL)).as("no sideways scrolling on a phone").isTrue();

        browser.switchTo().window(windowA);
        assertThat(severeConsoleMessages()).as("errors in the browser's console").isEmpty();
        saveScreenshot();
    }

    private static void open(URI page) {
        browser.get(page.toString());
        await().until(ExpectedConditions.attributeToBe(By.id("feed-state"), "data-state", "live"));
        await().until(d -> !stock("apple").isEmpty());
    }

    private static void createUser(String name, String email) {
        browser.findElement(By.id("user-name")).sendKeys(name);
        browser.findElement(By.id("user-email")).sendKeys(email);
        browser.findElement(By.id("user-submit")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-result"), name + " created"));
    }

    private static void placeOrder(String product, int quantity) {
        // the page rebuilds the select's options after each event (keeping the chosen value): retry
        await().until(d -> {
            new Select(d.findElement(By.id("order-product"))).selectByValue(product);
            return product.equals(d.findElement(By.id("order-product")).getDomProperty("value"));
        });
        WebElement field = browser.findElement(By.id("order-quantity"));
        field.clear();
        field.sendKeys(Integer.toString(quantity));
        browser.findElement(By.id("order-submit")).click();
    }

    /** The stock shown for {@code product} in the current window; empty until the list has loaded. */
    private static String stock(String product) {
        List<WebElement> cells = browser.findElements(By.cssSelector("#products tr[data-product='" + product
                + "'] td.stock"));
        return cells.isEmpty() ? "" : cells.getFirst().getText();
    }

    /**
     * A wait that polls every 50 ms and retries when the element it read was replaced meanwhile (the
     * page re-renders the product and order tables after each event).
     */
    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Console errors, except Chrome's line for the 409 the test provoked on purpose. */
    private static List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/orders - Failed to load resource: the server responded with a"
                        + " status of 409"))
                .map(LogEntry::getMessage)
                .toList();
    }

    private static void saveScreenshot() throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "shop-page.png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        String docs = System.getProperty("spindle.shop.screenshot", "");
        if (!docs.isBlank()) {
            Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
