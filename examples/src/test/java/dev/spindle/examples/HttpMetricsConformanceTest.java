package dev.spindle.examples;

import dev.spindle.http.HttpMetrics;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Router;
import io.micrometer.core.instrument.HttpServerTimingInstrumentationVerificationTests;
import java.net.URI;
import java.time.Duration;

/**
 * Micrometer's own verification kit for HTTP server instrumentation, run against http-lite with
 * {@link HttpMetrics} bound to the kit's registry: {@code http.server.requests} tagged with the
 * route template ({@code /hello/{name}}), {@code NOT_FOUND} for an unmapped path, the redirect's and
 * the error's own routes, and {@code method}/{@code status}. The kit's Observation variant is
 * skipped (http-lite records with a {@code MeterRegistry}, not the Observation API).
 *
 * <p>It lives here, not in http-lite's tests, because {@code micrometer-test} puts classes in
 * {@code io.micrometer.core.instrument}, a package of {@code micrometer-core}: http-lite's tests run
 * inside its JPMS module, which cannot read a split package from the class path. The examples run
 * on the class path, as most users' applications do.
 */
class HttpMetricsConformanceTest extends HttpServerTimingInstrumentationVerificationTests {
    private HttpServer server;

    @Override
    protected URI startInstrumentedWithMetricsServer() throws Exception {
        Router router = Router.create()
                .handle("GET " + InstrumentedRoutes.ROOT + "{$}", (req, res) -> res.text(200, "root"))
                .handle("GET " + InstrumentedRoutes.TEMPLATED_ROUTE, (req, res) ->
                        res.text(200, "hello " + req.pathValue("name")))
                .handle("GET " + InstrumentedRoutes.REDIRECT, (req, res) ->
                        res.redirect(req, InstrumentedRoutes.ROOT, 302))
                .handle("POST " + InstrumentedRoutes.ERROR, (req, res) -> res.text(500, "error"));
        HttpMetrics metrics = HttpMetrics.of();
        metrics.bindTo(getRegistry());
        server = HttpServer.builder().host("127.0.0.1").port(0).handler(router).metrics(metrics).start();
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    @Override
    protected URI startInstrumentedWithObservationsServer() {
        return null; // http-lite instruments with a MeterRegistry only: the kit skips this variant
    }

    @Override
    protected void stopInstrumentedServer() throws Exception {
        server.shutdown(Duration.ofSeconds(5));
    }
}
