/**
 * Spindle cluster: distributed maps, fenced locks, cluster-wide channels and topics, leader
 * election, a service registry, counters, id generation, rate limiting and cluster task groups on
 * a Hazelcast (open-source edition) cluster. See {@link dev.spindle.cluster.Cluster}.
 */
module dev.spindle.cluster {
    exports dev.spindle.cluster;
    // Hazelcast instantiates the internal entry processors (DataSerializable) reflectively when it
    // deserializes them on another member: it needs their public no-argument constructors.
    exports dev.spindle.cluster.internal to com.hazelcast.core;

    requires transitive dev.spindle.core;
    requires transitive dev.spindle.channels;
    // Hazelcast is one jar with no module descriptor: the automatic module com.hazelcast.core.
    // Transitive because Cluster.of(HazelcastInstance) and Cluster.hazelcast() name its types.
    requires transitive com.hazelcast.core;
    requires java.logging;
    // Optional: only dev.spindle.cluster.ClusterMetrics touches Micrometer.
    requires static micrometer.core;
}
