package dev.spindle.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.spindle.channels.Channel;
import dev.spindle.cluster.internal.OpRecorder;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import java.io.NotSerializableException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every primitive of one {@link Cluster} shares, behind its public face: whether the cluster
 * is closed, the open subscriptions, registrations and elections to close with it, the Hazelcast
 * listeners behind subscriptions, and the wrapper of every Hazelcast call.
 *
 * <p>Every call of a primitive goes through {@link #call} or {@link #callInterruptibly}, which
 * <ul>
 *   <li>throws {@link ClusterClosedException} naming the primitive, its name and the operation
 *       when the cluster is closed, before anything is sent, and when Hazelcast reports its
 *       instance inactive during the call;</li>
 *   <li>turns Hazelcast's serialization failures into an {@link IllegalArgumentException} naming
 *       the value's class;</li>
 *   <li>times the call for {@link ClusterMetrics} when a recorder is set (otherwise it costs one
 *       volatile read).</li>
 * </ul>
 *
 * <p>Invariant: once {@link #markClosed()} has returned {@code true}, no resource stays tracked:
 * {@link #track} re-checks the flag after adding and closes what it added, and
 * {@link #closeAll()} closes what was added before.
 */
final class ClusterPlumbing {
    private final HazelcastInstance hz;
    private final boolean client;
    /** false = open; true once {@link Cluster#close()} or {@link Cluster#shutdown()} began. Never cleared. */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What {@link #closeAll()} closes: subscriptions, registrations, elections, closed-channel watch. */
    private final Set<AutoCloseable> resources = ConcurrentHashMap.newKeySet();
    /** null = no metrics (the common case); else where every call's time goes. */
    private volatile OpRecorder recorder;
    private static final VarHandle RECORDER;

    static {
        try {
            RECORDER = MethodHandles.lookup().findVarHandle(ClusterPlumbing.class, "recorder", OpRecorder.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ClusterPlumbing(HazelcastInstance hz, boolean client) {
        this.hz = hz;
        this.client = client;
    }

    /** Marks the cluster closed; {@code true} only for the first caller. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Whether the cluster was closed or its instance stopped. */
    boolean isClosed() {
        return closed.get() || !hz.getLifecycleService().isRunning();
    }

    /** Closes every tracked resource, best effort: the instance below is going away anyway. */
    void closeAll() {
        for (AutoCloseable r : List.copyOf(resources)) {
            closeQuietly(r);
        }
        resources.clear();
    }

    /** Sets where every later call's time and outcome go ({@link ClusterMetrics}). */
    void recorder(OpRecorder r) {
        recorder = r;
    }

    /** Stops recording into {@code r}, unless another recorder has replaced it. */
    void removeRecorder(OpRecorder r) {
        RECORDER.compareAndSet(this, r, null);
    }

    /**
     * Tracks {@code resource} so the cluster's close closes it; on a closed cluster closes it at once
     * and throws {@link ClusterClosedException}.
     */
    <R extends AutoCloseable> R track(R resource) {
        resources.add(resource);
        if (closed.get()) {
            resources.remove(resource);
            closeQuietly(resource);
            throw new ClusterClosedException("cluster " + hz.getName() + " is closed");
        }
        return resource;
    }

    /**
     * A subscription fed by a Hazelcast listener. The listener is added first (if that fails, nothing
     * is left behind), then the subscription is tracked; a close that races with either removes the
     * listener exactly when it exists.
     */
    <T> Subscription<T> listen(String primitive, String name, String op, Channel<T> channel,
            java.util.function.Function<Subscription<T>, UUID> add, java.util.function.Consumer<UUID> remove) {
        channel.named(primitive + " '" + name + "' " + op); // as the task dump and errors show it
        java.util.concurrent.atomic.AtomicReference<UUID> id = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Subscription<T> sub = new Subscription<>(channel, () -> {
            stopped.set(true);
            UUID registered = id.get();
            if (registered != null) {
                removeQuietly(() -> remove.accept(registered));
            }
        });
        UUID registered = call(primitive, name, op, () -> add.apply(sub));
        id.set(registered);
        track(sub);
        if (stopped.get()) { // closed while the listener was being added
            removeQuietly(() -> remove.accept(registered));
        }
        return sub;
    }

    /** Stops tracking {@code resource} (it was closed by its user). */
    void untrack(AutoCloseable resource) {
        resources.remove(resource);
    }

    void ensureOpen(String what) {
        if (isClosed()) {
            throw new ClusterClosedException(what + ": cluster " + hz.getName() + " is closed");
        }
    }

    /** The per-call check: the message is built only when the cluster is closed. */
    void ensureOpen(String primitive, String name, String op) {
        if (isClosed()) {
            throw new ClusterClosedException(primitive + " '" + name + "': " + op + ": cluster " + hz.getName()
                    + " is closed");
        }
    }

    /** A call that may block and be interrupted. */
    interface Op<T> {
        T run() throws InterruptedException;
    }

    <T> T call(String primitive, String name, String op, Supplier<T> body) {
        try {
            return callInterruptibly(primitive, name, op, body::get);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-interruptible call threw InterruptedException", e);
        }
    }

    <T> T callInterruptibly(String primitive, String name, String op, Op<T> body) throws InterruptedException {
        ensureOpen(primitive, name, op);
        OpRecorder r = recorder;
        long start = r == null ? 0 : System.nanoTime();
        OpRecorder.Outcome outcome = OpRecorder.Outcome.FAILED;
        try {
            T result = body.run();
            outcome = OpRecorder.Outcome.SUCCESS;
            return result;
        } catch (InterruptedException | CancelledException e) {
            outcome = OpRecorder.Outcome.CANCELLED;
            throw e;
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterClosedException(primitive + " '" + name + "': " + op + ": cluster "
                    + hz.getName() + " is closed", e);
        } catch (HazelcastSerializationException e) {
            throw new IllegalArgumentException(primitive + " '" + name + "': " + op + ": "
                    + serializationProblem(e), e);
        } finally {
            if (r != null) {
                r.record(primitive, name, op, System.nanoTime() - start, outcome);
            }
        }
    }

    private static String serializationProblem(HazelcastSerializationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotSerializableException nse) {
                return "value of class " + nse.getMessage() + " is not serializable"
                        + " (make it a record or class implementing java.io.Serializable)";
            }
        }
        return "cannot serialize or deserialize a value: " + e.getMessage();
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        return name;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    void removeQuietly(Runnable removal) {
        if (hz.getLifecycleService().isRunning()) {
            try {
                removal.run();
            } catch (RuntimeException ignored) {
                // the instance is going away (and the listener or lock with it), or already gone
            }
        }
    }

    static List<ClusterMember> toMembers(Set<Member> members) {
        List<ClusterMember> out = new ArrayList<>(members.size());
        for (Member m : members) {
            out.add(toMember(m));
        }
        return List.copyOf(out);
    }

    static ClusterMember toMember(Member m) {
        return new ClusterMember(m.getUuid(), m.getAddress().getHost(), m.getAddress().getPort(), m.localMember());
    }

    static MembershipEvent toEvent(MembershipEvent.Kind kind, com.hazelcast.cluster.MembershipEvent e) {
        return new MembershipEvent(kind, toMember(e.getMember()), toMembers(e.getMembers()));
    }

    /** Checks {@code d} is positive; {@code what} names it, built only when the check fails. */
    static Duration positive(Duration d, Supplier<String> what) {
        if (d == null) {
            throw new NullPointerException(what.get() + " is null");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what.get() + " " + d + " is not positive");
        }
        return d;
    }

    /**
     * How long one slice of a context-bounded wait may block: {@code maxMs}, or less if the
     * context's deadline is nearer (0 once it has passed).
     */
    static long slice(Context ctx, long maxMs) {
        return ctx.deadline()
                .map(d -> Math.max(0, Math.min(maxMs, Duration.between(java.time.Instant.now(), d).toMillis())))
                .orElse(maxMs);
    }

    /**
     * The uuid of this process in the cluster: its member's, or its client's.
     *
     * @throws ClusterClosedException if the instance has stopped
     */
    UUID localId() {
        try {
            return client ? hz.getLocalEndpoint().getUuid() : hz.getCluster().getLocalMember().getUuid();
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterClosedException("cluster " + hz.getName() + " is closed", e);
        }
    }
}
