package dev.spindle.cluster.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import dev.spindle.cluster.ClusterConfig;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a {@link ClusterConfig} into Hazelcast member and client configurations with Spindle's safe
 * defaults: bind to the given host only, no multicast, no auto-detection, no phone-home, no JVM
 * shutdown hook (the {@code Cluster} owner closes it), logging through {@code java.util.logging}
 * (the JDK's {@code System.Logger} backend) at WARNING.
 */
public final class HazelcastConfigs {
    /** Held so the level set on it is not lost to garbage collection of the logger. */
    private static final Logger HAZELCAST_LOGGER = Logger.getLogger("com.hazelcast");

    static {
        if (HAZELCAST_LOGGER.getLevel() == null) {
            HAZELCAST_LOGGER.setLevel(Level.WARNING);
        }
    }

    private HazelcastConfigs() {}

    /** The property Hazelcast reads its logging framework from. */
    static final String LOGGING_TYPE = "hazelcast.logging.type";

    /**
     * Routes Hazelcast's logging to {@code java.util.logging}, unless the user chose a framework with
     * the system property {@value #LOGGING_TYPE}: a property set in a Hazelcast config wins over the
     * system property, so setting it unconditionally would override the user's choice.
     */
    private static void setLoggingType(BiConsumer<String, String> setProperty) {
        if (System.getProperty(LOGGING_TYPE) == null) {
            setProperty.accept(LOGGING_TYPE, "jdk");
        }
    }

    /**
     * A member configuration.
     *
     * @param c Spindle's configuration
     * @return Hazelcast's
     */
    public static Config member(ClusterConfig c) {
        Config config = new Config();
        config.setClusterName(c.name());
        setLoggingType(config::setProperty);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.max.no.heartbeat.seconds",
                Long.toString(c.heartbeatTimeout().toSeconds()));
        // Default 5 s: how long a new master waits for more joiners before it settles. One second
        // is enough on a LAN and makes a 3-member cluster form in about 2 s instead of 6.
        config.setProperty("hazelcast.wait.seconds.before.join", c.members().isEmpty() ? "0" : "1");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(c.port()).setPortAutoIncrement(true).setPortCount(100);
        network.setPublicAddress(c.host());
        network.getInterfaces().setEnabled(true).addInterface(c.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // TCP-IP join is on even for a cluster of one (listing itself), so that members started
        // later with this member in their list can join it; and Hazelcast does not warn
        // "No join method is enabled" at every start.
        join.getTcpIpConfig().setEnabled(true)
                .setMembers(c.members().isEmpty() ? List.of(c.host() + ":" + c.port()) : c.members());
        MapConfig defaults = config.getMapConfig("default");
        defaults.setBackupCount(c.backupCount());
        config.getQueueConfig("default").setBackupCount(c.backupCount());
        for (String map : c.nearCacheMaps()) {
            config.getMapConfig(map).setBackupCount(c.backupCount())
                    .setNearCacheConfig(new NearCacheConfig(map));
        }
        return config;
    }

    /**
     * A client configuration that connects to {@code c.members()} (or {@code host:port} if none).
     *
     * @param c Spindle's configuration
     * @return Hazelcast's
     */
    public static ClientConfig client(ClusterConfig c) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(c.name());
        setLoggingType(config::setProperty);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        if (c.members().isEmpty()) {
            config.getNetworkConfig().addAddress(c.host() + ":" + c.port());
        } else {
            config.getNetworkConfig().addAddress(c.members().toArray(String[]::new));
        }
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        for (String map : c.nearCacheMaps()) {
            config.addNearCacheConfig(new NearCacheConfig(map));
        }
        return config;
    }
}
