package dev.spindle.bench.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.PartitionReplica;
import com.hazelcast.partition.PartitionService;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Three Spindle members in this JVM on loopback, formed into one cluster of a fresh name (so a
 * benchmark never joins anyone else's members), each made by {@link Cluster#embedded(ClusterConfig)}
 * with the default settings (one synchronous backup).
 *
 * <p>Every call under test is made from {@link #local()}, member 0. Keys and object names are chosen
 * by {@link #nameOn(String)} so that all of them, for Spindle and for the raw twin alike, live in one
 * partition, {@link #partition}, whose owner is member 1 and whose (synchronous) backup is member 2:
 * every call is a loopback round trip to a remote owner, which waits for a remote backup, whichever
 * implementation makes it and in every fork. Two thirds of the keys of a 3-member cluster are
 * remote-owned; a locally owned key would skip the network and compare only the local overheads.
 * The backup's place is fixed too: with the backup on the calling member a write is acknowledged
 * sooner, so leaving it where it falls would give each fork (and so each implementation) a different
 * cluster. It is read through Hazelcast's internal partition table (there is no public API for it);
 * only this benchmark does that.
 */
final class Trio implements AutoCloseable {
    /** First port of member 0; members 1 and 2 take the next two. Away from Hazelcast's 5701 default. */
    static final int BASE_PORT = 5901;
    static final int SIZE = 3;
    /** The one map the members keep a near cache of, for {@code ClusterBench.getNearCached}. */
    static final String NEAR_CACHED_MAP = "bench.near";

    private final List<Cluster> members;
    /** The partition every key and object name of a benchmark is placed in (owner member 1, backup member 2). */
    final int partition;

    private Trio(List<Cluster> members, int partition) {
        this.members = members;
        this.partition = partition;
    }

    /** Starts the three members in parallel and waits until each sees all three and no migration runs. */
    static Trio start() throws Exception {
        String name = "spindle-bench-" + UUID.randomUUID();
        List<Cluster> members = new ArrayList<>(SIZE);
        try (ExecutorService starters = Executors.newFixedThreadPool(SIZE)) {
            List<Future<Cluster>> started = new ArrayList<>(SIZE);
            for (int i = 0; i < SIZE; i++) {
                ClusterConfig config = ClusterConfig.builder()
                        .name(name)
                        .port(BASE_PORT + i)
                        .members(addresses())
                        .nearCache(NEAR_CACHED_MAP)
                        .build();
                started.add(starters.submit(() -> Cluster.embedded(config)));
            }
            for (Future<Cluster> f : started) {
                members.add(f.get());
            }
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (Cluster c : members) {
            while (c.members().size() != SIZE || !c.hazelcast().getPartitionService().isClusterSafe()) {
                if (System.nanoTime() > deadline) {
                    members.forEach(Cluster::close);
                    throw new IllegalStateException("the benchmark cluster did not form in 120 s: "
                            + c.members().size() + " members seen by " + c);
                }
                Thread.sleep(50); // a set-up poll, outside any measurement
            }
        }
        return new Trio(List.copyOf(members), partitionOwnedBy(members.get(0).hazelcast(),
                uuid(members.get(1)), uuid(members.get(2))));
    }

    private static UUID uuid(Cluster c) {
        return c.hazelcast().getCluster().getLocalMember().getUuid();
    }

    private static String[] addresses() {
        String[] a = new String[SIZE];
        for (int i = 0; i < SIZE; i++) {
            a[i] = "127.0.0.1:" + (BASE_PORT + i);
        }
        return a;
    }

    /** The lowest partition whose owner is {@code owner} and whose first backup is {@code backup}, as {@code local} sees it. */
    private static int partitionOwnedBy(HazelcastInstance local, UUID owner, UUID backup) {
        InternalPartitionService table = ((HazelcastInstanceProxy) local).getOriginal().node.getPartitionService();
        for (int id = 0; id < table.getPartitionCount(); id++) {
            InternalPartition p = table.getPartition(id);
            PartitionReplica first = p.getReplica(0);
            PartitionReplica second = p.getReplica(1);
            if (first != null && second != null && first.uuid().equals(owner) && second.uuid().equals(backup)) {
                return id;
            }
        }
        throw new IllegalStateException("no partition is owned by member 1 with its backup on member 2");
    }

    /** Where the benchmark's partition lives, for the run's log. */
    String placement() {
        return "partition " + partition + ": caller " + address(0) + ", owner " + address(1) + ", backup " + address(2);
    }

    private String address(int member) {
        return members.get(member).hazelcast().getCluster().getLocalMember().getAddress().toString();
    }

    /** The member every benchmark call is made from. */
    Cluster local() {
        return members.get(0);
    }

    /** The Hazelcast instance of {@link #local()}, for the raw twins. */
    HazelcastInstance hazelcast() {
        return local().hazelcast();
    }

    /**
     * The first {@code prefix + n} (n = 0, 1, ...) that falls in {@link #partition}. The same rule
     * places map keys, lock and counter names (keys of internal maps) and queue names: Hazelcast
     * hashes the serialized string in every case.
     */
    String nameOn(String prefix) {
        PartitionService ps = hazelcast().getPartitionService();
        for (int n = 0; ; n++) {
            String candidate = prefix + n;
            if (ps.getPartition(candidate).getPartitionId() == partition) {
                return candidate;
            }
        }
    }

    @Override
    public void close() {
        for (Cluster c : members) {
            c.close();
        }
    }
}
