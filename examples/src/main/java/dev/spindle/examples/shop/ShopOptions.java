package dev.spindle.examples.shop;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * What the shop's command line ({@link ShopCommand}) asked for. With no flags: the whole shop in one
 * JVM, on one embedded cluster member, two instances of each service, the gateway on port 8080 (or
 * the next free port).
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

    /**
     * Parses the shop's flags, as {@code ./spindle run shop ARGS} does.
     *
     * @param args the flags
     * @return the options
     * @throws CommandLine.ParameterException naming the flag, for an unknown flag or a bad value
     */
    static ShopOptions parse(String... args) {
        return CommandLine.populateCommand(new ShopCommand(), args).options();
    }
}
