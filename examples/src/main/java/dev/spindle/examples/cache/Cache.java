package dev.spindle.examples.cache;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.FlagTypes;
import dev.spindle.examples.HttpClusterFlags;
import dev.spindle.examples.LocalCluster;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A distributed cache service: several HTTP nodes, each with an embedded cluster member, sharing one
 * {@link dev.spindle.cluster.DistributedMap} with TTLs (see {@link CacheNode} for the HTTP API).
 *
 * <pre>
 * ./spindle run cache                          3 nodes in this JVM: HTTP 8081..8083, members 5801..5803
 * ./spindle run cache --nodes 5 --http-port 9001 --cluster-port 5901 --name my-cache
 * ./spindle run cache --node 2 --members 127.0.0.1:5801,127.0.0.1:5802,127.0.0.1:5803
 *                                              one node per process: node 2 is HTTP 8082, member 5802
 * </pre>
 *
 * Kill one process of the last form (Ctrl-C, or {@code kill -9}) and the others still serve its
 * entries.
 */
@Command(name = "cache", sortOptions = false, resourceBundle = "dev.spindle.examples.cache.CacheFlags", description = {
    "A distributed cache: HTTP nodes, each with an embedded cluster member, sharing one DistributedMap with TTLs.",
    "With no flags: 3 nodes in this JVM (HTTP 8081..8083, members 5801..5803). With --node: one node of a "
        + "cluster of processes."})
public final class Cache implements Callable<Integer> {
    static final String DEFAULT_NAME = "spindle-cache";
    static final int DEFAULT_HTTP_PORT = 8081;
    static final int DEFAULT_CLUSTER_PORT = 5801;

    /** The flags, with this example's defaults. */
    @Mixin
    private final HttpClusterFlags flags =
            new HttpClusterFlags(3, DEFAULT_HTTP_PORT, DEFAULT_CLUSTER_PORT, DEFAULT_NAME);

    private Cache() {
    }

    @Override
    public Integer call() throws Exception {
        List<CacheNode> started;
        if (flags.node().given()) {
            started = List.of(startOne(System.out));
        } else {
            started = startLocal(flags.name(), flags.clusterPort(), flags.localNodes(), flags.bind(),
                    flags.firstHttpPort(), System.out);
            demo(started, System.out);
        }
        printUsage(started, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("cache: stopping " + started.size() + " node(s)");
            started.forEach(CacheNode::close);
        }, "cache-shutdown"));
        started.getFirst().server().await();
        return 0;
    }

    /**
     * Starts {@code n} nodes in this JVM: member {@code i} on {@code clusterPort + i}, HTTP on
     * {@code httpPort + i} (or any free ports if {@code httpPort} is 0).
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
    public static List<CacheNode> startLocal(String name, int clusterPort, int n, String bind, int httpPort,
            PrintStream out) throws InterruptedException {
        out.println("cache: starting " + n + " cluster members (cluster '" + name + "', ports "
                + clusterPort + ".." + (clusterPort + n - 1) + ")...");
        List<Cluster> members = LocalCluster.start(name, clusterPort, n);
        List<CacheNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CacheNode node = CacheNode.start("node-" + (i + 1), members.get(i), bind,
                    httpPort == 0 ? 0 : httpPort + i);
            nodes.add(node);
            out.println("cache: " + node.name() + " serves " + node.server().baseUri()
                    + " (member " + node.cluster().localMember().address() + ")");
        }
        out.println("cache: " + n + " nodes share map '" + CacheNode.MAP + "' (one backup per entry)");
        return nodes;
    }

    private CacheNode startOne(PrintStream out) {
        List<String> all = flags.members();
        String own = flags.node().own(all);
        int node = flags.node().index();
        out.println("cache: node-" + node + " joining cluster '" + flags.name() + "' as " + own + ", members " + all);
        Cluster member = LocalCluster.member(flags.name(), FlagTypes.portOf(own), all);
        CacheNode started = CacheNode.start("node-" + node, member, flags.bind(), flags.ownHttpPort());
        out.println("cache: " + started.name() + " serves " + started.server().baseUri() + " (member "
                + member.localMember().address() + "; " + member.members().size() + " member(s) so far)");
        return started;
    }

    /** Puts an entry through the first node and reads it back through the last, saying so. */
    private static void demo(List<CacheNode> nodes, PrintStream out) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI put = nodes.getFirst().server().baseUri().resolve("/cache/greeting");
        HttpResponse<String> stored = client.send(
                HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("hello, cluster")).build(),
                HttpResponse.BodyHandlers.ofString());
        out.println("cache: demo: PUT " + put + " -> " + stored.statusCode());
        URI get = nodes.getLast().server().baseUri().resolve("/cache/greeting");
        HttpResponse<String> read = client.send(HttpRequest.newBuilder(get).build(),
                HttpResponse.BodyHandlers.ofString());
        out.println("cache: demo: GET " + get + " -> " + read.statusCode() + " \"" + read.body() + "\"");
    }

    private static void printUsage(List<CacheNode> nodes, PrintStream out) {
        URI first = nodes.getFirst().server().baseUri();
        URI last = nodes.getLast().server().baseUri();
        out.println("try:");
        out.println("  curl -X PUT --data 'v1' " + first.resolve("/cache/k1"));
        out.println("  curl -X PUT --data 'soon gone' '" + first.resolve("/cache/k2?ttl=10s") + "'");
        out.println("  curl " + last.resolve("/cache/k1"));
        out.println("  curl " + last.resolve("/cache"));
        out.println("  curl " + last.resolve("/cluster"));
        out.println("  curl -X DELETE " + last.resolve("/cache/k1"));
        out.println("Ctrl-C to stop");
    }
}
