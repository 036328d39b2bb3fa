package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the README against Spindle's real modules (this module's
 * test class path), so a snippet that stops compiling fails the build.
 *
 * <p>A snippet is a fragment: its {@code import} lines go to the top of a compilation unit that also
 * imports Spindle's API packages and {@code java.time}, {@code java.util} and {@code java.nio.file};
 * the rest becomes the body of a method that may throw anything, in a class that declares the
 * placeholders the README leaves to the reader ({@link #GIVENS}: the user and order services, the
 * URLs to fetch). Nothing is run.
 *
 * <p>{@link GoToSpindleSnippetsTest} uses the same machinery ({@link #unit}, {@link #testClassPath})
 * for {@code docs/go-to-spindle.md}.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");

    static final String IMPORTS = """
            import dev.spindle.core.*;
            import dev.spindle.channels.*;
            import dev.spindle.http.*;
            import dev.spindle.cluster.*;
            import java.time.*;
            import java.util.*;
            import java.nio.file.*;
            """;

    /** What the README's snippets take as given: names a reader's own program would have. */
    private static final String GIVENS = """
                record User(long id) {}
                record Order(long id) {}
                interface UserStore { User fetch(Context ctx, long id) throws Exception; }
                interface OrderStore { List<Order> fetch(Context ctx, long id) throws Exception; }
                static UserStore userStore;
                static OrderStore orderStore;
                static long id;
                static void render(User user, List<Order> orders) {}
                static List<String> urls;
                static String fetch(String url) { return url; }
            """;

    @Test
    void everyJavaSnippetOfTheReadmeCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(reactorRoot().resolve("README.md"));
        List<Snippet> units = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            int fence = (int) readme.substring(0, m.start()).lines().count() + 1; // the ```java line
            units.add(unit("README.md", GIVENS, "Snippet" + units.size(), fence + 1, m.group(1)));
        }
        assertThat(units).as("```java blocks in README.md").hasSizeGreaterThanOrEqualTo(4);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("--release", "21", "-proc:none", "-d", out.toString(),
                    "-classpath", String.join(File.pathSeparator, testClassPath()));
            boolean ok = javac.getTask(log, files, diagnostics, options, null, units).call();
            StringBuilder errors = new StringBuilder(log.toString());
            diagnostics.getDiagnostics().forEach(d -> errors.append('\n').append(
                    d.getSource() instanceof Snippet s ? s.origin(d.getLineNumber()) + ": " : "")
                    .append(d.getMessage(null)));
            assertThat(ok).as("README.md's java snippets compile:%s", errors).isTrue();
        }
    }

    @Test
    void aSnippetThatDoesNotCompileIsCaught(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(new StringWriter(), files, diagnostics,
                    List.of("--release", "21", "-proc:none", "-d", out.toString(), "-classpath",
                            String.join(File.pathSeparator, testClassPath())),
                    null, List.of(unit("README.md", GIVENS, "Broken", 7, "Channel<String> c = Channel.bufered(1);\n")))
                    .call();
            assertThat(ok).isFalse();
            assertThat(diagnostics.getDiagnostics()).anySatisfy(d -> {
                assertThat(d.getMessage(null)).contains("bufered");
                assertThat(((Snippet) d.getSource()).origin(d.getLineNumber())).isEqualTo("README.md line 7");
            });
        }
    }

    /** A snippet as a compilation unit, remembering which document line each of its lines came from. */
    static final class Snippet extends SimpleJavaFileObject {
        private final String document;
        private final String className;
        private final String source;
        private final int bodyStart; // line of the unit where the snippet's body begins
        private final List<Integer> bodyDocumentLines;

        Snippet(String document, String className, String source, int bodyStart, List<Integer> bodyDocumentLines) {
            super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
            this.document = document;
            this.className = className;
            this.source = source;
            this.bodyStart = bodyStart;
            this.bodyDocumentLines = bodyDocumentLines;
        }

        /** {@return the name of the class the snippet's body is compiled into} */
        String className() {
            return className;
        }

        /** {@return the document line of the snippet's first line (after its fence)} */
        int firstLine() {
            return bodyDocumentLines.isEmpty() ? -1 : bodyDocumentLines.get(0);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }

        /** Where a line of this unit comes from: "README.md line N" (its document), or the wrapper's line. */
        String origin(long unitLine) {
            long i = unitLine - bodyStart;
            return i >= 0 && i < bodyDocumentLines.size() ? document + " line " + bodyDocumentLines.get((int) i)
                    : getName() + " line " + unitLine + " (wrapper or import)";
        }
    }

    /**
     * A compilation unit: the snippet's imports, the common imports, and its body in a method
     * {@code static void snippet() throws Exception} of a class that also declares {@code givens}.
     */
    static Snippet unit(String document, String givens, String className, int firstDocumentLine, String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        List<Integer> bodyLines = new ArrayList<>();
        List<String> lines = snippet.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append(line).append('\n');
                bodyLines.add(firstDocumentLine + i);
            }
        }
        String head = imports + IMPORTS + "class " + className + " {\n" + givens
                + "    static void snippet() throws Exception {\n";
        int bodyStart = (int) head.lines().count() + 1;
        return new Snippet(document, className, head + body + "    }\n}\n", bodyStart, bodyLines);
    }

    /** This JVM's class path, with Surefire's manifest-only jar expanded. */
    static List<String> testClassPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String ref : cp.trim().split("\\s+")) {
                            entries.add(Path.of(Path.of(entry).toUri().resolve(ref)).toString());
                        }
                    }
                }
            }
        }
        return List.copyOf(entries);
    }

    /** The directory holding the parent pom and the README (tests run in the module's directory). */
    static Path reactorRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no reactor root (a folder with mvnw and README.md) above "
                + Path.of("").toAbsolutePath());
    }
}
