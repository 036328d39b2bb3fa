package dev.spindle.cluster;

import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.spindle.cluster.internal.LockState;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes this process's threads waiting for a {@link DistributedLock}: one entry listener on
 * {@code spindle.locks} (with values, so only a release wakes, not a grant) and one membership
 * listener (a member that left may have held a lock), made when the first thread of this
 * {@link Cluster} has to wait, and closed with the cluster.
 *
 * <p>Protocol, which loses no wake-up: a waiter reads {@link #generation()} <em>before</em> its
 * acquire attempt, and after a refused attempt waits only while the generation is unchanged. A release
 * that the attempt did not see happens after it, so its event, delivered after the release, moves the
 * generation on. One generation serves every lock name: a release of one lock also wakes the waiters
 * of others, who try once and wait again (cheaper than a condition per name, and contention is rare).
 * Events can be lost (an overloaded event queue, the key owner dying between a release and its
 * event), so a waiter also tries again after {@link DistributedLock#RECHECK_MS} at the latest.
 */
final class LockWakeups implements AutoCloseable {
    private final Cluster cluster;
    private final IMap<String, LockState> locks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Bumped (under {@link #lock}) by every release event, membership change and context end. */
    private long generation;
    private final UUID entryListener;
    private final UUID membershipListener;

    LockWakeups(Cluster cluster) {
        this.cluster = cluster;
        this.locks = cluster.hazelcast().getMap(DistributedLock.LOCKS);
        this.entryListener = locks.addEntryListener(new Released(), true);
        this.membershipListener = cluster.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                // a new member holds no lock
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                wakeAll();
            }
        });
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the generation differs from {@code seen}, or {@code maxMs} passed.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void await(long seen, long maxMs) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(maxMs);
        lock.lock();
        try {
            while (generation == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    void wakeAll() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        cluster.plumbing().removeQuietly(() -> locks.removeEntryListener(entryListener));
        cluster.plumbing().removeQuietly(() -> cluster.hazelcast().getCluster().removeMembershipListener(membershipListener));
        wakeAll();
    }

    private final class Released implements EntryUpdatedListener<String, LockState>,
            EntryRemovedListener<String, LockState> {
        @Override
        public void entryUpdated(EntryEvent<String, LockState> e) {
            if (e.getValue() == null || e.getValue().owner() == null) {
                wakeAll();
            }
        }

        @Override
        public void entryRemoved(EntryEvent<String, LockState> e) {
            wakeAll();
        }
    }
}
