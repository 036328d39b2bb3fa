package dev.spindle.cluster;

import com.hazelcast.crdt.pncounter.PNCounter;
import com.hazelcast.map.IMap;
import dev.spindle.cluster.internal.AddProcessor;

/**
 * A cluster-wide 64-bit counter, in one of two kinds:
 * <ul>
 *   <li>{@linkplain Cluster#counter(String) exact}: every {@link #addAndGet(long)} runs on the
 *       member that owns the counter (an entry processor on the internal map
 *       {@code spindle.counters}), one at a time, so results are unique and the value linearizable
 *       while there is no partition. One round trip per call, which waits for the backup: about 3.5k
 *       increments/s from one thread on the benchmark machine, more with several callers in flight.</li>
 *   <li>{@linkplain Cluster#eventualCounter(String) eventual}: a CRDT (Hazelcast {@code PNCounter})
 *       updated on a replica near the caller and merged in the background: faster and available
 *       during a partition, but {@link #get()} may lag other processes' increments, and
 *       {@link #addAndGet(long)} results are not unique across processes. Right for statistics, wrong
 *       for ids.</li>
 * </ul>
 *
 * <h2>Under failure</h2>
 * Exact: an acknowledged increment survives the loss of one member; an increment in flight when the
 * owner dies may or may not have happened (the call throws; retrying may count twice). During a
 * partition each side counts alone, and on merge one side's counts are lost. Eventual: increments
 * acknowledged by a replica that dies before replicating are lost; on a partition's heal both sides'
 * counts are merged (none lost).
 *
 * @since 0.1.0
 */
public final class DistributedCounter {
    static final String COUNTERS = "spindle.counters";

    private final Cluster cluster;
    private final String name;
    private final IMap<String, Long> exact;
    private final PNCounter eventual;

    private DistributedCounter(Cluster cluster, String name, IMap<String, Long> exact, PNCounter eventual) {
        this.cluster = cluster;
        this.name = name;
        this.exact = exact;
        this.eventual = eventual;
    }

    static DistributedCounter exact(Cluster cluster, String name) {
        return new DistributedCounter(cluster, name,
                cluster.plumbing().call("counter", name, "open", () -> cluster.hazelcast().getMap(COUNTERS)), null);
    }

    static DistributedCounter eventual(Cluster cluster, String name) {
        return new DistributedCounter(cluster, name, null,
                cluster.plumbing().call("counter", name, "open", () -> cluster.hazelcast().getPNCounter(name)));
    }

    /** {@return the counter's cluster-wide name} */
    public String name() {
        return name;
    }

    /** {@return whether this is the exact kind} */
    public boolean isExact() {
        return exact != null;
    }

    /**
     * {@return the value after the addition}
     *
     * @param delta what to add (may be negative)
     */
    public long addAndGet(long delta) {
        if (exact != null) {
            return cluster.plumbing().call("counter", name, "add", () -> exact.executeOnKey(name, new AddProcessor(delta)));
        }
        return cluster.plumbing().call("counter", name, "add", () -> eventual.addAndGet(delta));
    }

    /** {@return the value after adding one} */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** {@return the value after subtracting one} */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /** {@return the value now (for the eventual kind: as this replica knows it)} */
    public long get() {
        if (exact != null) {
            Long v = cluster.plumbing().call("counter", name, "get", () -> exact.get(name));
            return v == null ? 0 : v;
        }
        return cluster.plumbing().call("counter", name, "get", eventual::get);
    }

    @Override
    public String toString() {
        return "DistributedCounter[" + name + (isExact() ? ", exact" : ", eventual") + "]";
    }
}
