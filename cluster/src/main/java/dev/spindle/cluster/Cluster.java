package dev.spindle.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.spindle.channels.Channel;
import dev.spindle.cluster.internal.HazelcastConfigs;
import dev.spindle.core.Context;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection to a Hazelcast cluster, and the factory of Spindle's distributed primitives.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.embedded()) {
 *     DistributedMap<String, Integer> stock = cluster.map("stock");
 *     stock.put("apple", 10);
 *     stock.update("apple", n -> n - 1);          // atomic, on the key's owner
 *     DistributedLock lock = cluster.lock("orders");
 *     long token = lock.lock(Duration.ofSeconds(10));
 *     try { ... } finally { lock.unlock(); }
 * }
 * }</pre>
 *
 * <p>Four ways in:
 * <ul>
 *   <li>{@link #embedded()}: a member in this JVM with safe defaults (see {@link ClusterConfig});</li>
 *   <li>{@link #embedded(ClusterConfig)}: a member that joins the given members across hosts;</li>
 *   <li>{@link #connect(String...)}: a client of an existing cluster (holds no data);</li>
 *   <li>{@link #of(HazelcastInstance)}: wraps an instance the user configured (their discovery,
 *       their map settings); {@link #close()} then leaves that instance running.</li>
 * </ul>
 *
 * <p>Primitives are cheap handles: asking twice for the same name gives two handles to the same
 * cluster-wide object. Every call on a primitive after {@link #close()} throws
 * {@link ClusterClosedException} and writes nothing. Values cross the network by Hazelcast
 * serialization: records and other {@link java.io.Serializable} classes work as they are; a value
 * that cannot be serialized is rejected with an {@link IllegalArgumentException} naming its class,
 * before anything is sent. For speed, register Compact serializers on your own Hazelcast config and
 * use {@link #of(HazelcastInstance)}.
 *
 * <p>Failure: see the package documentation, and each primitive's.
 *
 * @since 0.1.0
 */
public final class Cluster implements AutoCloseable {
    private final HazelcastInstance hz;
    private final boolean owned;
    private final boolean client;
    /** The closed flag, tracking, listeners and call wrappers every primitive shares. */
    private final ClusterPlumbing plumbing;
    /** null = not made yet; set once, under {@link #init}. */
    private volatile ServiceRegistry registry;
    /** null = not made yet; set once, under {@link #init}. */
    private volatile ClosedChannels closedChannels;
    /** null = no thread of this process has waited for a lock yet; set once, under {@link #init}. */
    private volatile LockWakeups lockWakeups;
    /**
     * Guards the lazy creation of {@link #registry}, {@link #closedChannels} and {@link #lockWakeups}, which makes
     * Hazelcast calls: a {@code ReentrantLock}, not {@code synchronized}, so a virtual thread
     * waiting here does not pin its carrier on JDK 21.
     */
    private final ReentrantLock init = new ReentrantLock();
    private final String clusterName;

    private final int backupCount;

    private Cluster(HazelcastInstance hz, boolean owned, boolean client, String clusterName, int backupCount) {
        this.hz = hz;
        this.owned = owned;
        this.client = client;
        this.plumbing = new ClusterPlumbing(hz, client);
        this.clusterName = clusterName;
        this.backupCount = backupCount;
        if (!client) {
            plumbing.track(new LockJanitor(this)); // frees the locks of members and clients that left
        }
    }

    private static String clusterNameOf(HazelcastInstance hz) {
        try {
            return hz.getConfig().getClusterName();
        } catch (UnsupportedOperationException e) { // a client's view of the config
            return hz.getName();
        }
    }

    /**
     * Starts a member in this JVM with {@link ClusterConfig#defaults()}: loopback only, the first free
     * port from 5701, no discovery. Starts in well under a second.
     *
     * @return the cluster, owning its member
     */
    public static Cluster embedded() {
        return embedded(ClusterConfig.defaults());
    }

    /**
     * Starts a member in this JVM that joins {@code config.members()}.
     *
     * @param config where to bind and whom to join
     * @return the cluster, owning its member
     * @throws IllegalStateException if Hazelcast cannot start (e.g. no free port)
     */
    public static Cluster embedded(ClusterConfig config) {
        Objects.requireNonNull(config, "config is null");
        return new Cluster(Hazelcast.newHazelcastInstance(HazelcastConfigs.member(config)), true, false,
                config.name(), config.backupCount());
    }

    /**
     * Connects as a client to the default-named cluster at {@code addresses}.
     *
     * @param addresses {@code host:port} of one or more members
     * @return the cluster, owning its client
     * @throws IllegalArgumentException if no address is given or one is not {@code host:port}
     * @throws IllegalStateException if no member answers within 30 s
     */
    public static Cluster connect(String... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("connect: no member address given");
        }
        return connect(ClusterConfig.builder().members(addresses).build());
    }

    /**
     * Connects as a client to the cluster named {@code config.name()} at {@code config.members()}.
     *
     * @param config the cluster name and member addresses
     * @return the cluster, owning its client
     * @throws IllegalStateException if no member answers within 30 s
     */
    public static Cluster connect(ClusterConfig config) {
        Objects.requireNonNull(config, "config is null");
        return new Cluster(HazelcastClient.newHazelcastClient(HazelcastConfigs.client(config)), true, true,
                config.name(), config.backupCount());
    }

    /**
     * Wraps an instance (member or client) that the caller configured and keeps owning:
     * {@link #close()} closes Spindle's subscriptions but leaves {@code hazelcast} running.
     *
     * @param hazelcast a running instance
     * @return the cluster
     */
    public static Cluster of(HazelcastInstance hazelcast) {
        Objects.requireNonNull(hazelcast, "hazelcast is null");
        boolean isClient = hazelcast.getClass().getName().startsWith("com.hazelcast.client");
        return new Cluster(hazelcast, false, isClient, clusterNameOf(hazelcast), 1);
    }

    /** {@return the Hazelcast instance underneath, for what Spindle does not wrap} */
    @SuppressWarnings("exports")
    public HazelcastInstance hazelcast() {
        return hz;
    }

    /**
     * {@return the cluster name} For a client wrapped with {@link #of(HazelcastInstance)}, whose
     * configuration Hazelcast does not expose, the client instance's name instead.
     */
    public String name() {
        return clusterName;
    }

    /** {@return whether this process is a client (holds no data, cannot be elected)} */
    public boolean isClient() {
        return client;
    }

    /** {@return the members, oldest first} */
    public List<ClusterMember> members() {
        return plumbing.call("cluster", name(), "members", () -> ClusterPlumbing.toMembers(hz.getCluster().getMembers()));
    }

    /**
     * The member in this JVM.
     *
     * @return it
     * @throws IllegalStateException on a client
     */
    public ClusterMember localMember() {
        if (client) {
            throw new IllegalStateException("localMember: this cluster handle is a client, not a member");
        }
        return plumbing.call("cluster", name(), "localMember",
                () -> ClusterPlumbing.toMember(hz.getCluster().getLocalMember()));
    }

    /**
     * Membership changes from now on, as a channel. On a member, a member that crashed is reported
     * {@code LEFT} when the survivors notice (a closed socket: well under a second; a hung member:
     * after the heartbeat timeout).
     *
     * @return the subscription; close it when done
     */
    public Subscription<MembershipEvent> membership() {
        return plumbing.listen("cluster", name(), "membership", Channel.unlimited(),
                sub -> hz.getCluster().addMembershipListener(new MembershipListener() {
                    @Override
                    public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                        sub.deliver(ClusterPlumbing.toEvent(MembershipEvent.Kind.JOINED, e));
                    }

                    @Override
                    public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                        sub.deliver(ClusterPlumbing.toEvent(MembershipEvent.Kind.LEFT, e));
                    }
                }),
                id -> hz.getCluster().removeMembershipListener(id));
    }

    /**
     * A map.
     *
     * @param name the map's cluster-wide name
     * @param <K> key type
     * @param <V> value type
     * @return a handle
     */
    public <K, V> DistributedMap<K, V> map(String name) {
        return new DistributedMap<>(this, ClusterPlumbing.checkName(name), null, null);
    }

    /**
     * A map whose keys and values are checked against the given classes on every call, so that a
     * value of the wrong type put by another program fails with a {@link ClassCastException} naming
     * the map instead of deep in the caller.
     *
     * @param name the map's cluster-wide name
     * @param keyType the key class
     * @param valueType the value class
     * @param <K> key type
     * @param <V> value type
     * @return a handle
     */
    public <K, V> DistributedMap<K, V> map(String name, Class<K> keyType, Class<V> valueType) {
        return new DistributedMap<>(this, ClusterPlumbing.checkName(name), Objects.requireNonNull(keyType, "keyType is null"),
                Objects.requireNonNull(valueType, "valueType is null"));
    }

    /**
     * {@return a handle to the cluster-wide lock {@code name}} See {@link DistributedLock}.
     *
     * @param name the lock's cluster-wide name
     */
    public DistributedLock lock(String name) {
        return new DistributedLock(this, ClusterPlumbing.checkName(name));
    }

    /**
     * A bounded cluster-wide channel. Every handle to one name must agree on the capacity.
     *
     * @param name the channel's cluster-wide name
     * @param capacity how many values it holds (at least 1)
     * @param <T> value type
     * @return a handle
     * @throws IllegalArgumentException if {@code capacity < 1} or it differs from the capacity the
     *     channel was created with
     */
    public <T> DistributedChannel<T> channel(String name, int capacity) {
        return new DistributedChannel<>(this, ClusterPlumbing.checkName(name), capacity);
    }

    /**
     * {@return a handle to the cluster-wide topic {@code name}} See {@link DistributedTopic}.
     *
     * @param name the topic's cluster-wide name
     * @param <T> message type
     */
    public <T> DistributedTopic<T> topic(String name) {
        return new DistributedTopic<>(this, ClusterPlumbing.checkName(name));
    }

    /** {@return the service registry of this cluster (one per {@code Cluster})} */
    public ServiceRegistry registry() {
        plumbing.ensureOpen("registry");
        ServiceRegistry r = registry;
        if (r == null) {
            init.lock();
            try {
                r = registry;
                if (r == null) {
                    plumbing.ensureOpen("registry");
                    r = new ServiceRegistry(this);
                    registry = r;
                }
            } finally {
                init.unlock();
            }
        }
        return r;
    }

    /**
     * {@return a handle to the leader election {@code name}} See {@link LeaderElection}.
     *
     * @param name the election's cluster-wide name
     */
    public LeaderElection election(String name) {
        return new LeaderElection(this, ClusterPlumbing.checkName(name));
    }

    /**
     * {@return an exact counter (see {@link DistributedCounter})}
     *
     * @param name the counter's cluster-wide name
     */
    public DistributedCounter counter(String name) {
        return DistributedCounter.exact(this, ClusterPlumbing.checkName(name));
    }

    /**
     * An eventually consistent counter (see {@link DistributedCounter}).
     *
     * @param name the counter's cluster-wide name
     * @return a fast, eventually consistent counter (see {@link DistributedCounter})
     */
    public DistributedCounter eventualCounter(String name) {
        return DistributedCounter.eventual(this, ClusterPlumbing.checkName(name));
    }

    /**
     * {@return a handle to the cluster-wide id generator {@code name}} See {@link IdGenerator}.
     *
     * @param name the generator's cluster-wide name
     */
    public IdGenerator idGenerator(String name) {
        return new IdGenerator(this, ClusterPlumbing.checkName(name));
    }

    /**
     * A cluster-wide token bucket.
     *
     * @param name the limiter's cluster-wide name
     * @param permitsPerSecond refill rate (more than 0)
     * @param burst bucket size (at least 1)
     * @return a handle
     */
    public RateLimiter rateLimiter(String name, double permitsPerSecond, long burst) {
        return new RateLimiter(this, ClusterPlumbing.checkName(name), permitsPerSecond, burst);
    }

    /**
     * Opens a group of tasks that run on cluster members (see {@link ClusterTaskGroup}).
     *
     * @param ctx cancels the group
     * @return the group; close or await it
     */
    public ClusterTaskGroup taskGroup(Context ctx) {
        plumbing.ensureOpen("taskGroup");
        return new ClusterTaskGroup(this, Objects.requireNonNull(ctx, "ctx is null"));
    }

    /**
     * Closes every subscription, registration and election made from this cluster, then (unless it
     * came from {@link #of(HazelcastInstance)}) terminates the member or client at once, without
     * waiting for migrations. On a member with backups, other members still hold its data. Idempotent.
     */
    @Override
    public void close() {
        if (!plumbing.markClosed()) {
            return;
        }
        plumbing.closeAll();
        if (owned) {
            hz.getLifecycleService().terminate();
        }
    }

    /**
     * Leaves the cluster gracefully: like {@link #close()}, but a member first hands its partitions
     * to the others (takes seconds).
     */
    public void shutdown() {
        if (!owned) {
            close();
            return;
        }
        if (plumbing.markClosed()) {
            plumbing.closeAll();
            hz.getLifecycleService().shutdown();
        }
    }

    /** The backup count channels are created with (1 for a wrapped instance). */
    int backupCount() {
        return backupCount;
    }

    /** {@return whether {@link #close()} was called or the instance stopped} */
    public boolean isClosed() {
        return plumbing.isClosed();
    }

    @Override
    public String toString() {
        return "Cluster[" + hz.getName() + (client ? ", client" : "") + (isClosed() ? ", closed" : "") + "]";
    }

    /** The plumbing every primitive of this cluster shares. */
    ClusterPlumbing plumbing() {
        return plumbing;
    }

    /** The watch of closed distributed channels, made on first use and closed with the cluster. */
    ClosedChannels closedChannels() {
        ClosedChannels c = closedChannels;
        if (c == null) {
            init.lock();
            try {
                c = closedChannels;
                if (c == null) {
                    plumbing.ensureOpen("channel");
                    c = plumbing.track(new ClosedChannels(this));
                    closedChannels = c;
                }
            } finally {
                init.unlock();
            }
        }
        return c;
    }

    /** The wake-ups of this process's lock waiters, made when the first one has to wait; closed with the cluster. */
    LockWakeups lockWakeups() {
        LockWakeups w = lockWakeups;
        if (w == null) {
            init.lock();
            try {
                w = lockWakeups;
                if (w == null) {
                    plumbing.ensureOpen("lock");
                    w = plumbing.track(new LockWakeups(this));
                    lockWakeups = w;
                }
            } finally {
                init.unlock();
            }
        }
        return w;
    }
}
