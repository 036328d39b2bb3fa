package dev.spindle.http;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.core.Diagnostics;
import dev.spindle.core.TaskDump;
import dev.spindle.core.TaskGroup;
import dev.spindle.http.testkit.TestServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The debug page in a real headless Chromium ({@code --dump-dom}): what a browser builds from it
 * holds the blocked task. Skipped where {@code /usr/bin/chromium} (or {@code -Dspindle.chromium}) is
 * missing.
 */
class DebugPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("spindle.chromium", "/usr/bin/chromium"));

    @Test
    void aBrowserRendersTheBlockedTask(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (Debian package chromium)");
        Channel<String> never = Channel.<String>unbuffered().named("never");
        TaskGroup group = TaskGroup.open().named("debug-browser-test");
        try (TestServer server = TestServer.start(Router.create().handle("/debug/spindle", Debug.handler()))) {
            group.go(() -> {
                try {
                    never.receive();
                } catch (ChannelClosedException expected) {
                    // the test closes the channel to end the task
                }
            });
            String task = await().atMost(Duration.ofSeconds(10)).until(() -> blockedTaskOf("debug-browser-test"),
                    name -> name != null);

            String dom = dumpDom(server.uri("/debug/spindle").toString(), tmp);
            Document page = Jsoup.parse(dom);
            Element row = page.select("table#blocked tr.blocked-task").stream()
                    .filter(r -> r.selectFirst("td.name").text().equals(task))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + task + " in the DOM:\n" + dom));
            assertThat(row.selectFirst("td.group").text()).endsWith("\"debug-browser-test\"");
            assertThat(row.selectFirst("td.on").text()).matches("chan receive channel#\\d+ \"never\".*");
        } finally {
            never.close();
            group.close();
        }
    }

    /** The name of a task of the named group blocked in a Spindle call, or null. */
    private static String blockedTaskOf(String groupName) {
        for (TaskDump.Group g : Diagnostics.dump().groups()) {
            if (groupName.equals(g.name())) {
                return g.tasks().stream().filter(t -> t.waiting() != null).map(TaskDump.Task::name)
                        .findFirst().orElse(null);
            }
        }
        return null;
    }

    /** Loads {@code url} in headless Chromium and returns the DOM it built; at most 20 s. */
    private static String dumpDom(String url, Path tmp) throws Exception {
        Path out = tmp.resolve("dom.html");
        Path err = tmp.resolve("chromium.log");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom", url))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            boolean exited = chromium.waitFor(20, TimeUnit.SECONDS);
            assertThat(exited).as("chromium finished within 20 s; its log:\n%s", read(err)).isTrue();
            assertThat(chromium.exitValue()).as("chromium's exit code; its log:\n%s", read(err)).isZero();
            return read(out);
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
