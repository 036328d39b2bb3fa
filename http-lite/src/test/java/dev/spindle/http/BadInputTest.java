package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every bad-input shape of issue 4 over a raw socket: the RFC's status, a closed connection, no
 * answer to the valid request pipelined after it, and (for bad heads) no handler call.
 */
class BadInputTest {
    private static final String NEXT = "GET /after HTTP/1.1\r\nHost: a\r\n\r\n";
    private final AtomicInteger handled = new AtomicInteger();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start((req, res) -> {
            handled.incrementAndGet();
            res.bytes(200, "text/plain", req.body().readAllBytes());
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> badHeads() {
        return Stream.of(
                arguments("CL with TE", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                arguments("TE with CL", 400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n"),
                arguments("differing CL fields", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                arguments("differing CL list", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!"),
                arguments("CL not a number", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"),
                arguments("CL negative", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
                arguments("CL with plus", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello"),
                arguments("CL empty", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n"),
                arguments("CL with inner space", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n"),
                arguments("CL overflow", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
                // RFC 9112 section 6.1: an unknown coding gets 501, even when it is the final one
                arguments("TE final not chunked", 501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
                arguments("TE only gzip", 501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
                arguments("TE unknown coding", 501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: foo, chunked\r\n\r\n0\r\n\r\n"),
                arguments("TE gzip then chunked", 501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                arguments("TE chunked twice", 400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                arguments("TE empty", 400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n"),
                arguments("TE in HTTP/1.0", 400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                arguments("obs-fold", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n"),
                arguments("whitespace before colon", 400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                arguments("tab before colon", 400, "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n"),
                arguments("bare CR in value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n"),
                arguments("bare CR in request line", 400, "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("bare LF line ends", 400, "GET / HTTP/1.1\nHost: a\n\n"),
                arguments("bare LF after header", 400, "GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n"),
                arguments("NUL in value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n"),
                arguments("NUL in target", 400, "GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("control char in value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: \u0001\r\n\r\n"),
                arguments("DEL in value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u007fb\r\n\r\n"),
                arguments("bad token in method", 400, "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("bad token in header name", 400, "GET / HTTP/1.1\r\nHost: a\r\nX@A: b\r\n\r\n"),
                arguments("empty header name", 400, "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n"),
                arguments("header without colon", 400, "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"),
                arguments("missing Host", 400, "GET / HTTP/1.1\r\n\r\n"),
                arguments("duplicate Host", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                arguments("Host with space", 400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                arguments("Host with userinfo", 400, "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n"),
                arguments("Host with bad port", 400, "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n"),
                arguments("HTTP/2.0", 505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                arguments("HTTP/0.9 version", 505, "GET / HTTP/0.9\r\nHost: a\r\n\r\n"),
                arguments("malformed version", 400, "GET / HTTP/1.1x\r\nHost: a\r\n\r\n"),
                arguments("lower-case version", 400, "GET / http/1.1\r\nHost: a\r\n\r\n"),
                arguments("HTTP/0.9 request line", 400, "GET /\r\n\r\n"),
                arguments("double space", 400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("tab separator", 400, "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("fragment in target", 400, "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("non-ASCII in target", 400, "GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("bad percent-encoding", 400, "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("truncated percent-encoding", 400, "GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("relative target", 400, "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("asterisk with GET", 400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("unsupported scheme", 400, "GET ftp://a/b HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("userinfo in absolute-form", 400, "GET http://u@a/b HTTP/1.1\r\nHost: a\r\n\r\n"),
                arguments("CONNECT", 501, "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"),
                arguments("unknown expectation", 417, "POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 0\r\n\r\n"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("chunk size not hex", 400, "zz\r\nhello\r\n0\r\n\r\n"),
                arguments("negative chunk size", 400, "-5\r\nhello\r\n0\r\n\r\n"),
                arguments("chunk size overflow", 400, "fffffffffffffffffffff\r\nx\r\n0\r\n\r\n"),
                arguments("chunk data without CRLF", 400, "5\r\nhelloXY0\r\n\r\n"),
                arguments("chunk size with junk", 400, "5x\r\nhello\r\n0\r\n\r\n"),
                arguments("chunk size line with bare LF", 400, "5\nhello\r\n0\r\n\r\n"),
                arguments("control char in extension", 400, "5;a=\u0001\r\nhello\r\n0\r\n\r\n"),
                arguments("obs-fold in trailer", 400, "5\r\nhello\r\n0\r\nX: a\r\n b\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badHeads")
    void badHeadIsRejectedBeforeAnyHandler(String shape, int status, String request) throws IOException {
        String answer = exchange(request);
        assertRejected(answer, status);
        assertThat(handled).as("handler calls").hasValue(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badBodies")
    void badChunkedBodyIsRejected(String shape, int status, String body) throws IOException {
        String answer = exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        assertRejected(answer, status);
    }

    private String exchange(String request) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send(request + NEXT);
            return c.readToEnd(); // returns only once the server closed the connection
        }
    }

    private static void assertRejected(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer).contains("\r\nConnection: close\r\n");
        Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(answer);
        int responses = 0;
        while (m.find()) {
            responses++;
        }
        assertThat(responses).as("responses on the connection (the pipelined request must not be answered)")
                .isEqualTo(1);
    }
}
