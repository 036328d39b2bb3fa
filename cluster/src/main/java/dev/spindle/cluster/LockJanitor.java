package dev.spindle.cluster;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.spindle.cluster.internal.LockProcessors;
import dev.spindle.cluster.internal.LockState;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Frees the {@link DistributedLock}s of holders that left the cluster, on every member (a client has
 * none): when a member leaves, and when a client has been disconnected from this member for
 * {@link #CLIENT_GRACE_MS} without coming back. It writes the freed entries, so the waiters on every
 * process are woken by the release events ({@link LockWakeups}).
 *
 * <p>A member's locks would be free without this too: every acquire judges "held" against the key
 * owner's member list ({@code LockState.isHeld}). This pass makes the release visible as an event, and
 * covers the race in which a waiter hears of the departure before the key's owner does. A client's
 * locks are freed only here: a member cannot tell a dead client from one connected elsewhere, so
 * every member that served it must have seen it go. Several members doing the same pass is harmless
 * (it releases only the departed owner's holds).
 */
final class LockJanitor implements AutoCloseable {
    /**
     * How long a client may be away from this member before its locks are freed: a reconnect within
     * it keeps them, so a short network hiccup does not cost a live client its locks.
     */
    static final long CLIENT_GRACE_MS = 5_000;

    private final Cluster cluster;
    private final HazelcastInstance hz;
    private final UUID membershipListener;
    private final UUID clientListener;

    LockJanitor(Cluster cluster) {
        this.cluster = cluster;
        this.hz = cluster.hazelcast();
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                // a new member holds no lock
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                Thread.ofVirtual().name("spindle-lock-janitor").start(() -> release(e.getMember().getUuid()));
            }
        });
        this.clientListener = hz.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
                // nothing held yet
            }

            @Override
            public void clientDisconnected(Client client) {
                Thread.ofVirtual().name("spindle-lock-janitor").start(() -> releaseIfGone(client.getUuid()));
            }
        });
    }

    private void releaseIfGone(UUID client) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLIENT_GRACE_MS);
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left); // a delay, not a wait for an event
        }
        if (cluster.plumbing().isClosed()) {
            return;
        }
        for (Client c : hz.getClientService().getConnectedClients()) {
            if (c.getUuid().equals(client)) {
                return; // it came back
            }
        }
        release(client);
    }

    private void release(UUID owner) {
        if (!cluster.plumbing().isClosed()) {
            IMap<String, LockState> locks = hz.getMap(DistributedLock.LOCKS);
            cluster.plumbing().removeQuietly(() -> locks.executeOnEntries(new LockProcessors.ReleaseOwner(owner)));
        }
    }

    @Override
    public void close() {
        cluster.plumbing().removeQuietly(() -> hz.getCluster().removeMembershipListener(membershipListener));
        cluster.plumbing().removeQuietly(() -> hz.getClientService().removeClientListener(clientListener));
    }
}
