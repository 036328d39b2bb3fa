package dev.spindle.cluster;

import dev.spindle.core.internal.Wait;

/**
 * A blocked cluster call (a {@link DistributedLock} acquire, a {@link DistributedChannel} send or
 * receive) as the diagnostics see it: registered with {@code Waits.begin} only once the call has to
 * wait (never when the first attempt succeeds) and removed in a {@code finally} when it returns, so
 * {@code Diagnostics.dump()} names the lock or channel a task waits on.
 *
 * <p>{@link #endsByItself()} is {@code true} for every cluster wait, with or without a timeout. The
 * thread that would end it may be outside this JVM: another member or client releases the lock or
 * sends to the channel, and the deadlock detector sees only this process's threads. So "every thread
 * here is blocked" proves nothing while a cluster call waits, and such a call must never count
 * toward a proven deadlock; answering "ends by itself" keeps the detector from treating it as
 * asleep. (It is also literally so: a lock waiter tries again every
 * {@link DistributedLock#RECHECK_MS} and a channel call polls in slices.)
 */
abstract class ClusterWait extends Wait {
    /** A wait of the current thread. */
    ClusterWait() {
    }

    /** {@return {@code true}: the waker may be another process, so a deadlock cannot be proven} */
    @Override
    public final boolean endsByItself() {
        return true;
    }
}
