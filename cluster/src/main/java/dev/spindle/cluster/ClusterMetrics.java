package dev.spindle.cluster;

import dev.spindle.cluster.internal.OpRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Micrometer timers for every call on a {@link Cluster}'s primitives (optional: only this class needs
 * Micrometer). One timer {@code spindle.cluster.calls} tagged {@code primitive} (map, lock, channel,
 * topic, counter, ...), {@code op} (get, put, lock, send, ...) and {@code outcome}, spelled as
 * {@link java.util.concurrent.Future.State} and {@link dev.spindle.core.TaskGroupMetrics} spell it:
 * {@code SUCCESS} (the call returned), {@code FAILED} (it threw, including
 * {@link ClusterClosedException}) or {@code CANCELLED} (it was interrupted, or its context was
 * cancelled, while it waited). The primitive's name is not a tag (lock names per product would make
 * too many series). A series appears with its first call. Unbound, a call costs one volatile read.
 *
 * <p>Like every Spindle binder it is made by a static factory and bound with
 * {@link #bindTo(MeterRegistry)}; it is also {@link AutoCloseable}, as it records events rather
 * than polling:
 * <pre>{@code
 * ClusterMetrics metrics = ClusterMetrics.of(cluster);
 * metrics.bindTo(registry);
 * // ...
 * metrics.close(); // stop recording
 * }</pre>
 *
 * @since 0.1.0
 */
@SuppressWarnings("exports") // Micrometer types in the signature: a user of this class has Micrometer
public final class ClusterMetrics implements MeterBinder, AutoCloseable {
    private final Cluster cluster;
    /** Serializes bindTo and close (start-up and shut-down calls; never held across a blocking call). */
    private final ReentrantLock lock = new ReentrantLock();
    /** null = not bound or closed; else the cluster's recorder, recording into the bound registry. Guarded by lock. */
    private Recorder recorder;

    private ClusterMetrics(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * An unbound binder of the calls on {@code cluster}'s primitives.
     *
     * @param cluster the cluster
     * @return the binder; bind it with {@link #bindTo(MeterRegistry)}
     */
    public static ClusterMetrics of(Cluster cluster) {
        return new ClusterMetrics(Objects.requireNonNull(cluster, "cluster is null"));
    }

    /**
     * Records every later call on the cluster's primitives into {@code registry}. Binding again
     * moves the recording to the new registry (to record into several, bind a
     * {@code CompositeMeterRegistry}); a cluster has one recording binder at a time, the last bound.
     *
     * @param registry where the timers go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry is null");
        lock.lock();
        try {
            Recorder next = new Recorder(registry);
            cluster.plumbing().recorder(next);
            recorder = next;
        } finally {
            lock.unlock();
        }
    }

    /** Stops recording; the timers stay registered with their last values. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (recorder != null) {
                cluster.plumbing().removeRecorder(recorder);
                recorder = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Recorder implements OpRecorder {
        private final MeterRegistry registry;
        private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

        Recorder(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void record(String primitive, String name, String op, long nanos, Outcome outcome) {
            String key = primitive + '\u0000' + op + '\u0000' + outcome;
            Timer t = timers.get(key);
            if (t == null) {
                t = timers.computeIfAbsent(key, k -> Timer.builder("spindle.cluster.calls")
                        .description("calls on Spindle's cluster primitives")
                        .tag("primitive", primitive).tag("op", op).tag("outcome", outcome.name())
                        .register(registry));
            }
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
