package dev.spindle.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster member in its own JVM, driven over stdin by {@link FaultTest}. Arguments: cluster name,
 * port base, member count, this member's index. Prints {@code READY <uuid>} once started, then
 * answers one line per command:
 * <ul>
 *   <li>{@code safe} -> {@code SAFE} once every partition has its backups;</li>
 *   <li>{@code lock NAME} -> {@code LOCKED <token>} (held, lease-less, until this process dies);</li>
 *   <li>{@code campaign NAME} -> {@code LEADER <term>} once this member leads election NAME, or
 *       {@code CAMPAIGNING} at once if another member leads.</li>
 * </ul>
 */
public final class MemberProcess {
    private MemberProcess() {}

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("com.hazelcast").setLevel(java.util.logging.Level.SEVERE);
        String name = args[0];
        int base = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int index = Integer.parseInt(args[3]);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addresses.add("127.0.0.1:" + (base + i));
        }
        Cluster cluster = Cluster.embedded(ClusterConfig.builder().name(name).port(base + index)
                .members(addresses).heartbeatTimeout(Duration.ofSeconds(10)).build());
        System.out.println("READY " + cluster.localMember().id());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<LeaderElection.Candidacy> candidacies = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "safe" -> {
                    // Hazelcast has no event for "safe": Awaitility polls its status, bounded.
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                            .until(() -> cluster.hazelcast().getPartitionService().isClusterSafe());
                    System.out.println("SAFE");
                }
                case "lock" -> System.out.println("LOCKED " + cluster.lock(cmd[1]).lock());
                case "campaign" -> {
                    LeaderElection.Candidacy c = cluster.election(cmd[1]).campaign("member-" + index);
                    candidacies.add(c);
                    if (cluster.election(cmd[1]).leader().isPresent() && !c.isLeader()) {
                        System.out.println("CAMPAIGNING");
                    } else {
                        Leader l = c.awaitLeadership(dev.spindle.core.Context.background()
                                .withTimeout(Duration.ofSeconds(30)));
                        System.out.println("LEADER " + l.term());
                    }
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        cluster.close();
    }
}
