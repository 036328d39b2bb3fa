package dev.spindle.examples.courses;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.Flags;
import dev.spindle.examples.LocalCluster;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An online-course catalogue: CRUD over a {@link dev.spindle.cluster.DistributedMap}, and
 * enrolment with the capacity enforced atomically (see {@link Catalogue} and {@link CourseNode}).
 *
 * <pre>
 * ./spindle run courses                    2 nodes in this JVM: HTTP 8091, 8092; members 5811, 5812
 * ./spindle run courses --nodes 3 --http-port 9091 --cluster-port 5911 --name my-courses
 * ./spindle run courses --node 1 --members 127.0.0.1:5811,127.0.0.1:5812   one node per process
 * </pre>
 */
public final class Courses {
    static final String DEFAULT_NAME = "spindle-courses";
    static final int DEFAULT_HTTP_PORT = 8091;
    static final int DEFAULT_CLUSTER_PORT = 5811;

    private Courses() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args,
                Set.of("nodes", "node", "members", "http-port", "cluster-port", "name", "bind"), Set.of());
        String name = flags.get("name", DEFAULT_NAME);
        String bind = flags.get("bind", "127.0.0.1");
        List<CourseNode> nodes;
        if (flags.has("node")) {
            int index = flags.getInt("node", 1);
            List<String> members = flags.getList("members", LocalCluster.addresses(DEFAULT_CLUSTER_PORT, 2));
            if (index < 1 || index > members.size()) {
                throw new IllegalArgumentException("--node " + index + " is not in 1.." + members.size());
            }
            String own = members.get(index - 1);
            System.out.println("courses: node-" + index + " joining cluster '" + name + "' as " + own);
            Cluster member = LocalCluster.member(name, Integer.parseInt(own.substring(own.lastIndexOf(':') + 1)), members);
            CourseNode node = CourseNode.start("node-" + index, member, bind,
                    flags.getInt("http-port", DEFAULT_HTTP_PORT - 1 + index));
            System.out.println("courses: " + node.name() + " serves " + node.server().baseUri());
            nodes = List.of(node);
        } else {
            nodes = startLocal(name, flags.getInt("cluster-port", DEFAULT_CLUSTER_PORT), flags.getInt("nodes", 2),
                    bind, flags.getInt("http-port", DEFAULT_HTTP_PORT), System.out);
        }
        printUsage(nodes, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("courses: stopping " + nodes.size() + " node(s)");
            nodes.forEach(CourseNode::close);
        }, "courses-shutdown"));
        nodes.getFirst().server().await();
    }

    /**
     * Starts {@code n} nodes in this JVM: member {@code i} on {@code clusterPort + i}, HTTP on
     * {@code httpPort + i} (any free ports if {@code httpPort} is 0).
     *
     * @param name the cluster name
     * @param clusterPort the first member port
     * @param n how many nodes
     * @param bind the HTTP host
     * @param httpPort the first HTTP port, or 0
     * @param out where to say what happens
     * @return the nodes
     * @throws InterruptedException if interrupted while the cluster forms
     */
    public static List<CourseNode> startLocal(String name, int clusterPort, int n, String bind, int httpPort,
            PrintStream out) throws InterruptedException {
        out.println("courses: starting " + n + " cluster members (cluster '" + name + "')...");
        List<Cluster> members = LocalCluster.start(name, clusterPort, n);
        List<CourseNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CourseNode node = CourseNode.start("node-" + (i + 1), members.get(i), bind, httpPort == 0 ? 0 : httpPort + i);
            nodes.add(node);
            out.println("courses: " + node.name() + " serves " + node.server().baseUri() + " (member "
                    + node.cluster().localMember().address() + ")");
        }
        return nodes;
    }

    private static void printUsage(List<CourseNode> nodes, PrintStream out) {
        URI first = nodes.getFirst().server().baseUri();
        URI last = nodes.getLast().server().baseUri();
        out.println("try:");
        out.println("  curl -i -X POST --data '{\"title\":\"Go for Java programmers\",\"capacity\":2}' "
                + first.resolve("/courses"));
        out.println("  curl " + last.resolve("/courses"));
        out.println("  curl -i -X POST --data '{\"student\":\"ada\"}' " + last.resolve("/courses/ID/enrolments"));
        out.println("  (a third student gets 409 Conflict: the course is full)");
        out.println("  curl -i -X PUT --data '{\"title\":\"Go for Java programmers\",\"capacity\":3}' "
                + first.resolve("/courses/ID"));
        out.println("  curl -i -X DELETE " + first.resolve("/courses/ID/enrolments/ada"));
        out.println("Ctrl-C to stop");
    }
}
