package dev.spindle.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.spindle.channels.Channel;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import dev.spindle.core.Go;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Service discovery: instances register under a service name with a time-to-live kept alive by a
 * heartbeat; anyone in the cluster lists the healthy instances or watches them come and go.
 *
 * <pre>{@code
 * try (ServiceRegistration reg = cluster.registry().register("users", URI.create("http://127.0.0.1:8081"))) {
 *     ...
 * }
 * List<ServiceInstance> users = cluster.registry().instances("users");
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * Instances live in the internal map {@code spindle.registry}, keyed {@code service/id}, each entry
 * with a TTL that its registration re-writes every third of the TTL. Every registry keeps a local
 * view of that map, loaded once and then kept in step by an entry listener, so
 * {@link #instances(String)} costs no network round trip. An instance is healthy while its entry
 * exists and the member (or client) that registered it is still in the cluster.
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>The registering process crashes: if it was a member, its instances are unhealthy as soon as
 *       the member is removed (~0.5 s after a crash on a LAN); if it was a client, when its TTL runs
 *       out.</li>
 *   <li>It hangs (GC, SIGSTOP): its instances stay listed until their TTL runs out without a
 *       heartbeat. Callers must still expect a listed instance to fail, and fail over.</li>
 *   <li>Network partition: each side lists the instances whose members it can see, until TTLs.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class ServiceRegistry implements AutoCloseable {
    static final String MAP = "spindle.registry";
    /** The default time-to-live of a registration. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    private final Cluster cluster;
    private final IMap<String, ServiceInstance> map;
    private final Map<String, ServiceInstance> view = new ConcurrentHashMap<>();
    /** Each open watch and the service it follows. */
    private final Map<Subscription<ServiceEvent>, String> watchers = new ConcurrentHashMap<>();
    private final UUID listener;
    /** Keys removed while the first snapshot loads: the snapshot must not bring them back. */
    private final Set<String> removedWhileLoading = new HashSet<>(); // guarded by lock
    /** true until the first snapshot is applied; guarded by lock. */
    private boolean loading = true;
    /** Orders the snapshot against listener events (never held across a Hazelcast call). */
    private final ReentrantLock lock = new ReentrantLock();

    ServiceRegistry(Cluster cluster) {
        this.cluster = cluster;
        this.map = cluster.plumbing().call("registry", MAP, "open", () -> cluster.hazelcast().getMap(MAP));
        this.listener = cluster.plumbing().call("registry", MAP, "open", () -> map.addEntryListener(new Listener(), true));
        load(cluster.plumbing().call("registry", MAP, "open", () -> Map.copyOf(map)));
        cluster.plumbing().track(this);
    }

    /**
     * Registers an instance with id {@code address} and the {@link #DEFAULT_TTL}.
     *
     * @param service the service name
     * @param address where the instance answers
     * @return the registration; close it to deregister
     */
    public ServiceRegistration register(String service, URI address) {
        return register(service, address.toString(), address, DEFAULT_TTL, Map.of());
    }

    /**
     * Registers an instance and keeps it alive with a heartbeat every {@code ttl / 3} on a virtual
     * thread, until the registration is closed (deregistered at once) or this cluster closes.
     *
     * @param service the service name
     * @param id the instance id, unique within the service (registering an id again replaces it)
     * @param address where the instance answers
     * @param ttl how long the instance stays listed without a heartbeat (at least 1 s)
     * @param metadata free-form labels
     * @return the registration; close it to deregister
     */
    public ServiceRegistration register(String service, String id, URI address, Duration ttl,
            Map<String, String> metadata) {
        ClusterPlumbing.checkName(service);
        ClusterPlumbing.checkName(id);
        Objects.requireNonNull(address, "register: address is null");
        Objects.requireNonNull(metadata, "register: metadata is null");
        ClusterPlumbing.positive(ttl, () -> "register: ttl");
        if (ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("register: ttl " + ttl + " is under 1 s");
        }
        cluster.plumbing().ensureOpen("registry", service, "register");
        ServiceInstance instance = new ServiceInstance(service, id, address, metadata, cluster.plumbing().localId(), !cluster.isClient());
        beat(instance, ttl);
        CancellableContext ctx = Context.background().withCancel();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        // The heartbeat thread removes the entry itself after its last beat, so a beat in flight
        // can never re-register an instance that was just deregistered; closing waits for it.
        ServiceRegistration reg = new ServiceRegistration(instance, () -> {
            ctx.cancel();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Go.go("spindle-registry-heartbeat-" + instance.key(), () -> {
            try {
                heartbeat(ctx, instance, ttl);
            } finally {
                cluster.plumbing().removeQuietly(() -> map.remove(instance.key()));
                stopped.countDown();
            }
        });
        return cluster.plumbing().track(reg);
    }

    /**
     * The healthy instances of {@code service} now, from this process's view (no round trip),
     * ordered by id.
     *
     * @param service the service name
     * @return the instances; empty if none
     */
    public List<ServiceInstance> instances(String service) {
        cluster.plumbing().ensureOpen("registry: instances");
        Set<UUID> live = liveMembers();
        List<ServiceInstance> out = new ArrayList<>();
        for (ServiceInstance i : view.values()) {
            if (i.service().equals(service) && (!i.ownerIsMember() || live.contains(i.owner()))) {
                out.add(i);
            }
        }
        out.sort(Comparator.comparing(ServiceInstance::id));
        return out;
    }

    /**
     * Instances of {@code service} going up or down from now on, as a channel (unbounded). An
     * instance whose member leaves is reported down when its entry expires or is removed.
     *
     * @param service the service name
     * @return the subscription; close it when done
     */
    public Subscription<ServiceEvent> watch(String service) {
        ClusterPlumbing.checkName(service);
        cluster.plumbing().ensureOpen("registry", service, "watch");
        Channel<ServiceEvent> ch = Channel.unlimited();
        java.util.concurrent.atomic.AtomicReference<Subscription<ServiceEvent>> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        Subscription<ServiceEvent> sub = cluster.plumbing().track(new Subscription<>(ch, () -> {
            watchers.remove(self.get());
        }));
        self.set(sub);
        watchers.put(sub, service);
        return sub;
    }

    /**
     * Applies the first snapshot under the listener's lock: an entry added since (by an event) is
     * newer and kept; an entry removed since stays removed.
     */
    private void load(Map<String, ServiceInstance> snapshot) {
        lock.lock();
        try {
            snapshot.forEach((k, v) -> {
                if (!removedWhileLoading.contains(k)) {
                    view.putIfAbsent(k, v);
                }
            });
            loading = false;
            removedWhileLoading.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Stops listening; called when the cluster closes. */
    @Override
    public void close() {
        cluster.plumbing().removeQuietly(() -> map.removeEntryListener(listener));
        for (Subscription<ServiceEvent> w : List.copyOf(watchers.keySet())) {
            w.close();
        }
    }

    private void heartbeat(CancellableContext ctx, ServiceInstance instance, Duration ttl) {
        Duration every = ttl.dividedBy(3);
        try {
            while (!ctx.await(every)) {
                try {
                    beat(instance, ttl);
                } catch (ClusterClosedException closed) {
                    return;
                } catch (RuntimeException e) {
                    System.getLogger(ServiceRegistry.class.getName()).log(System.Logger.Level.WARNING,
                            "registry: heartbeat of " + instance.key() + " failed; retrying", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void beat(ServiceInstance instance, Duration ttl) {
        cluster.plumbing().call("registry", instance.key(), "heartbeat", () -> {
            map.set(instance.key(), instance, ttl.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        });
    }


    private Set<UUID> liveMembers() {
        Set<UUID> ids = new HashSet<>();
        for (var m : cluster.hazelcast().getCluster().getMembers()) {
            ids.add(m.getUuid());
        }
        return ids;
    }

    private void publish(ServiceEvent.Kind kind, ServiceInstance instance) {
        if (instance == null) {
            return;
        }
        for (Map.Entry<Subscription<ServiceEvent>, String> w : watchers.entrySet()) {
            if (instance.service().equals(w.getValue())) {
                w.getKey().deliver(new ServiceEvent(kind, instance));
            }
        }
    }

    private final class Listener implements EntryAddedListener<String, ServiceInstance>,
            EntryUpdatedListener<String, ServiceInstance>, EntryRemovedListener<String, ServiceInstance>,
            EntryExpiredListener<String, ServiceInstance>, EntryEvictedListener<String, ServiceInstance> {
        @Override
        public void entryAdded(EntryEvent<String, ServiceInstance> e) {
            lock.lock();
            try {
                view.put(e.getKey(), e.getValue());
                removedWhileLoading.remove(e.getKey());
            } finally {
                lock.unlock();
            }
            publish(ServiceEvent.Kind.UP, e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, ServiceInstance> e) {
            lock.lock();
            try {
                view.put(e.getKey(), e.getValue());
                removedWhileLoading.remove(e.getKey());
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void entryRemoved(EntryEvent<String, ServiceInstance> e) {
            gone(e);
        }

        @Override
        public void entryExpired(EntryEvent<String, ServiceInstance> e) {
            gone(e);
        }

        @Override
        public void entryEvicted(EntryEvent<String, ServiceInstance> e) {
            gone(e);
        }

        private void gone(EntryEvent<String, ServiceInstance> e) {
            ServiceInstance was;
            lock.lock();
            try {
                was = view.remove(e.getKey());
                if (loading) {
                    removedWhileLoading.add(e.getKey());
                }
            } finally {
                lock.unlock();
            }
            publish(ServiceEvent.Kind.DOWN, was != null ? was : e.getOldValue());
        }
    }
}
