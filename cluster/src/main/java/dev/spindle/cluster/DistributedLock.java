package dev.spindle.cluster;

import com.hazelcast.map.IMap;
import dev.spindle.cluster.internal.AddProcessor;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A cluster-wide mutual-exclusion lock with leases and fencing tokens, built on the open-source
 * edition (Hazelcast's CP {@code FencedLock} is Enterprise-only).
 *
 * <pre>{@code
 * DistributedLock lock = cluster.lock("stock:apple");
 * long token = lock.lock(Duration.ofSeconds(10));   // lease: freed after 10 s even if we hang
 * try {
 *     store.write(item, token);                        // the store rejects tokens older than the newest it saw
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * Mutual exclusion is {@code IMap.lock} on the key {@code name} of the internal map
 * {@code spindle.locks} (owned per thread, reentrant, with an optional lease). After each acquire
 * the holder increments the counter {@code name} of the map {@code spindle.fences} with an entry
 * processor on its owner and gets the new value: the fencing token. Tokens of one lock are strictly
 * increasing in the order they are issued, and survive the loss of {@code backupCount} members.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Ownership is per thread: unlock on the thread (virtual or not) that locked. The lock is
 *       reentrant; each acquire issues a new token and needs its own unlock.</li>
 *   <li>The lock is released by {@link #unlock()}, when its lease ends, or when the member (or
 *       client) of the holding thread leaves the cluster.</li>
 * </ul>
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>Holder's member crashes: the lock is free as soon as the survivors notice (~0.05-0.5 s after
 *       {@code kill -9} on one host); the next holder gets a larger token.</li>
 *   <li>Holder pauses (GC, SIGSTOP) past its lease: another thread acquires the lock with a larger
 *       token while the paused one still believes it holds it. Only a resource that checks tokens
 *       ({@link #checkToken(long)}, or better, remembering the largest token it has accepted)
 *       rejects the stale holder's writes. A lease-less lock held by a paused member stays held
 *       until the member's heartbeat times out.</li>
 *   <li>Network partition: each side can grant the lock, so two holders are possible at once; the
 *       fence counters of the two sides can then issue equal tokens. Actions taken under the lock
 *       must be idempotent or checked by the resource, and a deployment that cannot accept this
 *       needs a CP system (Hazelcast Enterprise's CP subsystem, etcd, ZooKeeper).</li>
 *   <li>A narrow window: the token is issued just after the lock is granted, in a second call. If
 *       the holder pauses in between past its lease, the next holder can get its token first, and
 *       the paused one then gets the larger token. Use a lease much longer than a round trip.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class DistributedLock {
    static final String LOCKS = "spindle.locks";
    static final String FENCES = "spindle.fences";
    private static final long SLICE_MS = 100;

    private final Cluster cluster;
    private final String name;
    private final IMap<String, Object> locks;
    private final IMap<String, Long> fences;

    DistributedLock(Cluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        this.locks = cluster.plumbing().call("lock", name, "open", () -> cluster.hazelcast().getMap(LOCKS));
        this.fences = cluster.plumbing().call("lock", name, "open", () -> cluster.hazelcast().getMap(FENCES));
    }

    /** {@return the lock's cluster-wide name} */
    public String name() {
        return name;
    }

    /**
     * Waits until the lock is free and takes it with no lease: held until {@link #unlock()} or until
     * this member leaves the cluster. Not interruptible (Hazelcast's {@code IMap.lock}).
     *
     * @return the fencing token of this acquire
     */
    public long lock() {
        cluster.plumbing().call("lock", name, "lock", () -> {
            locks.lock(name);
            return null;
        });
        return issueToken();
    }

    /**
     * Waits until the lock is free and takes it for at most {@code lease}.
     *
     * @param lease how long the lock is held unless unlocked sooner (positive)
     * @return the fencing token of this acquire
     */
    public long lock(Duration lease) {
        long leaseMs = ClusterPlumbing.positive(lease, () -> "lock '" + name + "': lease").toMillis();
        cluster.plumbing().call("lock", name, "lock", () -> {
            locks.lock(name, leaseMs, TimeUnit.MILLISECONDS);
            return null;
        });
        return issueToken();
    }

    /**
     * Waits until the lock is free or {@code ctx} is done. Waits in slices of 100 ms so that giving up
     * never leaves a grant behind.
     *
     * @param ctx gives up when done
     * @param lease how long the lock is held unless unlocked sooner (positive)
     * @return the fencing token of this acquire
     * @throws dev.spindle.core.CancelledException if {@code ctx} is done first (lock not taken)
     * @throws InterruptedException if interrupted while waiting (see {@link #tryLock(Duration, Duration)})
     */
    public long lock(Context ctx, Duration lease) throws InterruptedException {
        Objects.requireNonNull(ctx, () -> "lock '" + name + "': ctx is null");
        long leaseMs = ClusterPlumbing.positive(lease, () -> "lock '" + name + "': lease").toMillis();
        while (true) {
            ctx.throwIfDone();
            if (acquire(ClusterPlumbing.slice(ctx, SLICE_MS), leaseMs)) {
                return issueToken();
            }
        }
    }

    /**
     * Takes the lock if it is free now.
     *
     * @return the fencing token, or empty if the lock is held
     */
    public OptionalLong tryLock() {
        boolean got = cluster.plumbing().call("lock", name, "tryLock", () -> locks.tryLock(name));
        return got ? OptionalLong.of(issueToken()) : OptionalLong.empty();
    }

    /**
     * Waits up to {@code wait} for the lock and takes it for at most {@code lease}.
     *
     * <p>Interrupts: Hazelcast's own wait ignores them, so the wait is made of remote waits of at
     * most 100 ms, and the interrupt is checked before each: an interrupted thread (also one
     * interrupted before the call) throws within about 100 ms. A remote wait that is granted while
     * the interrupt arrives returns the token with the interrupt status still set; one that is not
     * granted leaves nothing behind. A release wakes the remote wait in progress, so the slices add
     * requests, not latency.
     *
     * @param wait how long to wait (zero: do not wait)
     * @param lease how long the lock is held unless unlocked sooner (positive)
     * @return the fencing token, or empty if the wait ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public OptionalLong tryLock(Duration wait, Duration lease) throws InterruptedException {
        Objects.requireNonNull(wait, () -> "lock '" + name + "': wait is null");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("lock '" + name + "': wait " + wait + " is negative");
        }
        long leaseMs = ClusterPlumbing.positive(lease, () -> "lock '" + name + "': lease").toMillis();
        return acquire(wait.toMillis(), leaseMs) ? OptionalLong.of(issueToken()) : OptionalLong.empty();
    }

    /**
     * Releases one hold of the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it (never locked, or its
     *     lease ran out, or its member was removed from the cluster)
     */
    public void unlock() {
        cluster.plumbing().call("lock", name, "unlock", () -> {
            try {
                locks.unlock(name);
            } catch (IllegalMonitorStateException e) {
                IllegalMonitorStateException named = new IllegalMonitorStateException("lock '" + name
                        + "': unlock by a thread that does not hold it (never locked, lease expired, or"
                        + " its member left the cluster)");
                named.initCause(e);
                throw named;
            }
            return null;
        });
    }

    /** {@return whether any thread in the cluster holds the lock now (a snapshot)} */
    public boolean isLocked() {
        return cluster.plumbing().call("lock", name, "isLocked", () -> locks.isLocked(name));
    }

    /**
     * Releases the lock whoever holds it (an operator's tool: the holder's next unlock will fail).
     */
    public void forceUnlock() {
        cluster.plumbing().call("lock", name, "forceUnlock", () -> {
            locks.forceUnlock(name);
            return null;
        });
    }

    /** {@return the newest fencing token issued for this lock (0 if never locked)} */
    public long currentToken() {
        Long t = cluster.plumbing().call("lock", name, "currentToken", () -> fences.get(name));
        return t == null ? 0 : t;
    }

    /**
     * Whether {@code token} is still the newest token of this lock, i.e. no one acquired the lock
     * since it was issued.
     *
     * @param token a token returned by an acquire
     * @return true if current
     */
    public boolean isCurrent(long token) {
        return token == currentToken();
    }

    /**
     * Throws if a newer token than {@code token} was issued. A check-then-act is only as good as the
     * gap between the check and the act: resources that can, should store the largest token they
     * accepted and reject smaller ones in the same atomic write (see
     * {@link DistributedMap#update(Object, DistributedMap.Update)}).
     *
     * @param token a token returned by an acquire
     * @throws StaleTokenException if a newer token was issued
     */
    public void checkToken(long token) {
        long current = currentToken();
        if (token < current) {
            throw new StaleTokenException(name, token, current);
        }
    }

    @Override
    public String toString() {
        return "DistributedLock[" + name + "]";
    }

    /**
     * Waits up to {@code waitMs} in remote waits of at most {@link #SLICE_MS}, checking the interrupt
     * status before each (Hazelcast's {@code tryLock} does not react to it).
     */
    private boolean acquire(long waitMs, long leaseMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("lock '" + name + "': interrupted while waiting for it");
            }
            long leftMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            long slice = Math.min(leftMs, SLICE_MS);
            if (cluster.plumbing().callInterruptibly("lock", name, "tryLock",
                    () -> locks.tryLock(name, slice, TimeUnit.MILLISECONDS, leaseMs, TimeUnit.MILLISECONDS))) {
                return true;
            }
            if (leftMs <= slice) {
                return false;
            }
        }
    }

    /** Lease-less wait for at most {@code waitMs}; for {@link LeaderElection}. */
    boolean acquireWithoutLease(long waitMs) throws InterruptedException {
        return cluster.plumbing().callInterruptibly("lock", name, "tryLock",
                () -> locks.tryLock(name, waitMs, TimeUnit.MILLISECONDS));
    }

    /** Unlock on a cleanup path: no open-check (the cluster may be closing), no translation. */
    void unlockRaw() {
        locks.unlock(name);
    }

    long issueTokenFor() {
        return issueToken();
    }

    private long issueToken() {
        try {
            return cluster.plumbing().call("lock", name, "token", () -> fences.executeOnKey(name, new AddProcessor(1)));
        } catch (RuntimeException e) {
            try {
                locks.unlock(name);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
