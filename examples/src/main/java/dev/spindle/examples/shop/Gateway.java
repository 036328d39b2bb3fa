package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ServiceInstance;
import dev.spindle.http.Debug;
import dev.spindle.http.HttpMetrics;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The API gateway: the one address clients use. It finds the services' instances in the cluster's
 * {@code ServiceRegistry}, forwards each request to one of them in turn ({@link LoadBalancer}), and
 * fails over to the next instance when one cannot be reached.
 *
 * <p>Failover rule: a refused or timed-out <em>connection</em> means the request never reached the
 * instance, so the next one is tried for any method. Any other I/O failure (the instance died
 * mid-request) is retried only for GET and HEAD; a POST might have happened, so the client gets 502
 * rather than a second order.
 *
 * <p>Routes: {@code /users}, {@code /users/{id}} and the same for products and orders are forwarded
 * (any method: the service answers 405 for one it does not serve);
 * {@code GET /} is the shop page for a browser ({@link ShopPage}, by {@code Accept}) and otherwise
 * lists the services and their healthy instances as JSON; {@code GET /shop.css} and
 * {@code GET /shop.js} are the page's files; {@code GET /events} streams the cluster's order events
 * to the page ({@link OrderFeed}); {@code GET /metrics} is the Prometheus scrape (HTTP server
 * metrics, cluster call timers, and {@code shop_gateway_failovers_total}); {@code GET /debug/spindle}
 * is Spindle's debug page ({@link Debug}: every task group and blocked task in this process). The
 * debug page shows the process's internals: it is here because the shop listens on 127.0.0.1 unless
 * told otherwise; a gateway facing the public would serve it on an admin port instead.
 */
final class Gateway implements AutoCloseable {
    static final String[] SERVICES = {UserService.NAME, ProductService.NAME, OrderService.NAME};
    private static final Set<String> RETRY_ANY_FAILURE = Set.of("GET", "HEAD");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final LoadBalancer balancer;
    private final PrometheusMeterRegistry metrics;
    private final PrintStream out;
    private final ShopPage page = ShopPage.load();
    private final OrderFeed feed;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private HttpServer server;

    private Gateway(Cluster cluster, PrometheusMeterRegistry metrics, PrintStream out) {
        this.cluster = cluster;
        this.balancer = new LoadBalancer(cluster.registry());
        this.metrics = metrics;
        this.out = out;
        this.feed = new OrderFeed(cluster);
    }

    /**
     * Starts the gateway on {@code host}, on {@code port} or, if it is taken, the next free one of the
     * nine after it (port 0: any free one); HTTPS if {@code tls} is not null.
     */
    static Gateway start(Cluster cluster, String host, int port, SSLContext tls, PrometheusMeterRegistry metrics,
            PrintStream out) {
        Gateway gateway = new Gateway(cluster, metrics, out);
        Router router = Router.create()
                .handle("GET /{$}", gateway::index)
                .handle("GET /events", gateway.feed::serve)
                .handle("GET /metrics", HttpMetrics.prometheus(metrics))
                .handle("/debug/spindle", Debug.handler());
        for (String path : ShopPage.paths()) {
            if (!path.equals("/")) {
                router.handle("GET " + path, (req, res) -> gateway.page.serve(path, res));
            }
        }
        for (String service : SERVICES) {
            router.handle("/" + service, (req, res) -> gateway.forward(service, req, res))
                    .handle("/" + service + "/{id}", (req, res) -> gateway.forward(service, req, res));
        }
        int tries = port == 0 ? 1 : 10;
        for (int i = 0; i < tries; i++) {
            HttpServer.Builder builder = HttpServer.builder().host(host).port(port == 0 ? 0 : port + i)
                    .handler(router).metrics(HttpMetrics.of(metrics));
            if (tls != null) {
                builder.tls(tls);
            }
            try {
                gateway.server = builder.start();
                return gateway;
            } catch (UncheckedIOException e) {
                out.println("gateway: port " + (port + i) + " is taken (" + e.getCause().getMessage() + ")");
                if (i == tries - 1) {
                    throw e;
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Where clients reach the gateway, e.g. {@code https://127.0.0.1:8080/}. */
    URI baseUri() {
        return server.baseUri();
    }

    /** The shop page for a browser; for anyone else, the services and their instances as JSON. */
    private void index(Request request, ResponseWriter response) throws IOException {
        response.headers().set("Vary", "Accept");
        if (ShopPage.wantsHtml(request.header("Accept"))) {
            page.serve("/", response);
            return;
        }
        Map<String, List<Instance>> services = new LinkedHashMap<>();
        for (String service : SERVICES) {
            services.put(service, cluster.registry().instances(service).stream()
                    .map(i -> new Instance(i.id(), i.address().toString()))
                    .toList());
        }
        Api.json(response, 200, new Index("Spindle shop gateway", cluster.name(), services));
    }

    /**
     * The gateway's answer to {@code GET /} for anyone but a browser.
     *
     * @param shop what answers
     * @param cluster the cluster's name
     * @param services each service's healthy instances, by service name
     */
    record Index(String shop, String cluster, Map<String, List<Instance>> services) {}

    /**
     * A healthy instance of a service.
     *
     * @param id its id in the registry, e.g. {@code orders@127.0.0.1:40123}
     * @param address where it answers
     */
    record Instance(String id, String address) {}

    private void forward(String service, Request request, ResponseWriter response) throws Exception {
        byte[] body = request.body().readAllBytes();
        List<ServiceInstance> candidates = balancer.candidates(service);
        if (candidates.isEmpty()) {
            Api.error(response, 503, "no healthy instance of " + service);
            return;
        }
        for (ServiceInstance instance : candidates) {
            try {
                HttpResponse<byte[]> answer = client.send(upstream(instance, request, body),
                        HttpResponse.BodyHandlers.ofByteArray());
                copy(answer, response);
                return;
            } catch (ConnectException | HttpConnectTimeoutException e) {
                failedOver(service, instance, "refused the connection");
            } catch (IOException e) {
                if (!RETRY_ANY_FAILURE.contains(request.method())) {
                    Api.error(response, 502, instance.id() + " failed mid-request: " + e);
                    return;
                }
                failedOver(service, instance, "failed: " + e);
            }
        }
        Api.error(response, 502, "every instance of " + service + " failed");
    }

    private void failedOver(String service, ServiceInstance instance, String why) {
        balancer.unreachable(instance);
        Counter.builder("shop.gateway.failovers").tag("service", service)
                .description("requests the gateway sent on to another instance after one could not be reached")
                .register(metrics).increment();
        out.println("gateway: " + instance.id() + " " + why + "; trying the next " + service + " instance");
    }

    private static HttpRequest upstream(ServiceInstance instance, Request request, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(instance.address().resolve(request.target()))
                .timeout(UPSTREAM_TIMEOUT)
                .method(request.method(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Forwarded-For", request.remoteAddress().getAddress().getHostAddress())
                .header("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        request.header("Content-Type").ifPresent(v -> b.header("Content-Type", v));
        request.header("Accept").ifPresent(v -> b.header("Accept", v));
        return b.build();
    }

    private static void copy(HttpResponse<byte[]> answer, ResponseWriter response) throws IOException {
        for (String name : List.of("Location", "Allow", "X-Served-By")) {
            answer.headers().firstValue(name).ifPresent(v -> response.headers().set(name, v));
        }
        String type = answer.headers().firstValue("Content-Type").orElse("application/octet-stream");
        response.bytes(answer.statusCode(), type, answer.body());
    }

    /** Stops accepting, and gives in-flight requests up to 5 s. */
    @Override
    public void close() {
        try {
            server.shutdown(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
