package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allocation-saving paths of a keep-alive connection (issue 13): header strings and field
 * arrays shared between requests that repeat them, a request routed in place, response headers
 * made only when asked for. Each test checks that the sharing cannot be seen: a request or writer
 * a handler keeps still reports its own exchange, and fields that change between requests are read
 * anew.
 */
class KeepAliveSharingTest {
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<ResponseWriter> writers = new CopyOnWriteArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Handler handler) {
        server = TestServer.start(handler);
    }

    private Handler keeping(Handler handler) {
        return (req, res) -> {
            requests.add(req);
            writers.add(res);
            handler.serve(req, res);
        };
    }

    @Test
    void fieldsThatChangeBetweenRequestsAreReadAnewAndKeptRequestsKeepTheirOwn() throws IOException {
        start(keeping((req, res) -> res.text(200, req.host() + "|" + req.headers())));
        String[] heads = {
            "Host: a.test\r\nUser-Agent: one\r\nAccept: x\r\n",
            "Host: a.test\r\nUser-Agent: one\r\nAccept: x\r\n",  // the same: shared
            "Host: b.test\r\nUser-Agent: two\r\nAccept: x\r\n",  // same lengths, other bytes
            "Host: b.test\r\nUser-Agent: two\r\n",                // one field fewer
            "Host: b.test\r\nUser-Agent: two\r\nX-New: 1\r\nAccept: x\r\n", // one more, order changed
            "Host: b.test\r\nuser-agent: two\r\nX-New: 1\r\nAccept: x\r\n", // a name's case changed
        };
        String[] expected = {
            "a.test|Headers[Host: a.test, User-Agent: one, Accept: x]",
            "a.test|Headers[Host: a.test, User-Agent: one, Accept: x]",
            "b.test|Headers[Host: b.test, User-Agent: two, Accept: x]",
            "b.test|Headers[Host: b.test, User-Agent: two]",
            "b.test|Headers[Host: b.test, User-Agent: two, X-New: 1, Accept: x]",
            "b.test|Headers[Host: b.test, user-agent: two, X-New: 1, Accept: x]",
        };
        try (RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < heads.length; i++) {
                assertThat(c.send("GET / HTTP/1.1\r\n" + heads[i] + "\r\n").read().body())
                        .isEqualTo(expected[i]);
            }
        }
        for (int i = 0; i < heads.length; i++) {
            Request kept = requests.get(i);
            assertThat(kept.host() + "|" + kept.headers()).as("request %d read after the others", i)
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void pipelinedRequestsWithRepeatedFieldsEachSeeTheirOwnValues() throws IOException {
        start((req, res) -> res.text(200, req.header("X-N").orElse("-")));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            batch.append("GET / HTTP/1.1\r\nHost: a\r\nX-N: ").append(i % 3 == 0 ? "same" : "v" + i).append("\r\n\r\n");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send(batch.toString());
            for (int i = 0; i < 20; i++) {
                assertThat(c.read().body()).isEqualTo(i % 3 == 0 ? "same" : "v" + i);
            }
        }
    }

    @Test
    void aRoutedRequestKeptByItsHandlerKeepsItsPatternAndPathValues() throws IOException {
        Router router = Router.create()
                .handle("GET /items/{id}", keeping((req, res) -> res.text(200, req.pathValue("id"))))
                .handle("GET /", keeping((req, res) -> res.text(200, "root " + req.pathValue("id"))));
        start(router);
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET /items/a%20b HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("a b");
            assertThat(c.send("GET /items/7 HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("7");
            assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("root null");
        }
        assertThat(requests).extracting(Request::pattern)
                .containsExactly("GET /items/{id}", "GET /items/{id}", "GET /");
        assertThat(requests).extracting(r -> r.pathValue("id")).containsExactly("a b", "7", null);
    }

    @Test
    void nestedRoutersEachSeeTheirOwnPatternAndValues() throws IOException {
        Router inner = Router.create().handle("GET /api/{version}/users/{id}",
                (req, res) -> res.text(200, req.pattern() + " " + req.pathValue("version") + " " + req.pathValue("id")
                        + " " + req.pathValue("rest")));
        Router outer = Router.create().handle("/api/{rest...}", (req, res) -> {
            res.headers().set("X-Outer", req.pattern() + " " + req.pathValue("rest"));
            inner.serve(req, res);
        });
        start(outer);
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("GET /api/v2/users/9 HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.header("X-Outer")).isEqualTo("/api/{rest...} v2/users/9");
            assertThat(r.body()).isEqualTo("GET /api/{version}/users/{id} v2 9 null");
        }
    }

    @Test
    void bytesWithoutAskingForHeadersSendsTheSameHeadAsWithHeaders() throws IOException {
        start((req, res) -> {
            if (req.path().equals("/asked")) {
                res.headers(); // the eager path
            }
            res.bytes(200, "text/plain", "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response lazy = c.send("GET /lazy HTTP/1.1\r\nHost: h\r\n\r\n").read();
            RawClient.Response eager = c.send("GET /asked HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(lazy.headers().keySet()).containsExactly("content-type", "content-length", "date");
            assertThat(lazy.headers().keySet()).containsExactlyElementsOf(eager.headers().keySet());
            assertThat(lazy.header("Content-Length")).isEqualTo("5");
            assertThat(lazy.header("Content-Type")).isEqualTo("text/plain");
            assertThat(lazy.body()).isEqualTo(eager.body()).isEqualTo("hello");
            RawClient.Response head = c.send("HEAD /lazy HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertThat(head.header("Content-Length")).isEqualTo("5");
        }
    }

    @Test
    void headersAskedForAfterBytesHoldContentTypeAndLengthAndCanStillChange() throws IOException {
        start(keeping((req, res) -> {
            res.bytes(201, "text/plain", new byte[] {'o', 'k'});
            Headers h = res.headers();
            String seen = h.firstOrNull("Content-Type") + ";" + h.firstOrNull("Content-Length");
            h.set("X-Seen", seen);
            h.set("Content-Type", "text/x-changed");
        }));
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.header("X-Seen")).isEqualTo("text/plain;2");
            assertThat(r.header("Content-Type")).isEqualTo("text/x-changed");
            assertThat(r.body()).isEqualTo("ok");
        }
    }

    @Test
    void aWriterKeptPastItsExchangeShowsWhatWasSentAndRefusesChanges() throws IOException {
        start(keeping((req, res) -> res.text(200, "first")));
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("first");
            assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("first");
        }
        ResponseWriter kept = writers.get(0);
        assertThat(kept.isCommitted()).isTrue();
        assertThat(kept.headers().firstOrNull("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(kept.headers().firstOrNull("Content-Length")).isEqualTo("5");
        assertThatThrownBy(() -> kept.headers().set("X-Late", "1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("committed");
        assertThatThrownBy(() -> kept.write(new byte[] {'x'})).isInstanceOf(IOException.class);
        assertThat(writers.get(1)).isNotSameAs(kept);
        assertThat(requests.get(1)).isNotSameAs(requests.get(0));
    }

    @Test
    void anInvalidContentTypeGivenToBytesFailsAsItDoesThroughHeaders() throws IOException {
        start((req, res) -> {
            try {
                res.bytes(200, "text/plain\r\nX-Injected: 1", new byte[0]);
                res.text(500, "accepted");
            } catch (IllegalArgumentException e) {
                res.text(200, e.getMessage());
            }
        });
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.body()).contains("value of header Content-Type").contains("forbidden character");
            assertThat(r.header("X-Injected")).isNull();
        }
    }
}
