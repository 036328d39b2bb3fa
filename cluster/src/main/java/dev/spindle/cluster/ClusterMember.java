package dev.spindle.cluster;

import java.util.Objects;
import java.util.UUID;

/**
 * A member of the cluster, as seen by this process.
 *
 * @param id the member's unique id (new each time a member process starts)
 * @param host the address it announces
 * @param port its cluster port
 * @param local whether it is the member running in this JVM
 *
 * @since 0.1.0
 */
public record ClusterMember(UUID id, String host, int port, boolean local) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code id} or {@code host} is null
     */
    public ClusterMember {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(host, "host is null");
    }

    /** {@return {@code host:port}} */
    public String address() {
        return host + ":" + port;
    }
}
