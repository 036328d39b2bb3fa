package dev.spindle.examples;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of an example whose nodes each serve HTTP beside an embedded cluster member
 * ({@code cache}, {@code courses}): {@code --nodes N}, the {@link NodeFlags} ({@code --node},
 * {@code --members}), {@code --http-port}, {@code --cluster-port}, {@code --name}, {@code --bind}.
 * A picocli {@code @Mixin}, listed in this order in the example's {@code --help}.
 *
 * <p>Each example gives its own defaults to the constructor, on the initialized {@code @Mixin}
 * field (picocli then uses that instance, and shows those defaults in {@code --help}). The
 * {@code --http-port} description names the example's ports from its {@code @Command}'s resource
 * bundle: {@code http-port.first} (the default first port) and {@code http-port.base} (one less,
 * to which {@code --node I} adds I).
 */
public final class HttpClusterFlags {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec example;

    private final int defaultHttpPort;

    @Option(names = "--nodes", paramLabel = "N", description = "nodes to start in this JVM (default: ${DEFAULT-VALUE})")
    private int nodes;

    @Mixin
    private NodeFlags node;

    @Option(names = "--http-port", paramLabel = "PORT", converter = FlagTypes.Port.class,
            description = "the first node's HTTP port, the next nodes' follow (default: ${bundle:http-port.first}; "
                    + "with --node: ${bundle:http-port.base} + I; 0: any free ones)")
    private Integer httpPort;

    @Option(names = "--cluster-port", paramLabel = "PORT", converter = FlagTypes.Port.class,
            description = "the first member's port (default: ${DEFAULT-VALUE})")
    private int clusterPort;

    @Option(names = "--name", description = "the cluster's name (default: ${DEFAULT-VALUE})")
    private String name;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "the HTTP servers' address (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container)")
    private String bind;

    /**
     * Creates the flags with an example's defaults.
     *
     * @param nodes how many nodes to start in this JVM without {@code --node}
     * @param httpPort the first node's HTTP port without {@code --http-port}
     * @param clusterPort the first member's port
     * @param name the cluster's name
     */
    public HttpClusterFlags(int nodes, int httpPort, int clusterPort, String name) {
        this.nodes = nodes;
        this.defaultHttpPort = httpPort;
        this.clusterPort = clusterPort;
        this.name = name;
    }

    /**
     * Returns the {@code --node} and {@code --members} flags: whether this process is one node of a
     * cluster of processes, and where its members are.
     *
     * @return the node flags
     */
    public NodeFlags node() {
        return node;
    }

    /**
     * Returns {@code --nodes}, for a run of every node in this JVM.
     *
     * @return how many nodes to start, at least 1
     * @throws ParameterException if {@code --nodes} is less than 1
     */
    public int localNodes() {
        if (nodes < 1) {
            throw new ParameterException(example.commandLine(), "--nodes must be at least 1, got " + nodes);
        }
        return nodes;
    }

    /**
     * Returns every member's address with {@code --node}: {@code --members}, or as many as
     * {@code --nodes} on loopback from {@code --cluster-port}.
     *
     * @return every member's {@code host:port}
     */
    public List<String> members() {
        return node.members(clusterPort, nodes);
    }

    /**
     * Returns the first node's HTTP port in this JVM: {@code --http-port}, else the example's
     * default (0: any free ports).
     *
     * @return the port
     */
    public int firstHttpPort() {
        return httpPort == null ? defaultHttpPort : httpPort;
    }

    /**
     * Returns the HTTP port of the one node of {@code --node I}: {@code --http-port}, else the
     * example's default minus 1 plus I.
     *
     * @return the port
     */
    public int ownHttpPort() {
        return httpPort == null ? defaultHttpPort - 1 + node.index() : httpPort;
    }

    /**
     * Returns {@code --cluster-port}: the first member's port.
     *
     * @return the port
     */
    public int clusterPort() {
        return clusterPort;
    }

    /**
     * Returns {@code --name}: the cluster's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns {@code --bind}: the HTTP servers' address.
     *
     * @return the host
     */
    public String bind() {
        return bind;
    }
}
