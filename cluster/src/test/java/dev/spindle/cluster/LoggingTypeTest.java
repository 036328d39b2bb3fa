package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.cluster.internal.HazelcastConfigs;
import org.junit.jupiter.api.Test;

/**
 * Spindle routes Hazelcast's logging to {@code java.util.logging} only when the user did not choose a
 * framework: a property in a Hazelcast config wins over the system property, so Spindle must leave
 * it unset when {@code -Dhazelcast.logging.type} is given.
 */
class LoggingTypeTest {
    private static final String PROPERTY = "hazelcast.logging.type";

    @Test
    void withoutTheSystemPropertyMembersAndClientsLogThroughJul() {
        String before = System.clearProperty(PROPERTY);
        try {
            assertThat(HazelcastConfigs.member(ClusterConfig.defaults()).getProperty(PROPERTY)).isEqualTo("jdk");
            assertThat(HazelcastConfigs.client(ClusterConfig.defaults()).getProperty(PROPERTY)).isEqualTo("jdk");
        } finally {
            restore(before);
        }
    }

    @Test
    void aLoggingTypeTheUserSetIsNotOverridden() {
        String before = System.setProperty(PROPERTY, "log4j2");
        try {
            var member = HazelcastConfigs.member(ClusterConfig.defaults());
            var client = HazelcastConfigs.client(ClusterConfig.defaults());
            // getProperty falls back to the system property; getProperties() holds what Spindle set
            assertThat(member.getProperties()).doesNotContainKey(PROPERTY);
            assertThat(client.getProperties()).doesNotContainKey(PROPERTY);
            assertThat(member.getProperty(PROPERTY)).isEqualTo("log4j2");
            assertThat(client.getProperty(PROPERTY)).isEqualTo("log4j2");
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, value);
        }
    }
}
