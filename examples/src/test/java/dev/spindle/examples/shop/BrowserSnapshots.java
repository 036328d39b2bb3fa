package dev.spindle.examples.shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * When a browser test fails, saves a screenshot and the page source of every open window under
 * {@code target/browser-failures/} (before {@code @AfterEach}/{@code @AfterAll} close the browser),
 * and says where on standard error.
 */
final class BrowserSnapshots implements AfterTestExecutionCallback {
    static final Path DIR = Path.of("target", "browser-failures");
    private final Supplier<ChromeDriver> driver;

    BrowserSnapshots(Supplier<ChromeDriver> driver) {
        this.driver = driver;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws IOException {
        ChromeDriver browser = driver.get();
        if (context.getExecutionException().isEmpty() || browser == null) {
            return;
        }
        Files.createDirectories(DIR);
        String name = context.getRequiredTestMethod().getName();
        List<String> windows = List.copyOf(browser.getWindowHandles());
        for (int i = 0; i < windows.size(); i++) {
            try {
                WebDriver window = browser.switchTo().window(windows.get(i));
                Path png = DIR.resolve(name + "-window" + (i + 1) + ".png");
                Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
                Path html = DIR.resolve(name + "-window" + (i + 1) + ".html");
                Files.writeString(html, window.getPageSource(), StandardCharsets.UTF_8);
                System.err.println("browser test failed; saved " + png.toAbsolutePath() + " and " + html.getFileName());
            } catch (WebDriverException e) {
                System.err.println("browser test failed; could not save window " + (i + 1) + ": " + e.getMessage());
            }
        }
    }
}
