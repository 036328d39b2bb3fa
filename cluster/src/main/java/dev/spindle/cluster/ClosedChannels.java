package dev.spindle.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's cache of which distributed channels are closed: the internal map
 * {@code spindle.channels.closed} (name -> true) plus one listener per {@link Cluster} that keeps a
 * local set in step, so that a send checks "closed?" without a network round trip.
 *
 * <p>Invariant: a name in {@link #closed} was closed cluster-wide (the map entry is written before
 * the local set is updated). The converse lags by one event delivery: a channel closed by another
 * process is seen here a few milliseconds later; the queue's marker and the receivers' empty-poll
 * check cover that lag for receivers, and a send that slips in stays receivable (see
 * {@link DistributedChannel}).
 */
final class ClosedChannels implements AutoCloseable {
    static final String MAP = "spindle.channels.closed";

    private final Cluster cluster;
    private final IMap<String, Boolean> map;
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final UUID listener;
    /** Names destroyed while the first snapshot loads: the snapshot must not mark them closed. */
    private final Set<String> reopenedWhileLoading = new java.util.HashSet<>(); // guarded by lock
    /** true until the first snapshot is applied; guarded by lock. */
    private boolean loading = true;
    /** Orders the snapshot against listener events (never held across a Hazelcast call). */
    private final ReentrantLock lock = new ReentrantLock();

    ClosedChannels(Cluster cluster) {
        this.cluster = cluster;
        this.map = cluster.hazelcast().getMap(MAP);
        this.listener = map.addEntryListener(new Listener(), false);
        Set<String> snapshot = map.keySet();
        lock.lock();
        try {
            for (String name : snapshot) {
                if (!reopenedWhileLoading.contains(name)) {
                    closed.add(name);
                }
            }
            loading = false;
            reopenedWhileLoading.clear();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed(String name) {
        return closed.contains(name);
    }

    /** {@return true if this call closed it (first close cluster-wide)} */
    boolean close(String name) {
        boolean first = map.putIfAbsent(name, Boolean.TRUE) == null;
        closed.add(name);
        return first;
    }

    void forget(String name) {
        map.remove(name);
        closed.remove(name);
    }

    @Override
    public void close() {
        cluster.plumbing().removeQuietly(() -> map.removeEntryListener(listener));
    }

    private final class Listener implements EntryAddedListener<String, Boolean>, EntryRemovedListener<String, Boolean> {
        @Override
        public void entryAdded(EntryEvent<String, Boolean> e) {
            lock.lock();
            try {
                closed.add(e.getKey());
                reopenedWhileLoading.remove(e.getKey());
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void entryRemoved(EntryEvent<String, Boolean> e) {
            lock.lock();
            try {
                closed.remove(e.getKey());
                if (loading) {
                    reopenedWhileLoading.add(e.getKey());
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
