package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-request Context: cancelled when the client goes away, and after the response. */
class ContextTest {

    @Test
    void contextIsCancelledWhenTheClientGoesAway() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Handler h = (req, res) -> {
            started.countDown();
            boolean done = req.context().await(java.time.Duration.ofSeconds(20));
            cause.complete(done ? req.context().cause() : null);
        };
        try (TestServer s = TestServer.start(h)) {
            RawClient c = new RawClient(s.port());
            c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            c.close();
            assertThat(cause.get(20, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("client closed");
        }
    }

    @Test
    void contextIsCancelledWhenTheClientGoesAwayAfterSendingABody() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
        Handler h = (req, res) -> {
            var ctx = req.context(); // asked before the body is read: the watch starts at its end
            req.body().readAllBytes();
            started.countDown();
            cancelled.complete(ctx.await(java.time.Duration.ofSeconds(20)));
        };
        try (TestServer s = TestServer.start(h)) {
            RawClient c = new RawClient(s.port());
            c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            c.close();
            assertThat(cancelled.get(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void contextOutlivesNothingButItsRequestAndKeepAliveStillWorks() throws Exception {
        CompletableFuture<dev.spindle.core.Context> seen = new CompletableFuture<>();
        Handler h = (req, res) -> {
            seen.complete(req.context());
            res.text(200, req.context().isDone() ? "done" : "live");
        };
        try (TestServer s = TestServer.start(h); RawClient c = new RawClient(s.port())) {
            assertThat(c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n").read().body()).isEqualTo("live");
            assertThat(seen.get(10, TimeUnit.SECONDS).await(java.time.Duration.ofSeconds(10))).isTrue();
            // the watcher handed the connection back: pipelined and later requests still work
            c.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("live");
            assertThat(c.read().body()).isEqualTo("live");
        }
    }
}
