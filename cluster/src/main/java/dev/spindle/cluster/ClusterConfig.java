package dev.spindle.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link Cluster#embedded(ClusterConfig)} starts a member and {@link Cluster#connect(ClusterConfig)}
 * finds one. Immutable; made with {@link #builder()}.
 *
 * <p>The defaults are safe for one machine: the member binds to {@code 127.0.0.1} only, listens on
 * the first free port from 5701, and finds no one (no multicast, no auto-detection, no phone-home).
 * To span hosts, give each member its own reachable {@link Builder#host(String) host} and the list
 * of {@link Builder#members(String...) members} to join:
 *
 * <pre>{@code
 * Cluster cluster = Cluster.embedded(ClusterConfig.builder()
 *         .name("shop")
 *         .host("10.0.0.5")
 *         .members("10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701")
 *         .build());
 * }</pre>
 *
 * <p>Anything else (Kubernetes discovery, TLS in the Enterprise edition, custom map settings): build
 * your own Hazelcast instance and wrap it with {@link Cluster#of(com.hazelcast.core.HazelcastInstance)}.
 *
 * @param name the cluster name: members and clients only join a cluster of the same name
 * @param host the address this member binds to and announces
 * @param port the first port tried; the next 99 are tried if it is taken
 * @param members {@code host:port} of members to join (empty: a cluster of one, unless others join it)
 * @param backupCount synchronous backups of each map, queue and lock partition (0 to 6)
 * @param heartbeatTimeout how long a silent member stays a member before it is removed
 * @param nearCacheMaps map names (or {@code *} patterns) that keep a near cache on this member or
 *     client
 *
 * @since 0.1.0
 */
public record ClusterConfig(
        String name,
        String host,
        int port,
        List<String> members,
        int backupCount,
        Duration heartbeatTimeout,
        List<String> nearCacheMaps) {

    /** The default cluster name. */
    public static final String DEFAULT_NAME = "spindle";
    /** The default first port. */
    public static final int DEFAULT_PORT = 5701;

    private static final Pattern HOST_PORT = Pattern.compile("[^:\\s]+:\\d{1,5}");

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public ClusterConfig {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("cluster name is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backupCount " + backupCount + " is outside 0..6");
        }
        if (heartbeatTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("heartbeatTimeout " + heartbeatTimeout + " is under 1 s");
        }
        members = List.copyOf(members);
        for (String m : members) {
            if (!HOST_PORT.matcher(m).matches()) {
                throw new IllegalArgumentException("member '" + m + "' is not host:port"
                        + " (port ranges are not accepted: list each member)");
            }
        }
        nearCacheMaps = List.copyOf(nearCacheMaps);
    }

    /**
     * The defaults: cluster {@value #DEFAULT_NAME}, {@code 127.0.0.1}, port {@value #DEFAULT_PORT},
     * no members to join, one backup, a 60 s heartbeat timeout, no near caches.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults (see {@link #builder()}).
     *
     * @return the default configuration
     */
    public static ClusterConfig defaults() {
        return builder().build();
    }

    /** Builds a {@link ClusterConfig}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private final List<String> members = new ArrayList<>();
        private int backupCount = 1;
        private Duration heartbeatTimeout = Duration.ofSeconds(60);
        private final List<String> nearCacheMaps = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the cluster name.
         *
         * @param name the cluster name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the address to bind to and announce.
         *
         * @param host the address to bind to and announce
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Sets the first port to try.
         *
         * @param port the first port to try
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets {@code host:port} of members to join, added to any given before.
         *
         * @param members {@code host:port} of members to join, added to any given before
         * @return this builder
         */
        public Builder members(String... members) {
            return members(List.of(members));
        }

        /**
         * Sets {@code host:port} of members to join, added to any given before.
         *
         * @param members {@code host:port} of members to join, added to any given before
         * @return this builder
         */
        public Builder members(List<String> members) {
            this.members.addAll(members);
            return this;
        }

        /**
         * Sets synchronous backups per partition (0 to 6).
         *
         * @param backupCount synchronous backups per partition (0 to 6)
         * @return this builder
         */
        public Builder backupCount(int backupCount) {
            this.backupCount = backupCount;
            return this;
        }

        /**
         * Sets how long a silent member stays a member.
         *
         * @param timeout how long a silent member stays a member
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = timeout;
            return this;
        }

        /**
         * Sets maps (or {@code *} patterns) to near-cache.
         *
         * @param mapNames maps (or {@code *} patterns) to near-cache
         * @return this builder
         */
        public Builder nearCache(String... mapNames) {
            this.nearCacheMaps.addAll(List.of(mapNames));
            return this;
        }

        /**
         * {@return the configuration}
         *
         * @throws IllegalArgumentException naming a bad field
         */
        public ClusterConfig build() {
            return new ClusterConfig(name, host, port, members, backupCount, heartbeatTimeout, nearCacheMaps);
        }
    }
}
