package dev.spindle.cluster;

import com.hazelcast.flakeidgen.FlakeIdGenerator;

/**
 * Cluster-wide unique, roughly time-ordered 64-bit ids (Hazelcast {@code FlakeIdGenerator}): each
 * process reserves a batch of ids from the cluster now and then and hands them out locally, so
 * {@link #newId()} is usually a local call.
 *
 * <p>Ids are unique across the cluster, including after a member crash (a batch is never handed
 * out twice: ids embed a node id and a timestamp). During a network partition, a member that joins
 * one side may be given a node id already used on the other side, so uniqueness holds across a
 * partition only for members that were in the cluster before it. Ids are ordered only roughly: ids
 * from different processes interleave by the time their batches were taken.
 *
 * @since 0.1.0
 */
public final class IdGenerator {
    private final Cluster cluster;
    private final String name;
    private final FlakeIdGenerator generator;

    IdGenerator(Cluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        this.generator = cluster.plumbing().call("idGenerator", name, "open", () -> cluster.hazelcast().getFlakeIdGenerator(name));
    }

    /** {@return a new id, never returned before by any generator of this name} */
    public long newId() {
        return cluster.plumbing().call("idGenerator", name, "newId", generator::newId);
    }

    /** {@return the generator's cluster-wide name} */
    public String name() {
        return name;
    }
}
