package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
            assertThat(registry.get("http.server.requests").tag("uri", "/boom").tag("status", "500")
                    .tag("outcome", "SERVER_ERROR").tag("exception", "IllegalStateException").timer().count())
                    .isEqualTo(1);
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
    void aHandlerThatThrowsIsTaggedWithTheStatusTheClientReceived() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Router router = Router.create()
                .handle("GET /unset", (req, res) -> {
                    throw new IllegalStateException("expected by the test: no status set");
                })
                .handle("GET /created", (req, res) -> {
                    res.status(201).headers().set("X-Before", "the throw");
                    throw new IllegalArgumentException("expected by the test: 201 set, not committed");
                })
                .handle("GET /committed", (req, res) -> {
                    res.status(202).body().write("part".getBytes(StandardCharsets.UTF_8));
                    res.flush();
                    throw new UnsupportedOperationException("expected by the test: after the commit");
                });
        try (TestServer s = TestServer.start(HttpServer.builder().handler(router).metrics(HttpMetrics.of(registry)))) {
            // The server records an exchange before it closes the connection, so once the client
            // has read to the end the timer is there.
            assertThat(statusOf(s, "/unset")).isEqualTo(500);
            assertThat(statusOf(s, "/created")).isEqualTo(500);
            assertThat(statusOf(s, "/committed")).isEqualTo(202);
        }
        assertThat(onlyTimer(registry, "/unset").getId().getTags()).extracting(Tag::getKey, Tag::getValue).contains(
                tuple("status", "500"), tuple("outcome", "SERVER_ERROR"), tuple("exception", "IllegalStateException"));
        assertThat(onlyTimer(registry, "/created").getId().getTags()).extracting(Tag::getKey, Tag::getValue).contains(
                tuple("status", "500"), tuple("outcome", "SERVER_ERROR"), tuple("exception", "IllegalArgumentException"));
        // The 202 went out, then the body was cut short: the status on the wire, an UNKNOWN outcome.
        assertThat(onlyTimer(registry, "/committed").getId().getTags()).extracting(Tag::getKey, Tag::getValue).contains(
                tuple("status", "202"), tuple("outcome", "UNKNOWN"),
                tuple("exception", "UnsupportedOperationException"));
    }

    @Test
    void aBadRequestBodyIsTaggedWithTheStatusTheServerSentInTheHandlersPlace() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Router router = Router.create().handle("POST /upload", (req, res) -> {
            try {
                req.body().readAllBytes();
            } catch (IOException expected) {
                // the server answers the bad chunk itself
            }
            res.status(201);
        });
        try (TestServer s = TestServer.start(HttpServer.builder().handler(router).metrics(HttpMetrics.of(registry)));
                RawClient c = new RawClient(s.port())) {
            String answer = c.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n").readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 400 ");
        }
        assertThat(onlyTimer(registry, "/upload").getId().getTags()).extracting(Tag::getKey, Tag::getValue).contains(
                tuple("status", "400"), tuple("outcome", "CLIENT_ERROR"), tuple("exception", "none"));
    }

    private static int statusOf(TestServer s, String path) throws IOException {
        try (RawClient c = new RawClient(s.port())) {
            String answer = c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd();
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private static Timer onlyTimer(MeterRegistry registry, String uri) {
        var timers = registry.find("http.server.requests").tag("uri", uri).timers();
        assertThat(timers).as("timers of %s", uri).hasSize(1);
        Timer timer = timers.iterator().next();
        assertThat(timer.count()).isEqualTo(1);
        return timer;
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
