package dev.spindle.examples.shop;

import dev.spindle.examples.FlagTypes;
import dev.spindle.examples.shop.ShopOptions.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./spindle run shop [FLAGS]}: the shop's command line. It parses the flags into
 * {@link ShopOptions}, starts the {@link Shop} and runs until Ctrl-C (or SIGTERM), then stops it.
 */
@Command(name = "shop", sortOptions = false, description = {
    "An e-commerce system as microservices on one Spindle cluster: users, products and orders services behind "
        + "an API gateway, with a live shop page.",
    "With no flags: everything in this JVM on one embedded cluster member, two instances of each service, the "
        + "gateway on port 8080 (or the next free one)."})
public final class ShopCommand implements Callable<Integer> {
    private static final int MAX_INSTANCES = 20;
    /** Held so the filter set on it is not lost to garbage collection of the logger. */
    private static final Logger HAZELCAST_NODE = Logger.getLogger("com.hazelcast.instance.impl.Node");

    @Spec
    private CommandSpec spec;

    @Option(names = "--role", paramLabel = "R[,R...]", defaultValue = "all",
            description = "what this process runs: all (default), gateway, users, products, orders, events")
    private String role;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",", converter = FlagTypes.Member.class,
            description = "cluster members to join (default: none, a cluster of one)")
    private List<String> members;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to bind and announce, cluster and HTTP (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "5701", converter = FlagTypes.Port.class,
            description = "first cluster port to try (default: ${DEFAULT-VALUE}; the next 99 are tried too)")
    private int clusterPort;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "shop",
            description = "cluster name (default: ${DEFAULT-VALUE})")
    private String clusterName;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", converter = FlagTypes.Port.class,
            description = "gateway port (default: ${DEFAULT-VALUE}, or the next free one of the nine after it; "
                    + "0: any free one)")
    private int port;

    @Option(names = "--service-port", paramLabel = "PORT", defaultValue = "0", converter = FlagTypes.Port.class,
            description = "first port of the service instances (default: 0, any free ones)")
    private int servicePort;

    @Option(names = "--instances", paramLabel = "N",
            description = "instances of each service, 1 to " + MAX_INSTANCES + " (default: 2 for --role all, else 1)")
    private Integer instances;

    @Option(names = "--tls", description = "serve the gateway over HTTPS with a self-signed key")
    private boolean tls;

    ShopCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ShopOptions options = options();
        // A cluster of one is this example's default, not a mistake worth a warning on every start.
        HAZELCAST_NODE.setFilter(r -> r.getMessage() == null || !r.getMessage().contains("No join method is enabled"));
        Shop shop = Shop.start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shop: shutting down: deregistering, draining requests, leaving the cluster...");
            // Joined to other processes: hand this member's data to them first (takes seconds).
            shop.stop(!options.members().isEmpty());
            stopped.countDown();
        }, "shop-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * The options the flags ask for.
     *
     * @throws ParameterException naming the flag, for an unknown role or a number out of range
     */
    ShopOptions options() {
        boolean whole = role.strip().equals("all");
        if (instances != null && (instances < 1 || instances > MAX_INSTANCES)) {
            throw new ParameterException(spec.commandLine(),
                    "--instances must be from 1 to " + MAX_INSTANCES + ", got " + instances);
        }
        return new ShopOptions(whole ? EnumSet.allOf(Role.class) : roles(), clusterName, host, clusterPort,
                members == null ? List.of() : List.copyOf(members), port, servicePort, instances != null ? instances : whole ? 2 : 1, tls);
    }

    private Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : role.split(",", -1)) {
            if (r.isBlank()) {
                continue; // "users," and "users,,orders" name the roles they list
            }
            try {
                roles.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--role: unknown role '" + r
                        + "'; roles: all, gateway, users, products, orders, events");
            }
        }
        if (roles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--role names no role; roles: all, gateway, users,"
                    + " products, orders, events");
        }
        return roles;
    }
}
