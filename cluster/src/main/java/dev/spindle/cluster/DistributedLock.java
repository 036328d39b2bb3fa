package dev.spindle.cluster;

import com.hazelcast.map.IMap;
import dev.spindle.cluster.internal.LockProcessors;
import dev.spindle.cluster.internal.LockState;
import dev.spindle.core.Context;
import dev.spindle.core.TaskDump;
import dev.spindle.core.internal.Waits;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
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
 * The lock is one entry {@code name} of the internal map {@code spindle.locks}: its holder (member
 * or client uuid and thread id), hold count, lease end and the last fencing token issued
 * ({@code LockState}). An acquire is <em>one</em> entry processor on the key's owner that, if the
 * lock is free or already the caller's, records the caller and increments the token in the same
 * step; a release is one more. So a lock+unlock costs two round trips, like Hazelcast's
 * {@code IMap.lock}+{@code unlock}, and the token is part of the grant. Each change is backed up
 * synchronously as the resulting state, so a promoted backup continues the same token sequence.
 * <ul>
 *   <li>Free means: no holder, or the holder's lease has ended on the key owner's clock, or the
 *       holder was a member that is no longer in the key owner's member list. So a lease or a
 *       departed member frees the lock for the next acquire with no write needed.</li>
 *   <li>Waiting is local: a refused acquire waits on a condition of this process, woken by the
 *       release's entry event (one listener per process, made at the first wait), by a member
 *       leaving, or when the holder's lease ends (the refusal says when), then tries once more. It
 *       never polls: a waiter that sees no event tries again only after 5 s, a
 *       safety net against lost events.</li>
 *   <li>Holders that leave: every member frees the locks of a member that left, and of a client that
 *       stayed disconnected from it for 5 s, so the release is an event that wakes waiters.</li>
 *   <li>A call that Hazelcast re-sends (its key owner left before answering) carries the same call
 *       id and finds its own effect instead of granting or releasing twice.</li>
 * </ul>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Ownership is per thread: unlock on the thread (virtual or not) that locked. The lock is
 *       reentrant; each acquire issues a new token and needs its own unlock.</li>
 *   <li>The lock is released by {@link #unlock()}, when its lease ends, or when the member (or
 *       client) of the holding thread leaves the cluster.</li>
 *   <li>Tokens of one lock are strictly increasing in the order of the grants, and survive the loss
 *       of {@code backupCount} members. A token is large: each grant issues one more than the last
 *       token or the cluster time in ms shifted left by 20 bits, whichever is larger. So even if
 *       the lock's entry is lost (its owner and every backup gone at once), the next token is
 *       larger than every earlier one, unless the cluster clock went back by more than the time
 *       since they were issued. Tokens exceed 2^53, so a JavaScript client reading one from JSON
 *       loses its low bits: send it as a string there.</li>
 * </ul>
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>Holder's member crashes: the lock is free as soon as the key's owner drops it from its member
 *       list (~0.05-0.5 s after {@code kill -9} on one host, heartbeat timeout otherwise); waiters are
 *       woken by the membership event; the next holder gets a larger token.</li>
 *   <li>Holder's client disconnects: its locks are freed 5 s after its last member saw it go.</li>
 *   <li>Holder pauses (GC, SIGSTOP) past its lease: another thread acquires the lock with a larger
 *       token while the paused one still believes it holds it. Only a resource that checks tokens
 *       ({@link #checkToken(long)}, or better, remembering the largest token it has accepted)
 *       rejects the stale holder's writes. A lease-less lock held by a paused member stays held
 *       until the member's heartbeat times out.</li>
 *   <li>An acquire whose key owner dies mid-call may fail with Hazelcast's
 *       {@code TargetDisconnectedException} (from a client) after being granted: the lock is then
 *       held by the calling thread (its next acquire re-enters it) until its lease ends or it is
 *       unlocked.</li>
 *   <li>Network partition: each side can grant the lock, so two holders are possible at once; the
 *       two sides issue tokens from the same clock, so tokens can interleave (and, within one
 *       millisecond, repeat) across the sides. Actions taken under the lock
 *       must be idempotent or checked by the resource, and a deployment that cannot accept this
 *       needs a CP system (Hazelcast Enterprise's CP subsystem, etcd, ZooKeeper).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class DistributedLock {
    static final String LOCKS = "spindle.locks";
    /**
     * The longest a waiter waits without trying again when no release event came: a safety net
     * against lost events (see {@link LockWakeups}), not the way releases are noticed.
     */
    static final long RECHECK_MS = 5_000;
    /** A lease of this many ms means none. */
    private static final long NO_LEASE = 0;

    private final Cluster cluster;
    private final String name;
    private final IMap<String, LockState> locks;
    /** This process's member or client uuid: with the thread id, who holds the lock. */
    private final UUID self;

    DistributedLock(Cluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        this.locks = cluster.plumbing().call("lock", name, "open", () -> cluster.hazelcast().getMap(LOCKS));
        this.self = cluster.plumbing().call("lock", name, "open", () -> cluster.plumbing().localId());
    }

    /** {@return the lock's cluster-wide name} */
    public String name() {
        return name;
    }

    /**
     * Waits until the lock is free and takes it with no lease: held until {@link #unlock()} or until
     * this member leaves the cluster. Not interruptible: an interrupt while waiting is kept as the
     * thread's interrupt status, set again on return.
     *
     * @return the fencing token of this acquire
     */
    public long lock() {
        return lockUninterruptibly(NO_LEASE);
    }

    /**
     * Waits until the lock is free and takes it for at most {@code lease}. Not interruptible (see
     * {@link #lock()}).
     *
     * @param lease how long the lock is held unless unlocked sooner (positive)
     * @return the fencing token of this acquire
     */
    public long lock(Duration lease) {
        return lockUninterruptibly(ClusterPlumbing.positive(lease, () -> "lock '" + name + "': lease").toMillis());
    }

    /**
     * Waits until the lock is free or {@code ctx} is done. The wait is local (woken by the release),
     * so giving up never leaves a grant behind: each grant is one call whose answer this method returns.
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
        return acquire("lock", ctx, Long.MAX_VALUE, leaseMs).orElseThrow(() -> new AssertionError("unbounded wait ended"));
    }

    /**
     * Takes the lock if it is free now, with no lease.
     *
     * @return the fencing token, or empty if the lock is held
     */
    public OptionalLong tryLock() {
        long r = cluster.plumbing().call("lock", name, "tryLock", () -> attempt(NO_LEASE));
        return r > 0 ? OptionalLong.of(r) : OptionalLong.empty();
    }

    /**
     * Waits up to {@code wait} for the lock and takes it for at most {@code lease}.
     *
     * <p>Interrupts: the wait is this thread's own (the release wakes it), so an interrupted thread
     * (also one interrupted before the call) throws at once, holding nothing. An acquire call already
     * sent when the interrupt arrives is answered first: if it was granted, the token is returned with
     * the interrupt status still set.
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
        return acquire("tryLock", null, wait.toMillis(), leaseMs);
    }

    /**
     * Releases one hold of the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it (never locked, or its
     *     lease ran out, or its member was removed from the cluster)
     */
    public void unlock() {
        cluster.plumbing().call("lock", name, "unlock", () -> {
            if (!release(self)) {
                throw new IllegalMonitorStateException("lock '" + name + "': unlock by a thread that does not hold it"
                        + " (never locked, lease expired, or its member left the cluster)");
            }
            return null;
        });
    }

    /** {@return whether any thread in the cluster holds the lock now (a snapshot)} */
    public boolean isLocked() {
        return cluster.plumbing().call("lock", name, "isLocked",
                () -> locks.executeOnKey(name, new LockProcessors.IsHeld()));
    }

    /**
     * Releases the lock whoever holds it (an operator's tool: the holder's next unlock will fail).
     */
    public void forceUnlock() {
        cluster.plumbing().call("lock", name, "forceUnlock", () -> release(null));
    }

    /** {@return the newest fencing token issued for this lock (0 if never locked)} */
    public long currentToken() {
        LockState s = cluster.plumbing().call("lock", name, "currentToken", () -> locks.get(name));
        return s == null ? 0 : s.fence();
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

    private long lockUninterruptibly(long leaseMs) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return acquire("lock", null, Long.MAX_VALUE, leaseMs).orElseThrow(() -> new AssertionError("unbounded wait ended"));
                } catch (InterruptedException e) {
                    interrupted = true; // acquire throws only before a grant: nothing is held, wait on
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tries to take the lock, and while it is held waits (locally, see {@link LockWakeups}) for its
     * release, the end of the holder's lease, or {@code ctx}, for at most {@code waitMs}.
     *
     * @param op the operation's name for metrics
     * @param ctx gives up when done (then throws {@link dev.spindle.core.CancelledException}); may be null
     * @return the token, or empty when {@code waitMs} ran out
     * @throws InterruptedException if interrupted before a grant
     */
    private OptionalLong acquire(String op, Context ctx, long waitMs, long leaseMs) throws InterruptedException {
        long deadline = waitMs >= Long.MAX_VALUE / 2_000_000 ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        LockWakeups wakeups = null;
        LockWait diagnosed = null; // registered at the first wait, so an acquire that does not wait makes none
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("lock '" + name + "': interrupted while waiting for it");
                }
                if (ctx != null) {
                    ctx.throwIfDone();
                }
                long seen = wakeups == null ? 0 : wakeups.generation();
                long r = cluster.plumbing().call("lock", name, op, () -> attempt(leaseMs));
                if (r > 0) {
                    return OptionalLong.of(r);
                }
                long leftMs = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                        : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return OptionalLong.empty();
                }
                if (wakeups == null) { // first refusal: listen, then try again before waiting
                    wakeups = cluster.lockWakeups();
                    continue;
                }
                if (diagnosed == null) {
                    diagnosed = new LockWait(wakeups);
                    Waits.begin(diagnosed);
                }
                diagnosed.seen = seen;
                long waitFor = Math.min(Math.min(leftMs, RECHECK_MS), r < 0 ? -r : RECHECK_MS);
                await(wakeups, seen, waitFor, ctx);
            }
        } finally {
            if (diagnosed != null) {
                Waits.end(diagnosed);
            }
        }
    }

    /**
     * An acquire that waits, as the diagnostics see it: from its first wait until it returns (the
     * attempts after each wake-up included). Never part of a proven deadlock (see {@link ClusterWait}).
     */
    private final class LockWait extends ClusterWait {
        private final LockWakeups wakeups;
        /** The wake-up generation the current wait started from; woken once it moved on. */
        volatile long seen;

        LockWait(LockWakeups wakeups) {
            this.wakeups = wakeups;
        }

        @Override
        public TaskDump.WaitsOn describe() {
            return new TaskDump.WaitsOn.ClusterLockWait(name);
        }

        /** {@return whether a wake-up came since the current wait began: the thread is about to try again} */
        @Override
        public boolean settled() {
            return wakeups.generation() != seen;
        }
    }

    private static void await(LockWakeups wakeups, long seen, long ms, Context ctx) throws InterruptedException {
        if (ctx == null) {
            wakeups.await(seen, ms);
            return;
        }
        Context.Registration onDone = ctx.onDone(wakeups::wakeAll);
        try {
            wakeups.await(seen, ClusterPlumbing.slice(ctx, ms));
        } finally {
            onDone.remove();
        }
    }

    /** One acquire call: the token if granted, else 0 (held, no lease) or minus the ms the lease has left. */
    private long attempt(long leaseMs) {
        return locks.executeOnKey(name, new LockProcessors.Acquire(self, Thread.currentThread().threadId(), leaseMs));
    }

    /** One release call for this thread ({@code who} = this process) or forced ({@code who} null). */
    private boolean release(UUID who) {
        return locks.executeOnKey(name, new LockProcessors.Release(who, Thread.currentThread().threadId()));
    }

    /** Waits without a lease until taken or {@code ctx} is done; for {@link LeaderElection}. */
    long lockWithoutLease(Context ctx) throws InterruptedException {
        return acquire("lock", ctx, Long.MAX_VALUE, NO_LEASE).orElseThrow(() -> new AssertionError("unbounded wait ended"));
    }

    /** Unlock on a cleanup path: no open-check (the cluster may be closing), no translation. */
    void unlockRaw() {
        release(self);
    }
}
