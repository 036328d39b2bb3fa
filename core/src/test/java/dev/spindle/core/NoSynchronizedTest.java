package dev.spindle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's rule "no {@code synchronized} on a path that may block": on JDK 21 a virtual thread
 * inside {@code synchronized} pins its carrier (JEP 491 lifts that only in JDK 24), so a Hazelcast
 * call, a socket write or a park under a monitor stalls other virtual threads. Use a
 * {@link java.util.concurrent.locks.ReentrantLock} or lock-free code instead.
 *
 * <p>This test scans the main sources of every module of the reactor (comments and string literals
 * stripped) and fails on any {@code synchronized} not in {@link #ALLOWED}, which lists each
 * remaining one with its count and why it can never block.
 */
class NoSynchronizedTest {
    /** Path from the reactor root -> how many {@code synchronized} it may hold, and why they never block. */
    private static final Map<String, Allowed> ALLOWED = Map.of(
            "core/src/main/java/dev/spindle/core/internal/TaskGroupObserver.java",
            new Allowed(2, "copy-on-write of a small array of observers at bind/unbind; no call out under the lock"),
            "core/src/main/java/dev/spindle/core/TaskGroupMetrics.java",
            new Allowed(2, "bindTo/close swap one observer and register meters in memory; called at start-up"),
            "benchmarks/src/main/java/dev/spindle/bench/channels/Crew.java",
            new Allowed(1, "benchmark harness: records the first failure and interrupts threads; never parks"));

    record Allowed(int count, String why) {}

    private static final Pattern KEYWORD = Pattern.compile("\\bsynchronized\\b");

    @Test
    void mainSourcesUseSynchronizedOnlyWhereAllowed() throws IOException {
        Path root = reactorRoot();
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(NoSynchronizedTest::isMainSource).toList()) {
                Matcher m = KEYWORD.matcher(stripCommentsAndLiterals(Files.readString(file)));
                int n = 0;
                while (m.find()) {
                    n++;
                }
                if (n > 0) {
                    found.put(root.relativize(file).toString().replace('\\', '/'), n);
                }
            }
        }
        Map<String, Integer> allowed = new TreeMap<>();
        ALLOWED.forEach((path, a) -> allowed.put(path, a.count()));
        assertThat(found)
                .as("files of main code with `synchronized` (path -> count); replace it with a ReentrantLock or"
                        + " lock-free code, or, if it can never block, add it to NoSynchronizedTest.ALLOWED with why")
                .isEqualTo(allowed);
    }

    @Test
    void theScannerSeesOnlyCode() {
        String code = """
                /* synchronized */ // synchronized
                String s = "synchronized \\" synchronized"; char c = '"'; String t = \"""
                    synchronized
                    \""";
                synchronized (this) { }
                """;
        assertThat(KEYWORD.matcher(stripCommentsAndLiterals(code)).results().count()).isEqualTo(1);
    }

    private static boolean isMainSource(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.endsWith(".java") && s.contains("/src/main/") && !s.contains("/target/");
    }

    /** The directory holding the parent pom (tests run in the module's directory). */
    private static Path reactorRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("core"))) {
                return p;
            }
        }
        throw new IllegalStateException("no reactor root (a folder with mvnw and core/) above "
                + Path.of("").toAbsolutePath());
    }

    /** Replaces comments and string, text-block and char literals with spaces. */
    static String stripCommentsAndLiterals(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 3);
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
