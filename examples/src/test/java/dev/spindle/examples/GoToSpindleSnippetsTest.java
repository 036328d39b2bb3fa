package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of {@code docs/go-to-spindle.md} against Spindle's real
 * modules, with {@link ReadmeSnippetsTest}'s machinery, then runs each one that is not marked
 * {@code ```java compile-only} (those listen on a fixed port or wait for a signal), so that the
 * page's Java cannot drift from the API, and the self-contained fragments also do what they show
 * without throwing.
 *
 * <p>Each block becomes the body of {@code static void snippet() throws Exception} in a class of its
 * own that declares {@link #GIVENS}; it runs on a virtual thread and must end within
 * {@link #RUN_LIMIT}.
 */
class GoToSpindleSnippetsTest {
    private static final String DOCUMENT = "docs/go-to-spindle.md";
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java( compile-only)?\\n(.*?)^```");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

    /** What the page's snippets take as given: names a reader's own program would have. */
    private static final String GIVENS = """
                static int fetchSize(Context ctx, String url) { ctx.throwIfDone(); return url.length(); }
            """;

    private record Block(ReadmeSnippetsTest.Snippet unit, boolean run) {
    }

    @Test
    void everyJavaSnippetOfTheGoCheatSheetCompilesAndTheSelfContainedOnesRun(@TempDir Path out) throws Exception {
        String page = Files.readString(ReadmeSnippetsTest.reactorRoot().resolve(DOCUMENT));
        List<Block> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(page);
        while (m.find()) {
            int fence = (int) page.substring(0, m.start()).lines().count() + 1; // the ```java line
            blocks.add(new Block(ReadmeSnippetsTest.unit(DOCUMENT, GIVENS, "GoSnippet" + blocks.size(), fence + 1,
                    m.group(2)), m.group(1) == null));
        }
        assertThat(blocks).as("```java blocks in " + DOCUMENT).hasSizeGreaterThanOrEqualTo(10);
        assertThat(blocks).as("blocks that run").filteredOn(Block::run).hasSizeGreaterThanOrEqualTo(9);

        compile(blocks.stream().map(Block::unit).toList(), out);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                GoToSpindleSnippetsTest.class.getClassLoader())) {
            for (Block block : blocks) {
                if (block.run()) {
                    run(loader, block.unit());
                }
            }
        }
    }

    private static void compile(List<ReadmeSnippetsTest.Snippet> units, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("--release", "21", "-proc:none", "-d", out.toString(),
                    "-classpath", String.join(File.pathSeparator, ReadmeSnippetsTest.testClassPath()));
            boolean ok = javac.getTask(log, files, diagnostics, options, null, units).call();
            StringBuilder errors = new StringBuilder(log.toString());
            diagnostics.getDiagnostics().forEach(d -> errors.append('\n').append(
                    d.getSource() instanceof ReadmeSnippetsTest.Snippet s ? s.origin(d.getLineNumber()) + ": " : "")
                    .append(d.getMessage(null)));
            assertThat(ok).as(DOCUMENT + "'s java snippets compile:%s", errors).isTrue();
        }
    }

    /** Runs the snippet's body on a virtual thread; fails if it throws or outlives {@link #RUN_LIMIT}. */
    private static void run(ClassLoader loader, ReadmeSnippetsTest.Snippet unit) throws Exception {
        String where = DOCUMENT + " snippet at line " + unit.firstLine();
        Method body = loader.loadClass(unit.className()).getDeclaredMethod("snippet");
        body.setAccessible(true);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().name("snippet-" + unit.className()).start(() -> {
            try {
                body.invoke(null);
            } catch (InvocationTargetException e) {
                thrown.set(e.getCause());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        if (!thread.join(RUN_LIMIT)) {
            thread.interrupt();
            throw new AssertionError(where + " did not end within " + RUN_LIMIT);
        }
        if (thrown.get() != null) {
            throw new AssertionError(where + " threw " + thrown.get(), thrown.get());
        }
    }
}
