package dev.spindle.http;

import dev.spindle.http.internal.ServerObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer metrics for an {@link HttpServer}. Needs {@code micrometer-core} on the class path (an
 * optional dependency: without it, never load this class);
 * {@link #prometheus(PrometheusMeterRegistry)} also needs {@code micrometer-registry-prometheus}.
 *
 * <p>Meters:
 * <ul>
 *   <li>{@code http.server.requests} (timer) tagged {@code method} (the standard methods, else
 *       {@code OTHER}), {@code uri} (the matched route pattern without its method, e.g.
 *       {@code /items/{id}}, never the raw path, so its cardinality is bounded by the routes:
 *       {@code NOT_FOUND}, {@code REDIRECTION} or {@code UNKNOWN} when no pattern matched),
 *       {@code status} (the status on the wire: 500 when the handler threw before committing its
 *       response, 408 or 400 when the server answered in its place for a slow or bad request body,
 *       whatever status the handler had set), {@code outcome} (the class of that status, spelled
 *       as Micrometer's {@code Outcome} spells it: {@code INFORMATIONAL}, {@code SUCCESS},
 *       {@code REDIRECTION}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}; {@code UNKNOWN} when the
 *       client did not receive a whole response: the handler threw after committing it, or the
 *       client went away) and {@code exception} (the simple class name of what the handler threw,
 *       {@code none} if it threw nothing), as Spring's {@code http.server.requests} tags them;</li>
 *   <li>{@code http.server.connections.active} (gauge) open connections;</li>
 *   <li>{@code http.server.requests.rejected} (counter) tagged {@code reason}: requests and
 *       connections refused before a handler ran (malformed input, limits, timeouts, too many
 *       connections), with a fixed set of reasons such as {@code bad-content-length}.</li>
 * </ul>
 *
 * <p>Like every Spindle binder it is a {@link MeterBinder} made by a static factory and bound with
 * {@link #bindTo(MeterRegistry)} ({@link #of(MeterRegistry)} does both). Until it is bound it
 * records nothing; binding again moves the recording to the new registry.
 * {@snippet :
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * router.handle("GET /metrics", HttpMetrics.prometheus(registry));
 * HttpMetrics metrics = HttpMetrics.of();
 * metrics.bindTo(registry);
 * HttpServer server = HttpServer.builder().handler(router).metrics(metrics).start();
 * }
 *
 * <p>One instance may be shared by several servers; their meters then add up.
 *
 * @since 0.1.0
 */
@SuppressWarnings("exports") // Micrometer types in the signatures: a user of this class has Micrometer
public final class HttpMetrics implements MeterBinder {
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

    private final AtomicInteger active = new AtomicInteger();
    private final ServerObserver observer = new Recorder();
    /** null = not bound yet (nothing is recorded); else the registry and the meters made in it. */
    private volatile Bound bound;

    private record TimerKey(String method, String uri, int status, boolean delivered, String exception) {
    }

    /** The meters of one binding, made as they are first used. */
    private record Bound(MeterRegistry registry, Map<TimerKey, Timer> timers, Map<String, Counter> rejected) {
        Bound(MeterRegistry registry) {
            this(registry, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    private HttpMetrics() {
    }

    /**
     * An unbound binder of a server's metrics: pass it to
     * {@link HttpServer.Builder#metrics(HttpMetrics)} and bind it with {@link #bindTo(MeterRegistry)}.
     *
     * @return the binder
     */
    public static HttpMetrics of() {
        return new HttpMetrics();
    }

    /**
     * A binder already bound to {@code registry}: {@link #of()} then {@link #bindTo(MeterRegistry)}.
     *
     * @param registry the registry
     * @return the metrics, to pass to {@link HttpServer.Builder#metrics(HttpMetrics)}
     */
    public static HttpMetrics of(MeterRegistry registry) {
        HttpMetrics metrics = new HttpMetrics();
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Registers the connection gauge in {@code registry} now, and the other meters as they are first
     * used. Binding again moves the recording to the new registry (to record into several, bind a
     * {@code CompositeMeterRegistry}).
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registry.gauge("http.server.connections.active", active);
        bound = new Bound(registry);
    }

    /**
     * A handler that answers with {@code registry}'s scrape in the Prometheus text format, for a
     * route such as {@code "GET /metrics"}.
     *
     * @param registry the Prometheus registry
     * @return the handler
     */
    public static Handler prometheus(PrometheusMeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return (request, response) -> response.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    ServerObserver observer() {
        return observer;
    }

    private static Timer timer(Bound b, TimerKey key) {
        return b.timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description("HTTP requests handled, by route pattern")
                .tag("method", k.method)
                .tag("uri", k.uri)
                .tag("status", Integer.toString(k.status))
                .tag("outcome", k.delivered ? outcome(k.status) : "UNKNOWN")
                .tag("exception", k.exception)
                .register(b.registry));
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        if (status < 500) {
            return "CLIENT_ERROR";
        }
        return "SERVER_ERROR";
    }

    private static String uri(String pattern, int status) {
        if (pattern != null) {
            int blank = pattern.indexOf(' ');
            return blank < 0 ? pattern : pattern.substring(blank + 1).strip();
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return "UNKNOWN";
    }

    private final class Recorder implements ServerObserver {
        @Override
        public void connectionOpened() {
            active.incrementAndGet();
        }

        @Override
        public void connectionClosed() {
            active.decrementAndGet();
        }

        @Override
        public void rejected(String reason) {
            Bound b = bound;
            if (b == null) {
                return;
            }
            b.rejected.computeIfAbsent(reason, r -> Counter.builder("http.server.requests.rejected")
                    .description("requests and connections refused before reaching a handler")
                    .tag("reason", r)
                    .register(b.registry)).increment();
        }

        @Override
        public void request(String method, String pattern, int status, long nanos, Throwable failure,
                boolean delivered) {
            Bound b = bound;
            if (b == null) {
                return;
            }
            String m = METHODS.contains(method) ? method : "OTHER";
            String exception = failure == null ? "none" : exceptionName(failure);
            timer(b, new TimerKey(m, uri(pattern, status), status, delivered, exception))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The simple name, or the full name for an anonymous or local class (whose simple name is empty). */
    private static String exceptionName(Throwable failure) {
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }
}
