package dev.spindle.http;

import dev.spindle.channels.Channel;
import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How an event stream ends: client gone, graceful shutdown, a handler that returns, keep-alive after it. */
class SseLifecycleTest {

    @Test
    void aClientThatGoesAwayReleasesTheHandlerAndCancelsTheStreamContext() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                open.countDown();
                events.context().await();
                cause.complete(events.isOpen() ? null : events.context().cause());
            }
        };
        try (TestServer s = TestServer.start(h)) {
            SseClient c = SseClient.get(s.port(), "/", "");
            assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            c.close();
            assertThat(cause.get(20, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("client closed");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.server().openConnections() == 0);
        }
    }

    @Test
    void aSendAfterTheClientWentAwayThrowsSayingWhy() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                events.send("first");
                gone.await();
                events.context().await();
                try {
                    events.send("too late");
                    sendFailure.complete(null);
                } catch (IOException e) {
                    sendFailure.complete(e);
                }
            }
        };
        try (TestServer s = TestServer.start(h)) {
            SseClient c = SseClient.get(s.port(), "/", "");
            assertThat(c.nextEvent().data()).isEqualTo("first");
            c.close();
            gone.countDown();
            assertThat(sendFailure.get(20, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("event stream is over").hasMessageContaining("client closed");
        }
    }

    @Test
    void gracefulShutdownEndsOpenStreamsCleanlyInsteadOfWaitingForTheGracePeriod() throws Exception {
        int streams = 4;
        CountDownLatch open = new CountDownLatch(streams);
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        Channel<String> quiet = Channel.unbuffered();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                events.send("hello");
                open.countDown();
                if (req.path().equals("/bridge")) {
                    boolean drained = events.sendAll(quiet, ServerEvent::data);
                    outcomes.add("bridge returned " + drained + ": " + events.context().cause().getMessage());
                } else {
                    events.context().await();
                    outcomes.add("manual: " + events.context().cause().getMessage());
                }
            }
        };
        HttpServer server = HttpServer.builder().port(0).handler(h).start();
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                SseClient c = SseClient.get(server.port(), i % 2 == 0 ? "/bridge" : "/manual", "");
                clients.add(c);
                assertThat(c.nextEvent().data()).isEqualTo("hello");
            }
            assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            // Before streams were ended at the start of shutdown, this waited the whole 60 s and returned false.
            assertThat(server.shutdown(Duration.ofSeconds(60))).as("every stream ended within the grace period").isTrue();
            for (SseClient c : clients) {
                assertThat(c.drainToEnd()).as("stream ended with the last chunk, not cut").isTrue();
            }
            assertThat(outcomes).hasSize(streams)
                    .containsOnly("bridge returned false: server shutting down", "manual: server shutting down");
            assertThat(server.openConnections()).isZero();
        } finally {
            server.close();
            for (SseClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aStreamWhoseHandlerIgnoresShutdownIsCutAtTheDeadline() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        HttpServer server = HttpServer.builder().port(0).handler((req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                events.comment("this handler ignores the stream's context");
                open.countDown();
                never.await(60, TimeUnit.SECONDS); // waits on something other than the stream's context
            }
        }).start();
        try (SseClient c = SseClient.get(server.port(), "/", "")) {
            assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.shutdown(Duration.ofMillis(200))).as("not drained: cut at the deadline").isFalse();
            assertThat(c.drainToEnd()).as("cut, not ended cleanly").isFalse();
        } finally {
            never.countDown();
            server.close();
        }
    }

    @Test
    void aHandlerThatReturnsWithoutClosingLeavesTheConnectionCleanForItsNextRequest() throws Exception {
        Handler h = (req, res) -> {
            if (req.path().equals("/plain")) {
                res.text(200, "plain after stream");
                return;
            }
            // heartbeats as often as possible: one racing the end of the response would corrupt the next
            EventStream events = EventStream.open(req, res, Duration.ofNanos(1));
            for (int i = 0; i < 50; i++) {
                events.send(ServerEvent.data("e" + i));
            }
        };
        try (TestServer s = TestServer.start(h)) {
            for (int round = 0; round < 20; round++) {
                try (SseClient c = SseClient.get(s.port(), "/events", "")) {
                    int events = 0;
                    while (c.nextEvent() != null) {
                        events++;
                    }
                    assertThat(events).isEqualTo(50);
                    assertThat(c.endedCleanly()).isTrue();
                    c.send("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
                    c.readHead();
                    assertThat(c.status()).isEqualTo(200);
                    assertThat(c.readFixedBody()).isEqualTo("plain after stream");
                }
            }
        }
    }
}
