package dev.spindle.examples.shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shop's command line. With no flags: the whole shop in one JVM, on one embedded cluster member,
 * two instances of each service, the gateway on port 8080 (or the next free port).
 *
 * @param roles what this process runs
 * @param clusterName only members of the same cluster name join each other
 * @param host the address the cluster member and the HTTP servers bind to and announce
 * @param clusterPort the first port the cluster member tries
 * @param members {@code host:port} of cluster members to join; empty: a cluster of one (until others
 *     join it)
 * @param gatewayPort the gateway's port (0: any free one)
 * @param servicePort the first port of the service instances (0: any free ones)
 * @param instances instances of each service this process runs
 * @param tls whether the gateway serves HTTPS with a self-signed key
 */
record ShopOptions(Set<Role> roles, String clusterName, String host, int clusterPort, List<String> members,
        int gatewayPort, int servicePort, int instances, boolean tls) {

    /** A part of the shop a process can run. */
    enum Role { GATEWAY, USERS, PRODUCTS, ORDERS, EVENTS }

    private static final Set<String> FLAGS_WITH_VALUES = Set.of("--role", "--members", "--host", "--cluster-port",
            "--cluster-name", "--port", "--service-port", "--instances");

    static final String USAGE = """
            usage: ./spindle run shop [FLAGS]
              --role R[,R...]     what this process runs: all (default), gateway, users, products, orders, events
              --members H:P,...   cluster members to join (default: none, a cluster of one)
              --host H            address to bind and announce, cluster and HTTP (default 127.0.0.1)
              --cluster-port N    first cluster port to try (default 5701; the next 99 are tried too)
              --cluster-name S    cluster name (default shop)
              --port N            gateway port (default 8080, or the next free one of the nine after it)
              --service-port N    first port of the service instances (default 0: any free ones)
              --instances N       instances of each service (default 2 for --role all, else 1)
              --tls               serve the gateway over HTTPS with a self-signed key
            """;

    /**
     * Parses the flags.
     *
     * @throws IllegalArgumentException with what is wrong, for an unknown flag or a bad value
     */
    static ShopOptions parse(String... args) {
        Set<Role> roles = EnumSet.allOf(Role.class);
        boolean whole = true;
        String clusterName = "shop";
        String host = "127.0.0.1";
        int clusterPort = 5701;
        List<String> members = new ArrayList<>();
        int gatewayPort = 8080;
        int servicePort = 0;
        Integer instances = null;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--tls")) {
                tls = true;
                continue;
            }
            if (!FLAGS_WITH_VALUES.contains(flag)) {
                throw new IllegalArgumentException("unknown flag " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--role" -> {
                    whole = value.equals("all");
                    roles = whole ? EnumSet.allOf(Role.class) : roles(value);
                }
                case "--members" -> members.addAll(Arrays.stream(value.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList());
                case "--host" -> host = value;
                case "--cluster-port" -> clusterPort = port(flag, value);
                case "--cluster-name" -> clusterName = value;
                case "--port" -> gatewayPort = port(flag, value);
                case "--service-port" -> servicePort = port(flag, value);
                case "--instances" -> instances = number(flag, value, 1, 20);
                default -> throw new AssertionError(flag);
            }
        }
        return new ShopOptions(roles, clusterName, host, clusterPort, List.copyOf(members), gatewayPort, servicePort,
                instances != null ? instances : whole ? 2 : 1, tls);
    }

    private static Set<Role> roles(String value) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : value.split(",", -1)) {
            if (r.isBlank()) {
                continue; // "users," and "users,,orders" name the roles they list
            }
            try {
                roles.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + r + "'; roles: all, gateway, users, products,"
                        + " orders, events");
            }
        }
        return roles;
    }

    private static int port(String flag, String value) {
        return number(flag, value, 0, 65535);
    }

    private static int number(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }
}
