package dev.spindle.cluster;

import dev.spindle.cluster.internal.OpRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer timers for every call on a {@link Cluster}'s primitives (optional: only this class needs
 * Micrometer). One timer {@code spindle.cluster.calls} tagged {@code primitive} (map, lock, channel,
 * topic, counter, ...), {@code op} (get, put, lock, send, ...) and {@code outcome}
 * ({@code success}/{@code error}); the primitive's name is not a tag (lock names per product would
 * make too many series). Without it, a call costs nothing extra.
 *
 * <pre>{@code
 * ClusterMetrics.bind(cluster, registry);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ClusterMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    private ClusterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records every later call on {@code cluster}'s primitives into {@code registry}.
     *
     * @param cluster the cluster
     * @param registry where the timers go
     * @return the binding
     */
    @SuppressWarnings("exports") // MeterRegistry is Micrometer's type, required only by users of this class
    public static ClusterMetrics bind(Cluster cluster, MeterRegistry registry) {
        Objects.requireNonNull(cluster, "cluster is null");
        ClusterMetrics m = new ClusterMetrics(Objects.requireNonNull(registry, "registry is null"));
        cluster.plumbing().recorder(m.new Recorder());
        return m;
    }

    private final class Recorder implements OpRecorder {
        @Override
        public void record(String primitive, String name, String op, long nanos, boolean failed) {
            ClusterMetrics.this.record(primitive, op, nanos, failed);
        }
    }

    private void record(String primitive, String op, long nanos, boolean failed) {
        String key = primitive + '\u0000' + op + '\u0000' + failed;
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(key, k -> Timer.builder("spindle.cluster.calls")
                    .description("calls on Spindle's cluster primitives")
                    .tag("primitive", primitive).tag("op", op).tag("outcome", failed ? "error" : "success")
                    .register(registry));
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
