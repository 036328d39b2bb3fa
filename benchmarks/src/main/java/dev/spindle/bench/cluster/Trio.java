package dev.spindle.bench.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
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
 * partition, {@link #partition}, whose owner is a <b>remote</b> member (member 1): every call is a
 * loopback round trip to the same owner, with the same backup placement, whichever implementation
 * makes it. Two thirds of the keys of a 3-member cluster are
 * remote like this one; a locally owned key would skip the network and compare only the local
 * overheads.
 */
final class Trio implements AutoCloseable {
    /** First port of member 0; members 1 and 2 take the next two. Away from Hazelcast's 5701 default. */
    static final int BASE_PORT = 5901;
    static final int SIZE = 3;

    private final List<Cluster> members;
    /** The partition every key and object name of a benchmark is placed in (owned by member 1). */
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
        return new Trio(List.copyOf(members), remotePartition(members.get(0).hazelcast(), members.get(1).hazelcast()));
    }

    private static String[] addresses() {
        String[] a = new String[SIZE];
        for (int i = 0; i < SIZE; i++) {
            a[i] = "127.0.0.1:" + (BASE_PORT + i);
        }
        return a;
    }

    /** The lowest partition that {@code owner} owns, as {@code local} sees it. */
    private static int remotePartition(HazelcastInstance local, HazelcastInstance owner) {
        for (Partition p : local.getPartitionService().getPartitions()) {
            if (p.getOwner() != null && p.getOwner().getUuid().equals(owner.getCluster().getLocalMember().getUuid())) {
                return p.getPartitionId();
            }
        }
        throw new IllegalStateException("member 1 owns no partition");
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
