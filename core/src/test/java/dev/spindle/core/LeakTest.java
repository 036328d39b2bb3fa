package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import dev.spindle.core.internal.Scheduler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 groups, a third of them failing and a third cancelled by a deadline: afterwards no task
 * thread is alive, the JVM has no more platform threads than before, the long-lived parent context
 * holds nothing and no timer is pending.
 */
class LeakTest {

    @Test
    void tenThousandGroupsLeaveNothingBehind() throws InterruptedException {
        CancellableContext parent = Context.background().withCancel();
        runGroups(parent, 100, new ArrayList<>()); // warm up the carrier pool and the timer thread
        int platformBaseline = platformThreads();
        int timersBaseline = Scheduler.pending();

        List<Thread> taskThreads = new ArrayList<>();
        runGroups(parent, 10_000, taskThreads);

        assertThat(taskThreads).hasSizeGreaterThanOrEqualTo(10_000);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(taskThreads).noneMatch(Thread::isAlive));
        await().atMost(Duration.ofSeconds(30)).pollInSameThread() // Awaitility's poller is a platform thread
                .untilAsserted(() -> assertThat(platformThreads()).isLessThanOrEqualTo(platformBaseline));
        assertThat(((CancelNode) parent).registrations()).isZero();
        assertThat(Scheduler.pending()).isLessThanOrEqualTo(timersBaseline);
        parent.cancel();
    }

    private static void runGroups(Context parent, int count, List<Thread> threads) throws InterruptedException {
        for (int g = 0; g < count; g++) {
            int kind = g % 3;
            if (kind == 0) {
                try (TaskGroup group = TaskGroup.open(parent)) {
                    for (int t = 0; t < 3; t++) {
                        group.go(() -> threads(threads));
                    }
                    group.await();
                }
            } else if (kind == 1) {
                TaskGroup group = TaskGroup.open(parent);
                CountDownLatch started = new CountDownLatch(1);
                group.go(() -> {
                    threads(threads);
                    started.countDown();
                    new CountDownLatch(1).await(); // until the failure interrupts it
                });
                started.await();
                group.go(() -> {
                    threads(threads);
                    throw new IOException("failure " + threads.size());
                });
                assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class);
            } else {
                try (CancellableContext deadline = parent.withTimeout(Duration.ofMillis(1))) {
                    TaskGroup group = TaskGroup.open(deadline);
                    group.go(() -> {
                        threads(threads);
                        deadline.await();
                        deadline.throwIfDone();
                    });
                    assertThatThrownBy(group::close).isInstanceOf(CancelledException.class);
                }
            }
        }
    }

    /** Live platform threads (virtual threads are not listed by getAllStackTraces). */
    private static int platformThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static void threads(List<Thread> threads) {
        synchronized (threads) {
            threads.add(Thread.currentThread());
        }
    }
}
