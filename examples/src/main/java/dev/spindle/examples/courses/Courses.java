package dev.spindle.examples.courses;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.FlagTypes;
import dev.spindle.examples.HttpClusterFlags;
import dev.spindle.examples.LocalCluster;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
@Command(name = "courses", sortOptions = false, resourceBundle = "dev.spindle.examples.courses.CoursesFlags",
    description = {
    "A course catalogue on a cluster: CRUD over a DistributedMap, enrolment capacity enforced atomically.",
    "With no flags: 2 nodes in this JVM (HTTP 8091, 8092; members 5811, 5812). With --node: one node of a "
        + "cluster of processes."})
public final class Courses implements Callable<Integer> {
    static final String DEFAULT_NAME = "spindle-courses";
    static final int DEFAULT_HTTP_PORT = 8091;
    static final int DEFAULT_CLUSTER_PORT = 5811;

    /** The flags, with this example's defaults. */
    @Mixin
    private final HttpClusterFlags flags =
            new HttpClusterFlags(2, DEFAULT_HTTP_PORT, DEFAULT_CLUSTER_PORT, DEFAULT_NAME);

    private Courses() {
    }

    @Override
    public Integer call() throws Exception {
        List<CourseNode> started;
        if (flags.node().given()) {
            started = List.of(startOne());
        } else {
            started = startLocal(flags.name(), flags.clusterPort(), flags.localNodes(), flags.bind(),
                    flags.firstHttpPort(), System.out);
        }
        printUsage(started, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("courses: stopping " + started.size() + " node(s)");
            started.forEach(CourseNode::close);
        }, "courses-shutdown"));
        started.getFirst().server().await();
        return 0;
    }

    private CourseNode startOne() {
        List<String> all = flags.members();
        String own = flags.node().own(all);
        int node = flags.node().index();
        System.out.println("courses: node-" + node + " joining cluster '" + flags.name() + "' as " + own);
        Cluster member = LocalCluster.member(flags.name(), FlagTypes.portOf(own), all);
        CourseNode started = CourseNode.start("node-" + node, member, flags.bind(), flags.ownHttpPort());
        System.out.println("courses: " + started.name() + " serves " + started.server().baseUri());
        return started;
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
