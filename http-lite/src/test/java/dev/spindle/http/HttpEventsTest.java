package dev.spindle.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.http.testkit.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code dev.spindle.HttpRequest} Flight Recorder event, over a real socket, read from a live
 * recording stream: the server commits a request's event after writing its response, so the client
 * may see the response first; the test waits for the events (bounded) instead of stopping at once.
 */
@Timeout(60)
class HttpEventsTest {
    private static final String EVENT = "dev.spindle.HttpRequest";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eachRequestIsRecordedWithItsMethodRoutePathStatusAndException() throws Exception {
        Router router = Router.create()
                .handle("GET /items/{id}", (req, res) -> res.text(200, "item " + req.pathValue("id")))
                .handle("POST /fail", (req, res) -> {
                    throw new IllegalStateException("broken handler");
                });
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(router); RecordingStream stream = new RecordingStream()) {
            stream.enable(EVENT).withThreshold(Duration.ZERO);
            stream.setReuse(false); // the events are kept after the callback
            stream.onEvent(EVENT, events::add);
            stream.startAsync();
            assertThat(get(server, "/items/7").statusCode()).isEqualTo(200);
            assertThat(client.send(HttpRequest.newBuilder(server.uri("/fail"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(500);
            assertThat(get(server, "/nowhere").statusCode()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 3);
        }

        assertThat(events).extracting(e -> e.getString("path"))
                .containsExactlyInAnyOrder("/items/7", "/fail", "/nowhere");
        assertThat(byPath(events, "/items/7")).satisfies(e -> {
            assertThat(e.getString("method")).isEqualTo("GET");
            assertThat(e.getString("route")).isEqualTo("GET /items/{id}");
            assertThat(e.getInt("status")).isEqualTo(200);
            assertThat(e.getClass("exception")).isNull();
            assertThat(e.getDuration()).isPositive();
        });
        assertThat(byPath(events, "/fail")).satisfies(e -> {
            assertThat(e.getString("route")).isEqualTo("POST /fail");
            assertThat(e.getInt("status")).isEqualTo(500);
            assertThat(e.getClass("exception").getName()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThat(byPath(events, "/nowhere")).satisfies(e -> {
            assertThat(e.getString("route")).isNull();
            assertThat(e.getInt("status")).isEqualTo(404);
        });
    }

    private static RecordedEvent byPath(List<RecordedEvent> events, String path) {
        return events.stream().filter(e -> path.equals(e.getString("path"))).findFirst().orElseThrow();
    }

    private HttpResponse<String> get(TestServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
