package dev.spindle.examples.shop;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the machine's own headless Chromium through its own chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}). The driver's path is given to the driver service
 * (and as {@code webdriver.chrome.driver}), so Selenium never runs Selenium Manager and never
 * downloads a driver or a browser. Paths can be changed with {@code -Dspindle.chromedriver=...}
 * and {@code -Dspindle.chromium=...}.
 *
 * <p>If the browser cannot start, the calling test fails with the command that installs it: a
 * browser test that skips itself when the browser is missing would pass in CI without testing.
 */
final class HeadlessChromium {
    static final String INSTALL = "install headless Chromium and its driver: sudo apt-get update && sudo"
            + " DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver (.ci/run does this)";

    private HeadlessChromium() {
    }

    /** A new headless browser session with a desktop-sized first window, its console log recorded. */
    static ChromeDriver start() {
        Path driver = Path.of(System.getProperty("spindle.chromedriver", "/usr/bin/chromedriver"));
        Path browser = Path.of(System.getProperty("spindle.chromium", "/usr/bin/chromium"));
        for (Path p : new Path[] {driver, browser}) {
            if (!Files.isExecutable(p)) {
                fail("The shop page's browser test needs " + p + ", which is missing; " + INSTALL);
            }
        }
        System.setProperty("webdriver.chrome.driver", driver.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--no-first-run", "--no-default-browser-check",
                        "--disable-extensions", "--disable-background-networking", "--disable-sync",
                        // Both windows of the test stay fully alive while the other one is in front.
                        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                        "--disable-backgrounding-occluded-windows");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        try {
            return new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            service.stop();
            return fail("Headless Chromium (" + browser + ", driver " + driver + ") did not start: "
                    + e.getMessage().lines().findFirst().orElse("") + "; " + INSTALL, e);
        }
    }
}
