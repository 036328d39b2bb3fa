package dev.spindle.examples.cache;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.Flags;
import dev.spindle.examples.LocalCluster;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
public final class Cache {
    static final String DEFAULT_NAME = "spindle-cache";
    static final int DEFAULT_HTTP_PORT = 8081;
    static final int DEFAULT_CLUSTER_PORT = 5801;

    private Cache() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args,
                Set.of("nodes", "node", "members", "http-port", "cluster-port", "name", "bind"), Set.of());
        String name = flags.get("name", DEFAULT_NAME);
        String bind = flags.get("bind", "127.0.0.1");
        List<CacheNode> nodes;
        if (flags.has("node")) {
            nodes = List.of(startOne(flags, name, bind, System.out));
        } else {
            int n = flags.getInt("nodes", 3);
            nodes = startLocal(name, flags.getInt("cluster-port", DEFAULT_CLUSTER_PORT), n, bind,
                    flags.getInt("http-port", DEFAULT_HTTP_PORT), System.out);
            demo(nodes, System.out);
        }
        printUsage(nodes, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("cache: stopping " + nodes.size() + " node(s)");
            nodes.forEach(CacheNode::close);
        }, "cache-shutdown"));
        nodes.getFirst().server().await();
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

    private static CacheNode startOne(Flags flags, String name, String bind, PrintStream out) {
        int index = flags.getInt("node", 1);
        List<String> members = flags.getList("members",
                LocalCluster.addresses(DEFAULT_CLUSTER_PORT, 3));
        if (index < 1 || index > members.size()) {
            throw new IllegalArgumentException("--node " + index + " is not in 1.." + members.size()
                    + " (the position of this node's address in --members)");
        }
        String own = members.get(index - 1);
        int clusterPort = Integer.parseInt(own.substring(own.lastIndexOf(':') + 1));
        out.println("cache: node-" + index + " joining cluster '" + name + "' as " + own + ", members " + members);
        Cluster member = LocalCluster.member(name, clusterPort, members);
        CacheNode node = CacheNode.start("node-" + index, member, bind,
                flags.getInt("http-port", DEFAULT_HTTP_PORT - 1 + index));
        out.println("cache: " + node.name() + " serves " + node.server().baseUri() + " (member "
                + member.localMember().address() + "; " + member.members().size() + " member(s) so far)");
        return node;
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
