package dev.spindle.http;

import dev.spindle.channels.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One server holding 1,000 open event streams at once. */
class SseManyStreamsTest {
    private static final int STREAMS = 1_000;

    @Test
    void oneServerHoldsAThousandStreamsAndEveryOneReceivesItsEvent() throws Exception {
        Map<String, Channel<String>> channels = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.builder().port(0).handler((req, res) -> {
            Channel<String> ch = Channel.buffered(1);
            try (EventStream events = EventStream.open(req, res)) {
                channels.put(req.queryParam("id").orElseThrow(), ch);
                events.sendAll(ch, v -> ServerEvent.of("greeting", v));
            }
        }).start();
        List<SseClient> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SseClient>> connecting = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String path = "/events?id=" + i;
                connecting.add(pool.submit(() -> SseClient.get(server.port(), path, "")));
            }
            for (Future<SseClient> f : connecting) {
                SseClient c = f.get(60, TimeUnit.SECONDS);
                clients.add(c);
                assertThat(c.status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> channels.size() == STREAMS);
            assertThat(server.openConnections()).isEqualTo(STREAMS);

            for (Map.Entry<String, Channel<String>> e : channels.entrySet()) {
                e.getValue().send("hello " + e.getKey());
            }
            List<Future<String>> received = new ArrayList<>();
            for (SseClient c : clients) {
                received.add(pool.submit(() -> c.nextEvent().data()));
            }
            for (int i = 0; i < STREAMS; i++) {
                assertThat(received.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("hello " + i);
            }
            assertThat(server.shutdown(Duration.ofSeconds(60))).as("all 1,000 streams ended by shutdown").isTrue();
            List<Future<Boolean>> ends = new ArrayList<>();
            for (SseClient c : clients) {
                ends.add(pool.submit(c::drainToEnd));
            }
            for (Future<Boolean> end : ends) {
                assertThat(end.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            server.close();
            for (SseClient c : clients) {
                c.close();
            }
        }
    }
}
