package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistributedLockTest {
    private static TestClusters three;

    @BeforeAll
    static void start() throws Exception {
        three = TestClusters.start(5750, 3);
    }

    @AfterAll
    static void stop() {
        three.close();
    }

    @Test
    void excludesThreadsOnEveryMemberAndIssuesIncreasingTokens() throws Exception {
        DistributedMap<String, Integer> plain = three.member(0).map("unprotected");
        plain.set("n", 0);
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        int perThread = 15;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Cluster member = three.member(t % 3);
                fs.add(ex.submit(() -> {
                    DistributedLock lock = member.lock("counter");
                    DistributedMap<String, Integer> m = member.map("unprotected");
                    for (int i = 0; i < perThread; i++) {
                        long token = lock.lock(Duration.ofSeconds(30));
                        try {
                            tokens.add(token);
                            m.set("n", m.get("n") + 1); // a read-modify-write only the lock protects
                        } finally {
                            lock.unlock();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(plain.get("n")).isEqualTo(6 * perThread);
        assertThat(tokens).doesNotHaveDuplicates().hasSize(6 * perThread);
        assertThat(three.member(1).lock("counter").currentToken()).isEqualTo(tokens.stream().mapToLong(t -> t).max().orElseThrow());
    }

    @Test
    void tryLockWaitsThenGivesUp() throws Exception {
        DistributedLock a = three.member(0).lock("busy");
        DistributedLock b = three.member(1).lock("busy");
        long token = a.lock();
        try {
            assertThat(b.tryLock()).isEmpty();
            assertThat(b.tryLock(Duration.ofMillis(200), Duration.ofSeconds(5))).isEmpty();
            assertThat(b.isLocked()).isTrue();
        } finally {
            a.unlock();
        }
        OptionalLong next = b.tryLock(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(next).isPresent();
        assertThat(next.getAsLong()).isGreaterThan(token);
        b.unlock();
    }

    @Test
    void anExpiredLeaseFreesTheLockAndMakesTheOldTokenStale() throws Exception {
        DistributedLock a = three.member(0).lock("leased");
        long old = a.lock(Duration.ofMillis(500));
        DistributedLock b = three.member(2).lock("leased");
        long fresh = b.tryLock(Duration.ofSeconds(20), Duration.ofSeconds(20)).orElseThrow();
        assertThat(fresh).isGreaterThan(old);
        assertThatThrownBy(() -> a.checkToken(old)).isInstanceOf(StaleTokenException.class)
                .hasMessageContaining("lock 'leased'").hasMessageContaining("token " + old + " is stale");
        assertThat(a.isCurrent(fresh)).isTrue();
        b.checkToken(fresh);
        assertThatThrownBy(a::unlock).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("lock 'leased'");
        b.unlock();
    }

    @Test
    void unlockByANonHolderIsAClearError() {
        DistributedLock lock = three.member(0).lock("never-held");
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("does not hold it");
        assertThatThrownBy(() -> lock.lock(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
    }

    @Test
    void lockWithAContextGivesUpWhenItIsDoneWithoutLeavingAGrantBehind() throws Exception {
        DistributedLock holder = three.member(0).lock("ctx");
        holder.lock();
        DistributedLock waiter = three.member(1).lock("ctx");
        CountDownLatch gaveUp = new CountDownLatch(1);
        var ctx = Context.background().withCancel();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                waiter.lock(ctx, Duration.ofSeconds(30));
            } catch (CancelledException expected) {
                gaveUp.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctx.cancel();
        assertThat(gaveUp.await(10, TimeUnit.SECONDS)).isTrue();
        t.join();
        holder.unlock();
        assertThat(holder.isLocked()).isFalse();
    }

    @Test
    void tryLockThrowsWhenInterruptedBeforeOrWhileWaiting() throws Exception {
        DistributedLock holder = three.member(0).lock("interrupted");
        DistributedLock waiter = three.member(1).lock("interrupted");
        holder.lock();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<OptionalLong> before = ex.submit(() -> {
                Thread.currentThread().interrupt();
                return waiter.tryLock(Duration.ofSeconds(30), Duration.ofSeconds(5));
            });
            assertThatThrownBy(() -> before.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InterruptedException.class);

            CountDownLatch started = new CountDownLatch(1);
            Thread[] waiting = new Thread[1];
            Future<OptionalLong> during = ex.submit(() -> {
                waiting[0] = Thread.currentThread();
                started.countDown();
                return waiter.tryLock(Duration.ofSeconds(30), Duration.ofSeconds(5));
            });
            started.await();
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting[0].getState() == Thread.State.WAITING
                    || waiting[0].getState() == Thread.State.TIMED_WAITING);
            waiting[0].interrupt();
            assertThatThrownBy(() -> during.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InterruptedException.class);
        } finally {
            holder.unlock();
        }
        DistributedLock next = three.member(2).lock("interrupted");
        long token = next.tryLock(Duration.ofSeconds(20), Duration.ofSeconds(20)).orElseThrow(); // an orphan grant ends with its 5 s lease
        assertThat(token).isPositive();
        next.unlock();
    }

    @Test
    void aLockHeldByAMemberThatDiesIsFreedAndItsTokenIsStale() throws Exception {
        try (TestClusters t = TestClusters.start(5760, 3)) {
            long dead = t.member(1).lock("orphan").lock();
            t.member(1).close();
            DistributedLock survivor = t.member(2).lock("orphan");
            long taken = survivor.tryLock(Duration.ofSeconds(20), Duration.ofSeconds(20)).orElseThrow();
            assertThat(taken).isGreaterThan(dead);
            assertThatThrownBy(() -> survivor.checkToken(dead)).isInstanceOf(StaleTokenException.class);
            survivor.unlock();
            await().atMost(Duration.ofSeconds(10)).until(() -> !survivor.isLocked());
        }
    }

    @Test
    void aReentrantAcquireIssuesANewTokenAndNeedsItsOwnUnlock() {
        DistributedLock lock = three.member(1).lock("reentrant");
        long outer = lock.lock();
        long inner = lock.lock(Duration.ofSeconds(30));
        assertThat(inner).isGreaterThan(outer);
        lock.unlock();
        assertThat(lock.isLocked()).isTrue();
        assertThat(three.member(2).lock("reentrant").tryLock()).isEmpty();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void aWaiterIsWokenByTheReleaseWithoutPolling() throws Exception {
        DistributedLock holder = three.member(0).lock("woken");
        Cluster waiterMember = three.member(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long held = holder.lock();
        try (ClusterMetrics metrics = ClusterMetrics.of(waiterMember);
                ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            metrics.bindTo(registry);
            Future<OptionalLong> waiter = ex.submit(() -> waiterMember.lock("woken")
                    .tryLock(Duration.ofSeconds(30), Duration.ofSeconds(30)));
            // Two refused attempts: before and after the waiter's member starts listening.
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(registry) == 2);
            // While the lock stays held, the waiter makes no call at all.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> attempts(registry) == 2);
            long released = System.nanoTime();
            holder.unlock();
            long token = waiter.get(10, TimeUnit.SECONDS).orElseThrow();
            long wokenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
            assertThat(token).isGreaterThan(held);
            assertThat(wokenMs).as("woken by the release, long before the %d ms safety re-check", DistributedLock.RECHECK_MS)
                    .isLessThan(DistributedLock.RECHECK_MS / 2);
            assertThat(attempts(registry)).as("one more attempt, the one that took it").isEqualTo(3);
        } finally {
            three.member(0).lock("woken").forceUnlock();
        }
    }

    private static long attempts(SimpleMeterRegistry registry) {
        var timer = registry.find("spindle.cluster.calls").tag("primitive", "lock").tag("op", "tryLock").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void tokensKeepIncreasingWhenTheMemberOwningTheLockStateDies() throws Exception {
        try (TestClusters t = TestClusters.start(5780, 3)) {
            Cluster owner = t.member(1);
            var partitions = owner.hazelcast().getPartitionService();
            t.member(0).lock("warm-up").currentToken(); // the first call assigns the partitions
            await().atMost(Duration.ofSeconds(30)).until(() -> partitions.getPartitions().stream()
                    .allMatch(p -> p.getOwner() != null));
            String name = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "owned-" + i)
                    .filter(k -> owner.localMember().id().equals(partitions.getPartition(k).getOwner().getUuid()))
                    .findFirst().orElseThrow();
            DistributedLock lock = t.member(0).lock(name);
            long last = 0;
            for (int i = 0; i < 20; i++) {
                long token = lock.lock();
                assertThat(token).isGreaterThan(last);
                last = token;
                lock.unlock();
            }
            owner.close(); // terminate: the backup of the lock's state is promoted
            long after = lock.tryLock(Duration.ofSeconds(20), Duration.ofSeconds(20)).orElseThrow();
            assertThat(after).as("the first token after the owner died").isGreaterThan(last);
            assertThat(t.member(2).lock(name).currentToken()).isEqualTo(after);
            lock.unlock();
        }
    }

    @Test
    void tokensKeepIncreasingWhenTheLockStateIsLost() {
        DistributedLock lock = three.member(0).lock("lost-state");
        long before = lock.lock();
        lock.unlock();
        // what a loss of the key's owner and all its backups at once would leave: no entry at all
        three.member(1).hazelcast().getMap(DistributedLock.LOCKS).delete("lost-state");
        assertThat(lock.currentToken()).isZero();
        long after = three.member(2).lock("lost-state").lock();
        assertThat(after).as("the first token after the state was lost").isGreaterThan(before);
        three.member(2).lock("lost-state").unlock();
    }

    @Test
    void aLockHeldByAClientThatLeavesIsFreed() throws Exception {
        Cluster client = three.client();
        long held = client.lock("client-held").lock();
        client.close();
        DistributedLock survivor = three.member(2).lock("client-held");
        long taken = survivor.tryLock(Duration.ofSeconds(30), Duration.ofSeconds(30)).orElseThrow();
        assertThat(taken).isGreaterThan(held);
        survivor.unlock();
    }
}
