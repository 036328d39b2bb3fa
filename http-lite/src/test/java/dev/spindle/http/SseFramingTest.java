package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text/event-stream format on the wire, heartbeats, Last-Event-ID and the per-event write timeout. */
class SseFramingTest {

    @Test
    void eventFieldsAreWrittenOnePerLineAndMultiLineDataIsSplitAtEveryLineEnd() {
        ServerEvent e = ServerEvent.of("order", "a\r\nb\rc\nd\n").withId("7").withRetry(Duration.ofMillis(2500));
        assertThat(e.encode()).isEqualTo(
                "event: order\nid: 7\nretry: 2500\ndata: a\ndata: b\ndata: c\ndata: d\ndata: \n\n");
        assertThat(ServerEvent.data("").encode()).isEqualTo("data: \n\n");
        assertThat(ServerEvent.data(" lead").encode()).as("one space after the colon, the value's own kept")
                .isEqualTo("data:  lead\n\n");
        assertThat(SseClient.parse(List.of("data: a", "data: ", "data: b")).data()).isEqualTo("a\n\nb");
    }

    @Test
    void lineBreaksInTypeAndIdAreRefusedNamingTheFieldAndPosition() {
        assertThatThrownBy(() -> ServerEvent.of("ord\ner", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type").hasMessageContaining("LF").hasMessageContaining("index 3")
                .hasMessageContaining("\"ord\\ner\"");
        assertThatThrownBy(() -> ServerEvent.data("x").withId("1\r2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id").hasMessageContaining("CR").hasMessageContaining("index 1");
        assertThatThrownBy(() -> ServerEvent.data("x").withId("a\0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id").hasMessageContaining("NUL");
        assertThatThrownBy(() -> ServerEvent.of("", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type must not be empty");
        assertThatThrownBy(() -> ServerEvent.data("x").withRetry(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry");
    }

    @Test
    void eventsCommentsAndRetryArriveFramedAndFlushedOneByOne() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ZERO)) {
                events.send(ServerEvent.of("order", "line one\nline two").withId("41"));
                next.await(); // the first event must reach the client before the handler goes on
                events.comment("just a comment\nover two lines");
                events.retry(Duration.ofSeconds(3));
                events.send("héllo ✓");
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(c.header("Cache-Control")).isEqualTo("no-store");
            assertThat(c.header("Transfer-Encoding")).isEqualTo("chunked");

            assertThat(c.nextBlock()).containsExactly("event: order", "id: 41", "data: line one", "data: line two");
            next.countDown();
            assertThat(c.nextBlock()).containsExactly(": just a comment", ": over two lines");
            assertThat(c.nextBlock()).containsExactly("retry: 3000");
            List<String> last = c.nextBlock();
            assertThat(last).containsExactly("data: héllo ✓");
            assertThat(SseClient.parse(last)).isEqualTo(new SseClient.Event(null, null, "héllo ✓", null));
            assertThat(c.nextBlock()).isNull();
            assertThat(c.endedCleanly()).as("closed stream ends with the last chunk").isTrue();
        }
    }

    @Test
    void heartbeatsArriveWhileTheStreamIsSilent() throws Exception {
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ofMillis(50))) {
                events.context().await();
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.nextBlock()).as("heartbeat %d", i).containsExactly(": heartbeat");
            }
        }
    }

    @Test
    void heartbeatsAndEventsFromSeveralThreadsNeverInterleave() throws Exception {
        int perThread = 300;
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ofNanos(1))) {
                List<CompletableFuture<Void>> senders = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int thread = t;
                    senders.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < perThread; i++) {
                            try {
                                events.send(ServerEvent.of("t" + thread, i + "\n" + "x".repeat(i % 50)).withId(thread + "-" + i));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
                }
                CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get();
            }
        };
        try (TestServer s = TestServer.start(h); SseClient c = SseClient.get(s.port(), "/", "")) {
            Set<String> ids = new HashSet<>();
            int heartbeats = 0;
            List<String> block;
            while ((block = c.nextBlock()) != null) {
                if (block.equals(List.of(": heartbeat"))) {
                    heartbeats++;
                    continue;
                }
                SseClient.Event e = SseClient.parse(block);
                assertThat(e).as("block %s", block).isNotNull();
                int i = Integer.parseInt(e.data().substring(0, e.data().indexOf('\n')));
                assertThat(e.id()).isEqualTo(e.type().substring(1) + "-" + i);
                assertThat(e.data()).isEqualTo(i + "\n" + "x".repeat(i % 50));
                ids.add(e.id());
            }
            assertThat(ids).hasSize(2 * perThread);
            assertThat(heartbeats).as("heartbeats were sent among the events").isPositive();
            assertThat(c.endedCleanly()).isTrue();
        }
    }

    @Test
    void lastEventIdReachesTheHandlerThroughARealHttpClient() throws Exception {
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                events.send(ServerEvent.data("resume after " + events.lastEventId().orElse("nothing")).withId("42"));
            }
        };
        try (TestServer s = TestServer.start(h); HttpClient client = HttpClient.newHttpClient()) {
            URI uri = s.baseUri().resolve("/events");
            assertThat(firstEventData(client, HttpRequest.newBuilder(uri).build())).isEqualTo("resume after nothing");
            HttpRequest reconnect = HttpRequest.newBuilder(uri).header("Last-Event-ID", "41").build();
            assertThat(firstEventData(client, reconnect)).isEqualTo("resume after 41");
        }
    }

    private static String firstEventData(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            List<String> block = new ArrayList<>();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    break;
                }
                block.add(line);
            }
            SseClient.Event e = SseClient.parse(block);
            assertThat(e.id()).isEqualTo("42");
            return e.data();
        }
    }

    @Test
    void aStreamOutlivesTheWriteTimeoutWhileTheClientReads() throws Exception {
        CountDownLatch heartbeatsSeen = new CountDownLatch(1);
        HttpServer server = HttpServer.builder().port(0).writeTimeout(Duration.ofMillis(500)).handler((req, res) -> {
            try (EventStream events = EventStream.open(req, res, Duration.ofMillis(100))) {
                heartbeatsSeen.await();
                events.send("still here");
            }
        }).start();
        try (SseClient c = SseClient.get(server.port(), "/", "")) {
            // 8 heartbeats after 100 ms of silence each: the stream is older than the 500 ms write timeout
            for (int i = 0; i < 8; i++) {
                assertThat(c.nextBlock()).containsExactly(": heartbeat");
            }
            heartbeatsSeen.countDown();
            assertThat(c.nextEvent().data()).isEqualTo("still here");
            assertThat(c.drainToEnd()).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void http10ClientsGetACloseDelimitedStream() throws Exception {
        Handler h = (req, res) -> {
            try (EventStream events = EventStream.open(req, res)) {
                events.send(ServerEvent.of("x", "one"));
            }
        };
        try (TestServer s = TestServer.start(h); RawClient c = new RawClient(s.port())) {
            String all = c.send("GET / HTTP/1.0\r\n\r\n").readToEnd();
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("Transfer-Encoding")
                    .contains("Content-Type: text/event-stream\r\n").endsWith("\r\n\r\nevent: x\ndata: one\n\n");
        }
    }

    @Test
    void openRefusesACommittedResponseAndAHeadRequestGetsNoEvents() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        CompletableFuture<Boolean> headOpen = new CompletableFuture<>();
        Handler h = (req, res) -> {
            if (req.method().equals("HEAD")) {
                try (EventStream events = EventStream.open(req, res)) {
                    headOpen.complete(events.isOpen());
                }
                return;
            }
            res.flush();
            try {
                EventStream.open(req, res);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        };
        try (TestServer s = TestServer.start(h); RawClient c = new RawClient(s.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("already committed");
            RawClient.Response head = c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertThat(head.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(headOpen.get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void theStreamWorksOnTheTestKitsRecorder() throws Exception {
        var recorder = dev.spindle.http.testkit.ResponseRecorder.create();
        var request = dev.spindle.http.testkit.TestRequest.get("/events").header("Last-Event-ID", "9").build();
        try (EventStream events = EventStream.open(request, recorder, Duration.ZERO)) {
            events.send(ServerEvent.data("after " + events.lastEventId().orElseThrow()));
        }
        assertThat(recorder.headers().firstOrNull("Content-Type")).isEqualTo("text/event-stream");
        assertThat(new String(recorder.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("data: after 9\n\n");
    }
}
