package dev.spindle.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real Hazelcast members on loopback for tests: a unique cluster name per call, a port base per test
 * class, members started in parallel, and a wait until every member sees all the others and the
 * cluster is safe (every partition has its backups).
 */
final class TestClusters implements AutoCloseable {
    /** Hazelcast warns loudly about migrations cut short by terminate(), which tests do on purpose. */
    private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final String name = "spindle-test-" + UUID.randomUUID();
    private final int portBase;
    private final List<Cluster> members = new ArrayList<>();
    private final List<Cluster> clients = new ArrayList<>();

    private TestClusters(int portBase) {
        this.portBase = portBase;
    }

    /** Starts {@code n} members that know each other's addresses. */
    static TestClusters start(int portBase, int n) throws Exception {
        TestClusters t = new TestClusters(portBase);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Cluster>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int port = portBase + i;
                fs.add(ex.submit((Callable<Cluster>) () -> Cluster.embedded(t.config(port, n))));
            }
            for (Future<Cluster> f : fs) {
                t.members.add(f.get());
            }
        }
        t.awaitFormed(n);
        return t;
    }

    ClusterConfig config(int port, int n) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addresses.add("127.0.0.1:" + (portBase + i));
        }
        return ClusterConfig.builder().name(name).port(port).members(addresses)
                .heartbeatTimeout(Duration.ofSeconds(10)).build();
    }

    String name() {
        return name;
    }

    Cluster member(int i) {
        return members.get(i);
    }

    List<Cluster> members() {
        return members;
    }

    /** A client connected to the first member. */
    Cluster client() {
        Cluster c = Cluster.connect(ClusterConfig.builder().name(name).members("127.0.0.1:" + portBase).build());
        clients.add(c);
        return c;
    }

    /**
     * Waits until every live member sees {@code n} members, every partition has an owner, and the
     * cluster is safe. Hazelcast assigns partitions at the first call that needs one, and a cluster
     * with no partitions assigned counts as safe: without the assignment here, a test's first write
     * could be followed by killing its key's owner before the backup existed, and the write was lost
     * (seen once in CI: a dead holder's lock state gone, its token issued again).
     */
    void awaitFormed(int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> members.stream().filter(m -> !m.isClosed())
                .allMatch(m -> m.members().size() == n));
        var partitions = members.stream().filter(m -> !m.isClosed()).findFirst().orElseThrow()
                .hazelcast().getPartitionService();
        partitions.getPartition("any").getOwner(); // triggers the first assignment
        await().atMost(Duration.ofSeconds(60)).until(() -> members.stream().filter(m -> !m.isClosed())
                .allMatch(m -> m.hazelcast().getPartitionService().getPartitions().stream()
                                .allMatch(p -> p.getOwner() != null)
                        && m.hazelcast().getPartitionService().isClusterSafe()));
    }

    @Override
    public void close() {
        clients.forEach(Cluster::close);
        members.forEach(Cluster::close);
    }
}
