package dev.spindle.http;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.Overflow;
import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** EventStream.sendAll: a channel's values as events, its end, the client's end, and backpressure. */
class SseChannelBridgeTest {
    private static final String PAD = "x".repeat(16 * 1024);

    @Test
    void everyValueBecomesAnEventInOrderAndAClosedChannelEndsTheStreamCleanly() throws Exception {
        Channel<Integer> ch = Channel.buffered(16);
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                drained.complete(events.sendAll(ch, i -> ServerEvent.of("n", "value\n" + i).withId(Integer.toString(i))));
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        ch.send(i);
                    }
                    ch.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 200; i++) {
                assertThat(c.nextEvent()).isEqualTo(new SseClient.Event("n", Integer.toString(i), "value\n" + i, null));
            }
            assertThat(c.nextEvent()).isNull();
            assertThat(c.endedCleanly()).isTrue();
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aClientThatGoesAwayStopsTheBridgeFromReceivingAndCancelsItsContext() throws Exception {
        Channel<String> ch = Channel.buffered(8);
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                drained.complete(events.sendAll(ch, ServerEvent::data));
                cause.complete(events.context().cause());
            }
        };
        try (TestServer s = TestServer.start(h)) {
            SseClient c = SseClient.get(s.port(), "/", "");
            ch.send("one");
            assertThat(c.nextEvent().data()).isEqualTo("one");
            c.close(); // the bridge now waits on a quiet channel: only the disconnect can release it
            assertThat(drained.get(20, TimeUnit.SECONDS)).as("sendAll returned: the stream ended first").isFalse();
            assertThat(cause.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessageContaining("client closed");
            assertThat(ch.trySend("two")).isTrue();
            assertThat(ch.len()).as("nobody receives from the channel any more").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.server().openConnections() == 0);
            assertThat(ch.len()).isEqualTo(1);
        }
    }

    @Test
    void aSlowClientHoldsBackTheChannelsSendersInsteadOfMakingTheServerBuffer() throws Exception {
        int n = 1500; // 1500 events of 16 KiB: 24 MiB, far more than the kernel's socket buffers hold
        Channel<Integer> ch = Channel.buffered(4); // SUSPEND: a full channel makes the sender wait
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        HttpServer server = HttpServer.builder().port(0).writeTimeout(Duration.ofMinutes(2)).handler((req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                drained.complete(events.sendAll(ch, i -> ServerEvent.data(i + " " + PAD)));
            }
        }).start();
        AtomicInteger sent = new AtomicInteger();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                    sent.incrementAndGet();
                }
                ch.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (SseClient c = SseClient.slowReader(server.port(), "/", 16 * 1024)) {
            // The client reads nothing. Wait until the bridge stops receiving: the channel stays full,
            // the producer waits, and its count stops moving (three polls in a row).
            int[] last = {-1};
            int[] stable = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                int now = sent.get();
                stable[0] = now == last[0] && ch.len() == ch.cap() ? stable[0] + 1 : 0;
                last[0] = now;
                return stable[0] >= 3;
            });
            long inFlightBytes = (long) sent.get() * PAD.length();
            assertThat(sent.get()).as("the producer is held back").isLessThan(n);
            assertThat(inFlightBytes).as("bytes the server let through while the client read nothing")
                    .isLessThan(12L * 1024 * 1024);

            // the client reads: everything arrives, in order, and the producer finishes
            c.readHead();
            for (int i = 0; i < n; i++) {
                SseClient.Event e = c.nextEvent();
                assertThat(e.data()).startsWith(i + " ").hasSize(Integer.toString(i).length() + 1 + PAD.length());
            }
            assertThat(c.nextEvent()).isNull();
            assertThat(c.endedCleanly()).isTrue();
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sent.get()).isEqualTo(n);
        } finally {
            producer.interrupt();
            server.close();
        }
    }

    @Test
    void aDroppingChannelKeepsTheProducerRunningAndTheStuckClientGetsTheNewestValues() throws Exception {
        int n = 3000;
        Channel<Integer> ch = Channel.buffered(8, Overflow.DROP_OLDEST);
        HttpServer server = HttpServer.builder().port(0).writeTimeout(Duration.ofMinutes(2)).handler((req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                events.sendAll(ch, i -> ServerEvent.data(i + " " + PAD));
            }
        }).start();
        try (SseClient c = SseClient.slowReader(server.port(), "/", 16 * 1024)) {
            for (int i = 0; i < n; i++) {
                ch.send(i); // never waits: a full channel drops its oldest value
            }
            ch.close();
            c.readHead();
            int received = 0;
            int previous = -1;
            SseClient.Event e;
            while ((e = c.nextEvent()) != null) {
                int i = Integer.parseInt(e.data().substring(0, e.data().indexOf(' ')));
                assertThat(i).isGreaterThan(previous);
                previous = i;
                received++;
            }
            assertThat(c.endedCleanly()).isTrue();
            assertThat(received).as("values were dropped, not buffered in the server").isLessThan(n);
            assertThat(previous).as("the newest value is never the one dropped").isEqualTo(n - 1);
        } finally {
            server.close();
        }
    }

    @Test
    void aClientThatStopsReadingIsCutAfterTheWriteTimeoutAndReleasesTheHandler() throws Exception {
        Channel<Integer> ch = Channel.buffered(4);
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        HttpServer server = HttpServer.builder().port(0).writeTimeout(Duration.ofMillis(300)).handler((req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                drained.complete(events.sendAll(ch, i -> ServerEvent.data(i + " " + PAD)));
                cause.complete(events.context().cause());
            }
        }).start();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; ; i++) {
                    ch.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SseClient c = SseClient.slowReader(server.port(), "/", 16 * 1024); // and never reads
        try {
            assertThat(drained.get(30, TimeUnit.SECONDS)).as("the stream ended, the channel did not").isFalse();
            // the sweeper closes the connection (the request context's cause), which fails the blocked write
            assertThat(cause.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageMatching(".*(closed by the server|write failed).*");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        } finally {
            c.close();
            producer.interrupt();
            server.close();
        }
    }

    @Test
    void aChannelClosedWithAnErrorSendsWhatItHadThenThrowsTheError() throws Exception {
        Channel<String> ch = Channel.buffered(4);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                events.sendAll(ch, ServerEvent::data);
                thrown.complete(null);
            } catch (ChannelClosedException e) {
                thrown.complete(e);
                throw e;
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            ch.send("before the failure");
            ch.closeWithError(new IllegalStateException("producer failed"));
            assertThat(c.nextEvent().data()).isEqualTo("before the failure");
            assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(ChannelClosedException.class)
                    .hasRootCauseMessage("producer failed");
            // try-with-resources closed the stream before the exception left the handler
            assertThat(c.nextEvent()).isNull();
            assertThat(c.endedCleanly()).isTrue();
        }
    }

    @Test
    void theBridgeIsReleasedAtOnceByAStreamClosedFromAnotherThread() throws Exception {
        Channel<String> ch = Channel.unbuffered();
        CountDownLatch open = new CountDownLatch(1);
        CompletableFuture<EventStream> stream = new CompletableFuture<>();
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                stream.complete(events);
                open.countDown();
                drained.complete(events.sendAll(ch, ServerEvent::data));
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            stream.get().close();
            assertThat(drained.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(c.drainToEnd()).isTrue();
            assertThat(ch.trySend("unreceived")).as("no receiver left on the channel").isFalse();
        }
    }
}
