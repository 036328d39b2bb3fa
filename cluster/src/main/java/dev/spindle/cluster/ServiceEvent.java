package dev.spindle.cluster;

import java.util.Objects;

/**
 * An instance became available or unavailable, delivered by {@link ServiceRegistry#watch(String)}.
 *
 * @param kind up or down
 * @param instance the instance
 *
 * @since 0.1.0
 */
public record ServiceEvent(Kind kind, ServiceInstance instance) {
    /** What happened. */
    public enum Kind {
        /** Registered (or re-registered after it had expired). */
        UP,
        /**
         * Deregistered, or its TTL ran out without a heartbeat. (An instance whose member left the
         * cluster drops out of {@link ServiceRegistry#instances(String)} at once, but is reported
         * down here only when its entry expires.)
         */
        DOWN
    }

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if an argument is null
     */
    public ServiceEvent {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(instance, "instance is null");
    }
}
