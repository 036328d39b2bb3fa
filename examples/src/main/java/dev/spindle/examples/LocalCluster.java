package dev.spindle.examples;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterConfig;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Starts the members of one cluster for the examples: several in this JVM (a cluster on one
 * machine, for demos and smoke tests) or one per process. Every member binds to loopback, tries the
 * port given for it first, and lists all members' addresses, so each finds the others whichever
 * starts first.
 */
public final class LocalCluster {
    /** How long a member that stops answering (rather than closing its sockets) stays a member. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #start} waits for the members to see each other. */
    public static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

    private LocalCluster() {
    }

    /**
     * Returns {@code 127.0.0.1:port} for {@code n} consecutive ports from {@code firstPort}.
     *
     * @param firstPort the first member's port
     * @param n how many members
     * @return their addresses
     */
    public static List<String> addresses(int firstPort, int n) {
        return IntStream.range(0, n).mapToObj(i -> "127.0.0.1:" + (firstPort + i)).toList();
    }

    /**
     * Starts one member that joins {@code members}.
     *
     * @param name the cluster name
     * @param port the port to try first
     * @param members every member's {@code host:port}
     * @return the member
     */
    public static Cluster member(String name, int port, List<String> members) {
        return Cluster.embedded(ClusterConfig.builder()
                .name(name)
                .port(port)
                .members(members)
                .heartbeatTimeout(HEARTBEAT_TIMEOUT)
                .build());
    }

    /**
     * Starts {@code n} members of cluster {@code name} in this JVM, at the same time, and returns
     * once each sees all {@code n}.
     *
     * @param name the cluster name (unique, so that no stranger on this machine joins)
     * @param firstPort the first member's port; member {@code i} tries {@code firstPort + i}
     * @param n how many members
     * @return the members, in port order
     * @throws IllegalStateException if they do not form one cluster within {@link #FORMATION_TIMEOUT}
     * @throws InterruptedException if interrupted
     */
    public static List<Cluster> start(String name, int firstPort, int n) throws InterruptedException {
        List<String> addresses = addresses(firstPort, n);
        List<TaskHandle<Cluster>> started = new ArrayList<>();
        try (TaskGroup group = TaskGroup.open()) {
            for (int i = 0; i < n; i++) {
                int port = firstPort + i;
                started.add(group.go(() -> member(name, port, addresses)));
            }
            group.await();
        } catch (RuntimeException | InterruptedException e) {
            started.stream().filter(h -> h.state() == TaskHandle.State.SUCCEEDED)
                    .forEach(h -> h.resultNow().close());
            throw e;
        }
        List<Cluster> members = started.stream().map(TaskHandle::resultNow).toList();
        for (Cluster member : members) {
            awaitSize(member, n, FORMATION_TIMEOUT);
        }
        return members;
    }

    /**
     * Waits until {@code member} sees {@code n} members.
     *
     * @param member a member
     * @param n how many members to wait for
     * @param timeout how long to wait
     * @throws IllegalStateException if it does not within {@code timeout}
     * @throws InterruptedException if interrupted
     */
    public static void awaitSize(Cluster member, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var changes = member.membership()) {
            while (member.members().size() != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(member.name() + ": " + member.members().size()
                            + " members after " + timeout + ", expected " + n);
                }
                changes.tryReceive(Duration.ofNanos(left));
            }
        }
    }
}
