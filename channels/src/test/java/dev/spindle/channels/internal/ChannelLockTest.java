package dev.spindle.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ChannelLockTest {
    private long counter; // guarded by the lock under test, deliberately not atomic

    @Test
    void contendedVirtualThreadsExcludeEachOther() throws InterruptedException {
        ChannelLock lock = new ChannelLock();
        int threads = 8;
        int rounds = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < rounds; i++) {
                    lock.lock();
                    try {
                        counter++;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertThat(counter).isEqualTo((long) threads * rounds);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void aContenderThatOutlastsItsSpinParksAndIsWokenByUnlock() throws InterruptedException {
        ChannelLock lock = new ChannelLock();
        lock.lock();
        Thread contender = Thread.ofVirtual().start(() -> {
            lock.lock();
            lock.unlock();
        });
        await().atMost(Duration.ofSeconds(10)).until(lock::hasQueuedThreads); // spun out and queued
        assertThat(contender.isAlive()).isTrue();
        lock.unlock();
        assertThat(contender.join(Duration.ofSeconds(10))).isTrue();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void isReentrantLikeReentrantLock() {
        ChannelLock lock = new ChannelLock();
        lock.lock();
        lock.lock();
        assertThat(lock.getHoldCount()).isEqualTo(2);
        lock.unlock();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
