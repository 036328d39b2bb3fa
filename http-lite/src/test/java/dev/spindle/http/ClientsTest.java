package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real clients: the JDK's HttpClient and curl (skipped when curl is absent). */
class ClientsTest {
    private TestServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        Router router = Router.create()
                .handle("GET /hello/{name}", (req, res) -> res.text(200, "Hello, " + req.pathValue("name") + "!"))
                .handle("POST /echo", (req, res) -> res.bytes(200, "application/octet-stream", req.body().readAllBytes()))
                .handle("GET /stream", (req, res) -> {
                    for (int i = 0; i < 3; i++) {
                        res.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                        res.flush();
                    }
                })
                .handle("GET /go", (req, res) -> res.redirect(req, "/hello/redirected", 302));
        server = TestServer.start(router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void httpClientGetPostChunkedUploadStreamAndHead() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.uri("/hello/java")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("Hello, java!");
        assertThat(get.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("posted")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).isEqualTo("posted");

        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> chunked = client.send(HttpRequest.newBuilder(server.uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chunked.body()).isEqualTo(big);

        HttpResponse<String> stream = client.send(HttpRequest.newBuilder(server.uri("/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.body()).isEqualTo("part0;part1;part2;");

        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(server.uri("/hello/head"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue("12");

        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(server.uri("/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void httpClientFollowsRedirects() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> r = following.send(HttpRequest.newBuilder(server.uri("/go")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("Hello, redirected!");
    }

    private static boolean hasCurl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "curl"))) {
                return true;
            }
        }
        return false;
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void curlGetPostChunkedExpectHttp10AndKeepAlive() throws Exception {
        assumeTrue(hasCurl(), "curl is not installed");
        String base = server.baseUri().toString();
        assertThat(curl(base + "hello/curl")).isEqualTo("Hello, curl!");
        assertThat(curl("--data-binary", "from curl", base + "echo")).isEqualTo("from curl");
        assertThat(curl("-H", "Transfer-Encoding: chunked", "--data-binary", "chunked body", base + "echo"))
                .isEqualTo("chunked body");
        assertThat(curl("-H", "Expect: 100-continue", "--data-binary", "expecting", base + "echo"))
                .isEqualTo("expecting");
        assertThat(curl("-0", "-i", base + "hello/old")).startsWith("HTTP/1.1 200 OK").contains("Connection: close")
                .endsWith("Hello, old!");
        assertThat(curl("-I", base + "hello/head")).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 12");
        String twice = curl("-v", base + "hello/a", base + "hello/b");
        assertThat(twice).contains("Hello, a!").contains("Hello, b!").containsPattern("(?i)re-?using");
    }
}
