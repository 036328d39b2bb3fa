package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.spindle.cluster.internal.HazelcastConfigs;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterTest {
    private static TestClusters three;

    @BeforeAll
    static void start() throws Exception {
        three = TestClusters.start(5710, 3);
    }

    @AfterAll
    static void stop() {
        three.close();
    }

    @Test
    void membersAreListedOldestFirstAndOneIsLocal() {
        var members = three.member(1).members();
        assertThat(members).hasSize(3);
        assertThat(members).filteredOn(ClusterMember::local).hasSize(1);
        assertThat(members.get(0).id()).isEqualTo(three.member(0).members().get(0).id());
        assertThat(three.member(2).localMember().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aMemberBindsToLoopbackOnly() {
        var address = three.member(0).hazelcast().getCluster().getLocalMember().getAddress();
        assertThat(address.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void membershipChangesArriveAsAChannel() throws Exception {
        try (TestClusters two = TestClusters.start(5720, 2);
                Subscription<MembershipEvent> events = two.member(0).membership()) {
            two.member(1).close();
            MembershipEvent e = events.tryReceive(Duration.ofSeconds(30)).orElseThrow();
            assertThat(e.kind()).isEqualTo(MembershipEvent.Kind.LEFT);
            assertThat(e.members()).hasSize(1);
        }
    }

    @Test
    void aClientSeesTheMembersAndTheirData() {
        Cluster client = three.client();
        assertThat(client.isClient()).isTrue();
        assertThat(client.members()).hasSize(3);
        three.member(0).<String, String>map("client-data").put("k", "v");
        assertThat(client.<String, String>map("client-data").get("k")).isEqualTo("v");
        assertThatThrownBy(client::localMember).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client");
    }

    @Test
    void useAfterCloseThrowsAClearErrorAndCloseIsIdempotent() {
        Cluster solo = Cluster.embedded(ClusterConfig.builder().name("solo-" + System.nanoTime()).port(5790).build());
        DistributedMap<String, String> map = solo.map("m");
        solo.close();
        solo.close();
        assertThat(solo.isClosed()).isTrue();
        assertThatThrownBy(() -> map.put("k", "v")).isInstanceOf(ClusterClosedException.class)
                .hasMessageContaining("map 'm': put");
        assertThatThrownBy(() -> solo.lock("l")).isInstanceOf(ClusterClosedException.class);
    }

    @Test
    void ofLeavesTheUsersInstanceRunning() {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(
                ClusterConfig.builder().name("of-" + System.nanoTime()).port(5795).build()));
        try {
            Cluster c = Cluster.of(hz);
            c.<String, Integer>map("m").put("a", 1);
            c.close();
            assertThat(hz.getLifecycleService().isRunning()).isTrue();
            assertThat(hz.<String, Integer>getMap("m").get("a")).isEqualTo(1);
        } finally {
            hz.getLifecycleService().terminate();
        }
    }

    @Test
    void badConfigurationIsRejectedNamingTheField() {
        assertThatThrownBy(() -> ClusterConfig.builder().members("10.0.0.1:5701-5703").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.1:5701-5703");
        assertThatThrownBy(() -> ClusterConfig.builder().port(0).build()).hasMessageContaining("port 0");
        assertThatThrownBy(() -> ClusterConfig.builder().backupCount(7).build()).hasMessageContaining("backupCount");
        assertThatThrownBy(() -> Cluster.connect()).hasMessageContaining("no member address");
        assertThatThrownBy(() -> three.member(0).map(" ")).hasMessageContaining("blank");
    }
}
