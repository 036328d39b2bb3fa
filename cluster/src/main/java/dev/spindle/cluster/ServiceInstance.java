package dev.spindle.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One registered instance of a service in the {@link ServiceRegistry}.
 *
 * @param service the service name, e.g. {@code users}
 * @param id this instance's id, unique within the service
 * @param address where it answers, e.g. {@code http://10.0.0.5:8081}
 * @param metadata free-form labels (version, zone)
 * @param owner the uuid of the cluster member or client that registered it
 * @param ownerIsMember whether the owner is a member: when a member leaves the cluster, its instances
 *     stop being reported healthy at once, before their TTL runs out (a client's, when the TTL does)
 *
 * @since 0.1.0
 */
public record ServiceInstance(String service, String id, URI address, Map<String, String> metadata, UUID owner,
        boolean ownerIsMember)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public ServiceInstance {
        Objects.requireNonNull(service, "service is null");
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(address, "address is null");
        Objects.requireNonNull(owner, "owner is null");
        metadata = Map.copyOf(metadata);
    }

    String key() {
        return service + "/" + id;
    }
}
