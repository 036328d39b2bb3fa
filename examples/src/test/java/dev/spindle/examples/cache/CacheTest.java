package dev.spindle.examples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three cache nodes in this JVM, on cluster ports 5900..5902, talked to over real HTTP. */
class CacheTest {
    private static final int CLUSTER_PORT = 5900;
    private static final int KEYS = 40;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<CacheNode> nodes = List.of();

    @AfterEach
    void stop() {
        nodes.forEach(CacheNode::close);
    }

    @Test
    void servesEveryNodesEntriesFromEveryNodeExpiresTtlsAndSurvivesANodeCrash() throws Exception {
        var bytes = new ByteArrayOutputStream();
        nodes = Cache.startLocal("cache-test-" + UUID.randomUUID(), CLUSTER_PORT, 3, "127.0.0.1", 0,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("node-1 serves " + nodes.get(0).server().baseUri())
                .contains("node-3 serves " + nodes.get(2).server().baseUri());
        URI one = nodes.get(0).server().baseUri();
        URI two = nodes.get(1).server().baseUri();
        URI three = nodes.get(2).server().baseUri();

        for (int i = 0; i < KEYS; i++) {
            assertThat(put(one, "/cache/k" + i, "value " + i).statusCode()).isEqualTo(201);
        }
        assertThat(put(one, "/cache/k0", "value 0").statusCode()).isEqualTo(200);
        for (int i = 0; i < KEYS; i++) {
            assertThat(get(two, "/cache/k" + i).body()).isEqualTo("value " + i);
            assertThat(get(three, "/cache/k" + i).body()).isEqualTo("value " + i);
        }
        HttpResponse<String> fromTwo = get(two, "/cache/k1");
        assertThat(fromTwo.statusCode()).isEqualTo(200);
        assertThat(fromTwo.headers().firstValue("X-Cache-Node")).hasValue("node-2");
        assertThat(get(three, "/cache/missing").statusCode()).isEqualTo(404);
        assertThat(get(three, "/cache").body()).contains("\"k0\"", "\"k39\"");
        assertThat(get(two, "/cluster").body()).contains("\"node\":\"node-2\"", "127.0.0.1:" + CLUSTER_PORT);

        // TTL: there at first, then gone everywhere.
        assertThat(put(two, "/cache/short?ttl=2s", "brief").statusCode()).isEqualTo(201);
        assertThat(put(two, "/cache/bad?ttl=soon", "x").statusCode()).isEqualTo(400);
        assertThat(get(three, "/cache/short").body()).isEqualTo("brief");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(one, "/cache/short").statusCode() == 404);
        assertThat(get(three, "/cache/short").statusCode()).isEqualTo(404);

        // DELETE on one node removes it for all.
        assertThat(put(three, "/cache/gone", "x").statusCode()).isEqualTo(201);
        assertThat(delete(one, "/cache/gone").statusCode()).isEqualTo(204);
        assertThat(get(two, "/cache/gone").statusCode()).isEqualTo(404);
        assertThat(delete(one, "/cache/gone").statusCode()).isEqualTo(404);

        // Crash node 1 (no graceful hand-over): nodes 2 and 3 still serve every entry.
        nodes.get(0).close();
        for (int i = 0; i < KEYS; i++) {
            HttpResponse<String> r2 = get(two, "/cache/k" + i);
            assertThat(r2.statusCode()).as("k%d on node-2", i).isEqualTo(200);
            assertThat(r2.body()).isEqualTo("value " + i);
            assertThat(get(three, "/cache/k" + i).body()).isEqualTo("value " + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(1).cluster().members().size() == 2);
    }

    private HttpResponse<String> put(URI base, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
