package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskHandle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoordinationTest {
    private static TestClusters three;

    @BeforeAll
    static void start() throws Exception {
        three = TestClusters.start(5800, 3);
    }

    @AfterAll
    static void stop() {
        three.close();
    }

    @Test
    void everySubscriberGetsEveryMessageInPublishOrder() throws Exception {
        DistributedTopic<Integer> pub = three.member(0).topic("news");
        try (Subscription<Integer> s1 = three.member(1).<Integer>topic("news").subscribe();
                Subscription<Integer> s2 = three.member(2).<Integer>topic("news").subscribe(16)) {
            for (int i = 0; i < 20; i++) {
                pub.publish(i);
            }
            for (Subscription<Integer> s : List.of(s1, s2)) {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < (s == s1 ? 20 : 16); i++) {
                    got.add(s.tryReceive(Duration.ofSeconds(10)).orElseThrow());
                }
                assertThat(got).isSorted().doesNotHaveDuplicates();
            }
        }
        assertThatThrownBy(() -> pub.publish(null)).hasMessageContaining("topic 'news': publish: message is null");
    }

    @Test
    void theRegistryListsHealthyInstancesAndDropsThoseOfADeadMember() throws Exception {
        try (TestClusters t = TestClusters.start(5810, 3)) {
            ServiceRegistry seen = t.member(0).registry();
            ServiceRegistration a = t.member(1).registry().register("users", URI.create("http://127.0.0.1:1001"));
            try (Subscription<ServiceEvent> events = seen.watch("users");
                    ServiceRegistration b = t.member(2).registry().register("users", "b", URI.create("http://127.0.0.1:1002"),
                            Duration.ofSeconds(30), Map.of("zone", "b"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.instances("users").size() == 2);
                assertThat(b.instance().metadata()).containsEntry("zone", "b");
                assertThat(events.tryReceive(Duration.ofSeconds(5)).orElseThrow().kind()).isEqualTo(ServiceEvent.Kind.UP);
                assertThat(seen.instances("orders")).isEmpty();
                a.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.instances("users").size() == 1);
                t.member(2).close(); // b's member dies: b is unhealthy at once, long before its 30 s TTL
                await().atMost(Duration.ofSeconds(15)).until(() -> seen.instances("users").isEmpty());
            }
        }
    }

    @Test
    void oneLeaderAtATimeAndANewOneWithALargerTermWhenItsMemberDies() throws Exception {
        try (TestClusters t = TestClusters.start(5820, 3)) {
            List<LeaderElection.Candidacy> candidates = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                candidates.add(t.member(i).election("scheduler").campaign("node-" + i));
            }
            LeaderElection observer = t.member(0).election("scheduler");
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.leader().isPresent());
            Leader first = observer.leader().orElseThrow();
            assertThat(candidates.stream().filter(LeaderElection.Candidacy::isLeader)).hasSize(1);
            int leaderIndex = Integer.parseInt(first.candidate().substring("node-".length()));
            int watcherIndex = (leaderIndex + 1) % 3;
            LeaderElection survivorView = t.member(watcherIndex).election("scheduler");
            try (Subscription<Leader> changes = survivorView.watch()) {
                t.member(leaderIndex).close();
                Leader next = changes.tryReceive(Duration.ofSeconds(20)).orElseThrow();
                assertThat(next.term()).isGreaterThan(first.term());
                assertThat(next.candidate()).isNotEqualTo(first.candidate());
                assertThatThrownBy(() -> survivorView.checkTerm(first.term())).isInstanceOf(StaleTokenException.class);
            }
            for (int i = 0; i < 3; i++) {
                if (i != leaderIndex) {
                    candidates.get(i).close();
                }
            }
        }
    }

    @Test
    void resigningHandsLeadershipToTheNextCandidate() throws Exception {
        LeaderElection e = three.member(0).election("resign");
        LeaderElection.Candidacy a = e.campaign("a");
        Leader la = a.awaitLeadership(Context.background().withTimeout(Duration.ofSeconds(10)));
        try (LeaderElection.Candidacy b = three.member(1).election("resign").campaign("b")) {
            assertThat(b.isLeader()).isFalse();
            a.close();
            Leader lb = b.awaitLeadership(Context.background().withTimeout(Duration.ofSeconds(10)));
            assertThat(lb.term()).isGreaterThan(la.term());
            assertThat(a.isLeader()).isFalse();
        }
    }

    @Test
    void aCampaignOnAClosedClusterFailsAtOnce() {
        Cluster solo = Cluster.embedded(ClusterConfig.builder().name("closed-" + System.nanoTime()).port(5796).build());
        LeaderElection e = solo.election("late");
        solo.close();
        assertThatThrownBy(() -> e.campaign("a")).isInstanceOf(ClusterClosedException.class)
                .hasMessageContaining("election 'late'");
    }

    @Test
    void theExactCounterNeverLosesOrRepeatsAnIncrement() throws Exception {
        Set<Long> results = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                DistributedCounter c = three.member(t % 3).counter("hits");
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        results.add(c.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(results).hasSize(300);
        assertThat(three.member(2).counter("hits").get()).isEqualTo(300);
        assertThat(three.member(2).counter("hits").isExact()).isTrue();
    }

    @Test
    void theEventualCounterConverges() {
        for (int i = 0; i < 3; i++) {
            three.member(i).eventualCounter("views").addAndGet(10);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> three.member(0).eventualCounter("views").get() == 30);
    }

    @Test
    void idsAreUniqueAcrossMembers() {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            assertThat(ids.add(three.member(i % 3).idGenerator("orders").newId())).isTrue();
        }
    }

    @Test
    void theRateLimiterGrantsTheBurstThenRefills() throws Exception {
        RateLimiter a = three.member(0).rateLimiter("api", 5, 3);
        RateLimiter b = three.member(1).rateLimiter("api", 5, 3);
        int granted = 0;
        for (int i = 0; i < 6; i++) {
            if ((i % 2 == 0 ? a : b).tryAcquire()) {
                granted++;
            }
        }
        assertThat(granted).isBetween(3, 4); // the burst, plus at most one refilled while calling
        b.acquire(1, Context.background().withTimeout(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> a.tryAcquire(4)).hasMessageContaining("permits 4 is outside 1..3");
        assertThatThrownBy(() -> three.member(0).rateLimiter("x", 0, 1)).hasMessageContaining("permitsPerSecond");
    }

    /** Squares a number on whichever member runs it. */
    static Integer square(int n) {
        return n * n;
    }

    @Test
    void aClusterTaskGroupRunsTasksOnMembersAndReturnsTheirResults() throws Exception {
        List<TaskHandle<Integer>> handles = new ArrayList<>();
        try (ClusterTaskGroup g = three.member(0).taskGroup(Context.background())) {
            for (int i = 1; i <= 12; i++) {
                int n = i;
                handles.add(g.go(() -> square(n)));
            }
            g.await();
        }
        int sum = 0;
        for (TaskHandle<Integer> h : handles) {
            sum += h.resultNow();
        }
        assertThat(sum).isEqualTo(650);
    }

    @Test
    void theFirstRemoteFailureCancelsTheGroupAndIsThrown() throws Exception {
        try (ClusterTaskGroup g = three.member(1).taskGroup(Context.background())) {
            g.go(() -> {
                throw new IllegalStateException("tile 7 is corrupt");
            });
            TaskHandle<Integer> slow = g.go(() -> {
                new java.util.concurrent.CountDownLatch(1).await(); // runs until the group's cancellation interrupts it
                return 1;
            });
            assertThatThrownBy(g::await).hasMessageContaining("tile 7 is corrupt");
            assertThat(g.context().isDone()).isTrue();
            assertThat(slow.state()).isNotEqualTo(TaskHandle.State.SUCCEEDED);
        }
    }

    @Test
    void metricsTimeEveryCallByPrimitiveOperationAndOutcome() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Cluster member = three.member(2);
        DistributedMap<String, String> m = member.map("metered");
        try (ClusterMetrics metrics = ClusterMetrics.of(member)) {
            metrics.bindTo(registry);
            m.put("a", "b");
            m.get("a");
            assertThatThrownBy(() -> member.lock("metered-free").unlock()).isInstanceOf(IllegalMonitorStateException.class);
            // Interrupted or cancelled while waiting (Hazelcast's lock waits ignore interrupts: call directly).
            assertThatThrownBy(() -> member.plumbing().callInterruptibly("channel", "metered", "receive", () -> {
                throw new InterruptedException();
            })).isInstanceOf(InterruptedException.class);
            assertThatThrownBy(() -> member.plumbing().callInterruptibly("channel", "metered", "receive", () -> {
                throw new CancelledException("ctx done");
            })).isInstanceOf(CancelledException.class);
            assertThat(registry.get("spindle.cluster.calls").tag("primitive", "map").tag("op", "put")
                    .tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
            assertThat(registry.get("spindle.cluster.calls").tag("op", "get").tag("outcome", "SUCCESS").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("spindle.cluster.calls").tag("primitive", "lock").tag("op", "unlock")
                    .tag("outcome", "FAILED").timer().count()).isEqualTo(1);
            assertThat(registry.get("spindle.cluster.calls").tag("primitive", "channel").tag("op", "receive")
                    .tag("outcome", "CANCELLED").timer().count()).isEqualTo(2);
            assertThat(registry.find("spindle.cluster.calls").timers())
                    .extracting(t -> t.getId().getTag("outcome")).containsOnly("SUCCESS", "FAILED", "CANCELLED");
        }
        m.get("a");
        assertThat(registry.get("spindle.cluster.calls").tag("op", "get").timer().count())
                .as("a closed binder stops recording").isEqualTo(1);
    }
}
