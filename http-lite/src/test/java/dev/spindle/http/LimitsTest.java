package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits and timeouts, each configured small so the tests stay fast. */
class LimitsTest {
    private static final Handler ECHO = (req, res) -> res.bytes(200, "text/plain", req.body().readAllBytes());

    private static TestServer start(HttpServer.Builder builder) {
        return TestServer.start(builder);
    }

    @Test
    void requestLineOverTheLimitIs414() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).maxRequestLineBytes(100));
             RawClient c = new RawClient(s.port())) {
            String answer = c.send("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 414 URI Too Long\r\n");
        }
    }

    @Test
    void requestLineAtTheLimitIsServed() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).maxRequestLineBytes(100));
             RawClient c = new RawClient(s.port())) {
            String line = "GET /" + "a".repeat(100 - "GET / HTTP/1.1".length()) + " HTTP/1.1";
            assertThat(line).hasSize(100);
            assertThat(c.send(line + "\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void headerSectionOverTheLimitIs431() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).maxHeaderBytes(1024));
             RawClient c = new RawClient(s.port())) {
            String answer = c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 431 ");
        }
    }

    @Test
    void defaultsAcceptAThousandFieldsAndALargeCookie() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO));
             RawClient c = new RawClient(s.port())) {
            StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\nCookie: " + "c".repeat(16_000) + "\r\n");
            for (int i = 0; i < 1000; i++) {
                req.append("X-F-").append(i).append(": v\r\n");
            }
            assertThat(req.length()).isLessThan(32 * 1024);
            assertThat(c.send(req + "\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void tooManyHeaderFieldsIs431() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).maxHeaderCount(5));
             RawClient c = new RawClient(s.port())) {
            StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
            for (int i = 0; i < 10; i++) {
                req.append("X-").append(i).append(": v\r\n");
            }
            assertThat(c.send(req + "\r\n").readToEnd()).startsWith("HTTP/1.1 431 ");
        }
    }

    @Test
    void declaredBodyOverTheLimitIs413AndClosed() throws IOException {
        AtomicInteger handled = new AtomicInteger();
        try (TestServer s = start(HttpServer.builder().handler((req, res) -> handled.incrementAndGet()).maxBodyBytes(10));
             RawClient c = new RawClient(s.port())) {
            String answer = c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Connection: close");
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void chunkedBodyOverTheLimitIs413AndClosed() throws IOException {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Handler h = (req, res) -> {
            try {
                req.body().readAllBytes();
            } catch (IOException e) {
                seen.set(e);
                throw e;
            }
        };
        try (TestServer s = start(HttpServer.builder().handler(h).maxBodyBytes(10));
             RawClient c = new RawClient(s.port())) {
            String answer = c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Connection: close");
        }
        assertThat(seen.get()).isInstanceOf(IOException.class).hasMessageContaining("larger than the limit");
    }

    @Test
    void connectionsAboveTheLimitGet503() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).maxConnections(2))) {
            List<RawClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    RawClient c = new RawClient(s.port());
                    held.add(c);
                    assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
                }
                try (RawClient third = new RawClient(s.port())) {
                    assertThat(third.readToEnd()).startsWith("HTTP/1.1 503 ");
                }
                // the first two are still served
                assertThat(held.get(0).send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            } finally {
                for (RawClient c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void slowClientIsCutOffAtTheHeaderDeadline() throws Exception {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).readHeaderTimeout(Duration.ofMillis(300)));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            byte[] head = ("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (byte b : head) {
                        out.write(b);
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(20); // the subject: a slow client's pace (20 ms a byte), not a wait for an event
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off by the server: expected
                }
            });
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408 ");
            assertThat(sent.get()).as("bytes the slow client got to send").isLessThan(head.length);
            trickle.cancel(true);
        }
    }

    @Test
    void silentConnectionIsClosedWithoutAResponse() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).readHeaderTimeout(Duration.ofMillis(200)));
             RawClient c = new RawClient(s.port())) {
            assertThat(c.readToEnd()).isEmpty();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (TestServer s = start(HttpServer.builder().handler(ECHO).idleTimeout(Duration.ofMillis(200)));
             RawClient c = new RawClient(s.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void slowBodyHitsTheBodyReadTimeout() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try {
                req.body().readAllBytes();
                seen.complete(null);
            } catch (IOException e) {
                seen.complete(e);
                throw e;
            }
        };
        try (TestServer s = start(HttpServer.builder().handler(h).bodyReadTimeout(Duration.ofMillis(200)));
             RawClient c = new RawClient(s.port())) {
            c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
            assertThat(seen.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketTimeoutException.class);
            assertThat(c.readToEnd()).startsWith("HTTP/1.1 408 ").contains("Connection: close");
        }
    }

    @Test
    void clientThatStopsReadingHitsTheWriteTimeout() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        byte[] mb = new byte[1 << 20];
        Handler h = (req, res) -> {
            try {
                for (int i = 0; i < 512; i++) {
                    res.write(mb);
                }
                seen.complete(null);
            } catch (IOException e) {
                seen.complete(e);
                throw e;
            }
        };
        try (TestServer s = start(HttpServer.builder().handler(h).writeTimeout(Duration.ofMillis(300)));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            // never read: the server's writes block until the sweeper closes the connection
            assertThat(seen.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void handlerExceptionBecomes500AndIsContained() throws IOException {
        Handler h = (req, res) -> {
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("boom");
            }
            res.text(200, "fine");
        };
        try (TestServer s = TestServer.start(h)) {
            try (RawClient c = new RawClient(s.port())) {
                String answer = c.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
                assertThat(answer).startsWith("HTTP/1.1 500 Internal Server Error\r\n").doesNotContain("boom");
            }
            try (RawClient c = new RawClient(s.port())) {
                assertThat(c.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").read().body()).isEqualTo("fine");
            }
        }
    }

    @Test
    void failedHeadRequestGets500WithoutABody() throws IOException {
        try (TestServer s = TestServer.start((req, res) -> {
            throw new IllegalStateException("expected by the test");
        }); RawClient c = new RawClient(s.port())) {
            String answer = c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\n");
        }
    }

    @Test
    void handlerExceptionAfterCommitClosesTheConnection() throws IOException {
        Handler h = (req, res) -> {
            res.write("partial".getBytes(StandardCharsets.UTF_8));
            res.flush();
            throw new IllegalStateException("late boom");
        };
        try (TestServer s = TestServer.start(h); RawClient c = new RawClient(s.port())) {
            String answer = c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked")
                    .contains("partial").doesNotEndWith("0\r\n\r\n");
        }
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.builder().maxHeaderBytes(1))
                .hasMessageContaining("maxHeaderBytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.builder().idleTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("idleTimeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.builder().start())
                .hasMessageContaining("no handler");
    }

}
