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
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
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
 * <p>The page's {@code | Go | Spindle |} tables hold Java too, as code spans too short to compile;
 * {@link #everyNameInTheSpindleColumnsExists} checks that each type and method they name exists in
 * Spindle's API (or, for {@code Optional} and {@code Duration}, the JDK's).
 *
 * <p>Each block becomes the body of {@code static void snippet() throws Exception} in a class of its
 * own that declares {@link #GIVENS}; it runs on a virtual thread and must end within
 * {@link #RUN_LIMIT}.
 */
class GoToSpindleSnippetsTest {
    private static final String DOCUMENT = "docs/go-to-spindle.md";
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java( compile-only)?\\n(.*?)^```");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final List<String> API_PACKAGES = List.of("dev.spindle.core", "dev.spindle.channels",
            "dev.spindle.http", "dev.spindle.http.testkit");
    private static final List<String> TYPE_PACKAGES = Stream.concat(API_PACKAGES.stream(),
            Stream.of("java.lang", "java.util", "java.time")).toList();
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern NAME = Pattern.compile("(\\.)?\\b([A-Za-z_]\\w*)\\b(\\s*\\()?");
    private static final Set<String> NOT_NAMES = Set.of("null", "true", "false", "new", "for", "var");

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

    @Test
    void everyNameInTheSpindleColumnsExists() throws IOException, URISyntaxException {
        String page = Files.readString(ReadmeSnippetsTest.reactorRoot().resolve(DOCUMENT));
        Set<String> methods = apiMethodNames();
        List<String> spans = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.lines().toList()) {
            if (line.equals("| Go | Spindle |")) {
                inTable = true;
            } else if (!line.startsWith("|")) {
                inTable = false;
            } else if (inTable && !line.startsWith("|---")) {
                Matcher span = CODE_SPAN.matcher(line.split("\\|")[2]);
                while (span.find()) {
                    spans.add(span.group(1));
                }
            }
        }
        assertThat(spans).as("code spans in the Spindle columns of " + DOCUMENT).hasSizeGreaterThanOrEqualTo(30);
        List<String> problems = new ArrayList<>();
        spans.forEach(span -> problems.addAll(unknownNames(span, methods)));
        assertThat(problems).as("names in the Spindle columns of " + DOCUMENT + " that Spindle lacks").isEmpty();
    }

    @Test
    void aNameThatDoesNotExistIsCaught() throws IOException, URISyntaxException {
        Set<String> methods = apiMethodNames();
        assertThat(unknownNames("Channel.bufered(n)", methods)).containsExactly("`Channel.bufered(n)`: Channel.bufered");
        assertThat(unknownNames("ch.recieve()", methods)).containsExactly("`ch.recieve()`: recieve");
        assertThat(unknownNames("Chanel", methods)).containsExactly("`Chanel`: Chanel");
        assertThat(unknownNames("Router.create().handle(pattern, handler)", methods)).isEmpty();
    }

    /**
     * The names in one code span that do not exist: a capitalised name must be a type of the API
     * (or {@link #TYPE_PACKAGES}), {@code Type.name} a public method of it, and a lower-case name
     * that is called, follows a dot or stands alone a public method of some API type. Single
     * letters are placeholders ({@code f()}, {@code T}); a package name is skipped.
     */
    private static List<String> unknownNames(String span, Set<String> methods) {
        if (span.matches("[a-z]+(\\.[a-z]+)+")) {
            return List.of();
        }
        String code = span.replaceAll("\"[^\"]*\"", "\"\"");
        List<String> unknown = new ArrayList<>();
        Matcher m = NAME.matcher(code);
        Class<?> previousType = null;
        int previousEnd = -1;
        while (m.find()) {
            String name = m.group(2);
            boolean dotted = m.group(1) != null;
            boolean called = m.group(3) != null;
            Class<?> type = null;
            if (name.length() == 1 || NOT_NAMES.contains(name)) {
                // a placeholder or a keyword
            } else if (Character.isUpperCase(name.charAt(0)) && !dotted) {
                type = type(name);
                if (type == null) {
                    unknown.add("`" + span + "`: " + name);
                }
            } else if (dotted && previousType != null && m.start() == previousEnd) {
                if (!publicMethodNames(previousType).contains(name)) {
                    unknown.add("`" + span + "`: " + previousType.getSimpleName() + "." + name);
                }
            } else if ((dotted || called || m.group().equals(span)) && !methods.contains(name)) {
                unknown.add("`" + span + "`: " + name);
            }
            previousType = type;
            previousEnd = m.end(2);
        }
        return unknown;
    }

    private static Class<?> type(String simpleName) {
        for (String pkg : TYPE_PACKAGES) {
            try {
                return Class.forName(pkg + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        return null;
    }

    private static Set<String> publicMethodNames(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getMethods()) {
            names.add(method.getName());
        }
        for (Method method : type.getDeclaredMethods()) { // an interface's static methods
            if (Modifier.isPublic(method.getModifiers())) {
                names.add(method.getName());
            }
        }
        return names;
    }

    /** The public method names of every type (nested ones too) in Spindle's API packages. */
    private static Set<String> apiMethodNames() throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        for (String pkg : API_PACKAGES) {
            for (String className : classesOf(pkg)) {
                try {
                    Class<?> type = Class.forName(className);
                    if (Modifier.isPublic(type.getModifiers())) {
                        names.addAll(publicMethodNames(type));
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(className + " listed but not loadable", e);
                }
            }
        }
        return names;
    }

    /** The classes of {@code pkg}, from the directory or jar that holds one of its types. */
    private static List<String> classesOf(String pkg) throws IOException, URISyntaxException {
        String anchor = switch (pkg) {
            case "dev.spindle.core" -> "Context";
            case "dev.spindle.channels" -> "Channel";
            case "dev.spindle.http" -> "Router";
            default -> "TestServer";
        };
        URL location;
        try {
            location = Class.forName(pkg + "." + anchor).getProtectionDomain().getCodeSource().getLocation();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no " + anchor + " in " + pkg, e);
        }
        String dir = pkg.replace('.', '/') + "/";
        List<String> classes = new ArrayList<>();
        Path root = Path.of(location.toURI());
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> classes.add(pkg + "." + n.substring(0, n.length() - 6).replace('/', '.')));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(dir) && n.endsWith(".class") && n.indexOf('/', dir.length()) < 0) {
                        classes.add(n.substring(0, n.length() - 6).replace('/', '.'));
                    }
                }
            }
        }
        classes.removeIf(n -> n.endsWith("package-info") || n.endsWith("module-info"));
        return classes;
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
