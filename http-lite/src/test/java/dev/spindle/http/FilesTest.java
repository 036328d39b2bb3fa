package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Static files: served from the root, never from outside it. */
class FilesTest {
    @TempDir
    Path dir;
    private Path root;
    private TestServer server;
    private boolean symlinks;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "hello file");
        Files.writeString(root.resolve("app.js"), "console.log(1)");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<p>docs</p>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        try {
            Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("escape-dir"), dir);
            Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
            symlinks = true;
        } catch (UnsupportedOperationException | IOException e) {
            symlinks = false;
        }
        Router router = Router.create()
                .handle("/static/{path...}", Handler.files(root))
                .handle("/", Handler.files(root));
        server = TestServer.start(router);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private RawClient.Response get(String target) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            return c.send("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
        }
    }

    @Test
    void servesAFileWithTypeLengthAndLastModified() throws IOException {
        RawClient.Response r = get("/static/hello.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello file");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo("10");
        assertThat(r.header("Last-Modified")).endsWith("GMT");
        assertThat(get("/app.js").header("Content-Type")).startsWith("text/javascript");
    }

    @Test
    void directoryServesItsIndex() throws IOException {
        assertThat(get("/static/docs/").body()).isEqualTo("<p>docs</p>");
        assertThat(get("/static/empty/").status()).isEqualTo(404);
    }

    @Test
    void ifModifiedSinceGives304() throws IOException {
        String lastModified = get("/static/hello.txt").header("Last-Modified");
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("GET /static/hello.txt HTTP/1.1\r\nHost: a\r\nIf-Modified-Since: "
                    + lastModified + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(304);
        }
    }

    @Test
    void headSendsNoBody() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("HEAD /static/hello.txt HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertThat(r.header("Content-Length")).isEqualTo("10");
            assertThat(c.send("GET /static/hello.txt HTTP/1.1\r\nHost: a\r\n\r\n").read().body()).isEqualTo("hello file");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/static/%2e%2e/secret.txt",
            "/static/..%2fsecret.txt",
            "/static/..%2Fsecret.txt",
            "/static/%2e%2e%2fsecret.txt",
            "/static/..%5csecret.txt",
            "/static/docs/%2e%2e/%2e%2e/secret.txt",
            "/static/nope.txt",
    })
    void encodedTraversalNeverLeavesTheRoot(String target) throws IOException {
        RawClient.Response r = get(target);
        assertThat(r.status()).isIn(400, 404);
        assertThat(r.body()).doesNotContain("top secret");
    }

    @Test
    void plainDotDotIsCleanedByTheRouterNotServed() throws IOException {
        RawClient.Response r = get("/static/../secret.txt");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo("/secret.txt");
        assertThat(get("/secret.txt").status()).isEqualTo(404);
    }

    @Test
    void encodedNulIsABadRequest() throws IOException {
        assertThat(get("/static/hello.txt%00.png").status()).isEqualTo(400);
    }

    @Test
    void symlinkOutOfTheRootIs404AndOneInsideIsServed() throws IOException {
        assumeTrue(symlinks, "symbolic links not supported here");
        assertThat(get("/static/escape.txt").status()).isEqualTo(404);
        assertThat(get("/static/escape-dir/secret.txt").status()).isEqualTo(404);
        assertThat(get("/static/inside.txt").body()).isEqualTo("hello file");
    }

    @Test
    void otherMethodsGet405() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("DELETE /static/hello.txt HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void rootMustBeADirectory() {
        assertThatThrownBy(() -> Handler.files(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }
}
