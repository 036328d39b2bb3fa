package dev.spindle.http;

import dev.spindle.http.internal.ConnectionProbe;
import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Valid HTTP/1.1 and HTTP/1.0 shapes over raw sockets (RFC 9112). */
class ConformanceTest {
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicReference<Request> lastRequest = new AtomicReference<>();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start((req, res) -> {
            handled.incrementAndGet();
            lastRequest.set(req);
            switch (req.path()) {
                case "/echo" -> {
                    byte[] body = req.body().readAllBytes();
                    String trailer = req.trailers().firstOrNull("X-Sum");
                    res.headers().set("X-Method", req.method());
                    res.headers().set("X-Host", req.host());
                    res.headers().set("X-Protocol", req.protocol());
                    if (trailer != null) {
                        res.headers().set("X-Trailer", trailer);
                    }
                    res.bytes(200, "text/plain", body);
                }
                case "/stream" -> {
                    res.headers().set("Content-Type", "text/plain");
                    res.write("first;".getBytes(StandardCharsets.UTF_8));
                    res.flush();
                    res.write("second".getBytes(StandardCharsets.UTF_8));
                }
                case "/ignore-body" -> res.text(200, "ignored");
                case "/names" -> res.text(200, String.join(",", req.headers().names()));
                case "/dated" -> {
                    res.headers().set("Date", "Tue, 01 Dec 2026 00:00:00 GMT");
                    res.text(200, "dated");
                }
                case "/close" -> {
                    res.headers().set("Connection", "close");
                    res.text(200, "bye");
                }
                default -> res.text(200, "path=" + req.path() + " query=" + req.rawQuery());
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawClient client() throws IOException {
        return new RawClient(server.port());
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (RawClient c = client()) {
            for (int i = 0; i < 3; i++) {
                RawClient.Response r = c.send("GET /n" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("path=/n" + i + " query=null");
                assertThat(r.header("Connection")).isNull();
            }
        }
        assertThat(handled).hasValue(3);
    }

    @Test
    void framingFieldsAreFoundWhateverTheCaseOfTheirNames() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nhOST: b\r\ncontent-LENGTH: 5\r\n\r\nhello").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            assertThat(r.header("X-Host")).isEqualTo("b");
            RawClient.Response second = c.send("GET /n HTTP/1.1\r\nHost: a\r\nCONNECTION: Close\r\n\r\n").read();
            assertThat(second.body()).isEqualTo("path=/n query=null");
            assertThat(second.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void fieldNamesKeepTheClientsSpelling() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /names HTTP/1.1\r\nHost: a\r\nuser-agent: x\r\nAccept: */*\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("Host,user-agent,Accept");
        }
    }

    @Test
    void aDateSetByTheHandlerIsSentOnceAndUnchanged() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /dated HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.header("Date")).isEqualTo("Tue, 01 Dec 2026 00:00:00 GMT");
            assertThat(r.header("Content-Length")).isEqualTo("5");
        }
    }

    @Test
    void responsesCarryDateAndContentLength() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /x?a=1 HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length()));
            assertThat(r.body()).isEqualTo("path=/x query=a=1");
        }
    }

    @Test
    void keepAliveConnectionQuietPastTheBufferReleaseIsStillServed() throws Exception {
        try (RawClient c = client()) {
            assertThat(c.send("GET /before HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            // the scenario is a quiet client: it stays idle until the sweeper has given back the
            // connection's buffers
            Request before = lastRequest.get();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> ConnectionProbe.idleAndReleased(before));
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nagain").read();
            assertThat(r.body()).isEqualTo("again");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("path=/1 query=null");
            assertThat(c.read().body()).isEqualTo("hello");
            assertThat(c.read().body()).isEqualTo("path=/3 query=null");
        }
    }

    @Test
    void contentLengthBodyIsDelivered() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("PUT /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world").read();
            assertThat(r.body()).isEqualTo("hello world");
            assertThat(r.header("X-Method")).isEqualTo("PUT");
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDecoded() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n"
                    + "6 ; ext\r\n world\r\n"
                    + "0\r\nX-Sum: 11\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("hello world");
            assertThat(r.header("X-Trailer")).isEqualTo("11");
            // the connection is still usable afterwards
            assertThat(c.send("GET /after HTTP/1.1\r\nHost: a\r\n\r\n").read().body()).isEqualTo("path=/after query=null");
        }
    }

    @Test
    void streamedResponseIsChunkedForHttp11() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.chunked()).isTrue();
            assertThat(r.header("Content-Length")).isNull();
            assertThat(r.body()).isEqualTo("first;second");
            assertThat(c.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void streamedResponseToHttp10IsDelimitedByClose() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /stream HTTP/1.0\r\n\r\n");
            String all = c.readToEnd();
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").endsWith("\r\n\r\nfirst;second");
            assertThat(all).doesNotContain("Transfer-Encoding");
        }
    }

    @Test
    void headGetsHeadersWithoutBody() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf("path=/x query=null".length()));
            // if a body had been sent, it would be read as the next status line here
            RawClient.Response next = c.send("GET /y HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(next.body()).isEqualTo("path=/y query=null");
        }
    }

    @Test
    void http10WithoutKeepAliveIsClosed() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /old HTTP/1.0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void http10WithKeepAliveStaysOpen() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(r.header("Connection")).isEqualTo("keep-alive");
            assertThat(c.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().body())
                    .isEqualTo("path=/b query=null");
        }
    }

    @Test
    void connectionCloseFromClientIsHonoured() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    + "GET /never HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(handled).hasValue(1);
    }

    @Test
    void connectionCloseFromHandlerIsHonoured() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /close HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void absoluteFormTargetUsesItsAuthority() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("POST http://Example.COM:8080/echo?q=1 HTTP/1.1\r\nHost: other\r\n"
                    + "Content-Length: 0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Host")).isEqualTo("Example.COM:8080");
        }
    }

    @Test
    void expectContinueIsSentWhenTheHandlerReadsTheBody() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response interim = c.read();
            assertThat(interim.status()).isEqualTo(100);
            RawClient.Response r = c.send("body").read();
            assertThat(r.body()).isEqualTo("body");
        }
    }

    @Test
    void expectContinueIsNotSentWhenTheHandlerIgnoresTheBody() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /ignore-body HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ignored");
            // the body was never asked for, so the connection cannot be reused safely
            assertThat(r.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void expectContinueIsIgnoredForHttp10() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nhi");
            RawClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hi");
        }
    }

    @Test
    void unreadBodyIsDrainedSoTheConnectionStaysUsable() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("POST /ignore-body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").read();
            assertThat(r.header("Connection")).isNull();
            assertThat(c.send("GET /b HTTP/1.1\r\nHost: a\r\n\r\n").read().body()).isEqualTo("path=/b query=null");
        }
    }

    @Test
    void leadingEmptyLinesAreIgnored() throws IOException {
        try (RawClient c = client()) {
            assertThat(c.send("\r\n\r\nGET /a HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void optionsAsteriskIsAnsweredByTheServer() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).isEqualTo("0");
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void identicalRepeatedContentLengthIsAccepted() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n"
                    + "Content-Length: 2, 2\r\n\r\nok").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
    }

    @Test
    void http11MinorVersionAboveOneIsServedAsHttp11() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /a HTTP/1.9\r\nHost: a\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.statusLine()).startsWith("HTTP/1.1 ");
        }
    }
}
