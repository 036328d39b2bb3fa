package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Micrometer metrics and the Prometheus scrape handler. */
class MetricsTest {

    @Test
    void requestsAreTimedByRoutePatternRejectionsCountedAndScraped() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Router router = Router.create()
                .handle("GET /items/{id}", (req, res) -> res.text(200, "item"))
                .handle("GET /boom", (req, res) -> {
                    throw new IllegalStateException("expected by the test");
                })
                .handle("GET /metrics", HttpMetrics.prometheus(registry));
        try (TestServer s = TestServer.start(HttpServer.builder().handler(router).metrics(HttpMetrics.of(registry)))) {
            try (RawClient c = new RawClient(s.port())) {
                c.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n").read();
                c.send("GET /items/2 HTTP/1.1\r\nHost: a\r\n\r\n").read();
                c.send("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertThat(registry.get("http.server.connections.active").gauge().value()).isEqualTo(1.0);
            }
            try (RawClient c = new RawClient(s.port())) {
                c.send("GET /items/3 HTTP/1.1\r\n\r\n").readToEnd(); // no Host: rejected
            }
            try (RawClient c = new RawClient(s.port())) {
                c.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
            }
            Timer items = registry.get("http.server.requests").tag("uri", "/items/{id}").tag("method", "GET")
                    .tag("status", "200").tag("outcome", "SUCCESS").tag("exception", "none").timer();
            assertThat(items.count()).isEqualTo(2);
            assertThat(registry.get("http.server.requests").tag("uri", "NOT_FOUND").tag("status", "404").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("http.server.requests").tag("uri", "/boom").tag("outcome", "UNKNOWN")
                    .tag("exception", "IllegalStateException").timer().count()).isEqualTo(1);
            assertThat(registry.find("http.server.requests").tag("uri", "/items/1").timer()).isNull();
            assertThat(registry.get("http.server.requests.rejected").tag("reason", "missing-host").counter().count())
                    .isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.get("http.server.connections.active").gauge().value() == 0.0);

            try (RawClient c = new RawClient(s.port())) {
                RawClient.Response r = c.send("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
                assertThat(r.body()).contains("http_server_requests_seconds_count{")
                        .contains("uri=\"/items/{id}\"")
                        .contains("http_server_requests_rejected_total{reason=\"missing-host\"} 1.0");
            }
        }
    }

    @Test
    void anUnboundBinderRecordsNothingAndBindingAgainMovesTheRecording() throws IOException {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        HttpMetrics metrics = HttpMetrics.of();
        Router router = Router.create()
                .handle("GET /a", (req, res) -> res.text(200, "a"))
                .handle("GET /fence", (req, res) -> res.text(200, "fence"));
        // On one connection a request is recorded before the next one is read, so once /fence has
        // answered, every /a before it is recorded: the bindings below cannot race the recording.
        String a = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n";
        String fence = "GET /fence HTTP/1.1\r\nHost: a\r\n\r\n";
        try (TestServer s = TestServer.start(HttpServer.builder().handler(router).metrics(metrics))) {
            try (RawClient c = new RawClient(s.port())) {
                c.send(a).read();
                c.send(fence).read();
                metrics.bindTo(first);
                c.send(a).read();
                c.send(a).read();
                c.send(fence).read();
                metrics.bindTo(second);
                c.send(a).read();
                c.send(fence).read();
            }
        }
        assertThat(first.get("http.server.requests").tag("uri", "/a").timer().count()).isEqualTo(2);
        assertThat(second.get("http.server.requests").tag("uri", "/a").timer().count()).isEqualTo(1);
        assertThat(metrics).isInstanceOf(MeterBinder.class);
    }
}
