package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TaskGroupTest {

    /** Blocks until interrupted, then rethrows; the shape of a task a failure must cancel. */
    private static String blockUntilInterrupted(CountDownLatch started) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable");
    }

    @Test
    void returnsResultsThroughHandles() throws InterruptedException {
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<Integer> a = group.go(() -> 20);
            TaskHandle<Integer> b = group.go(() -> 22);
            TaskHandle<Void> c = group.go(() -> { });
            group.await();
            assertThat(a.resultNow() + b.resultNow()).isEqualTo(42);
            assertThat(c.state()).isEqualTo(TaskHandle.State.SUCCEEDED);
            assertThat(c.resultNow()).isNull();
            assertThat(a.name()).startsWith("spindle-group-");
            assertThatThrownBy(a::exceptionNow).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(a.name()).hasMessageContaining("SUCCEEDED");
        }
    }

    @Test
    void tasksRunOnNamedVirtualThreads() throws InterruptedException {
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<Thread> t = group.go(Thread::currentThread);
            group.await();
            assertThat(t.resultNow().isVirtual()).isTrue();
            assertThat(t.resultNow().getName()).isEqualTo(t.name());
        }
    }

    @Test
    void firstFailureCancelsTheContextInterruptsOthersAndIsThrownUnwrapped() throws InterruptedException {
        CancellableContext parent = Context.background().withCancel();
        IOException boom = new IOException("boom");
        CountDownLatch started = new CountDownLatch(2);
        TaskGroup group = TaskGroup.open(parent);
        TaskHandle<String> s1 = group.go(() -> blockUntilInterrupted(started));
        TaskHandle<String> s2 = group.go(() -> blockUntilInterrupted(started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        TaskHandle<Void> failing = group.go(() -> {
            throw boom;
        });
        assertThatThrownBy(group::await)
                .isInstanceOf(TaskFailedException.class)
                .hasCause(boom)
                .hasMessageContaining(failing.name())
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(group.context().cause()).isSameAs(boom);
        assertThat(failing.state()).isEqualTo(TaskHandle.State.FAILED);
        assertThat(failing.exceptionNow()).isSameAs(boom);
        assertThat(s1.state()).isEqualTo(TaskHandle.State.CANCELLED);
        assertThat(s2.exceptionNow()).isInstanceOf(InterruptedException.class);
        assertThat(parent.isDone()).as("the parent is never cancelled by the group").isFalse();
        group.close(); // already reported by await: close does not throw it again
        assertThat(((CancelNode) parent).registrations()).isZero();
    }

    @Test
    void closeThrowsTheFailureWhenAwaitWasNotCalled() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> {
            try (TaskGroup group = TaskGroup.open()) {
                group.go(() -> {
                    throw boom;
                });
            }
        }).isInstanceOf(TaskFailedException.class).hasCause(boom);
    }

    @Test
    void laterFailuresAreSuppressedNotLost() throws InterruptedException {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        TaskGroup group = TaskGroup.open();
        // Both fail "at once"; the loser is not a consequence of cancellation (it does not wait for
        // it), so it must be attached as suppressed.
        for (String name : List.of("a", "b")) {
            group.go(() -> {
                bothRunning.countDown();
                awaitUninterruptibly(release);
                throw new IOException(name);
            });
        }
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        Throwable thrown = catchThrowable(group);
        assertThat(thrown).isInstanceOf(TaskFailedException.class);
        List<String> messages = new ArrayList<>();
        messages.add(thrown.getCause().getMessage());
        for (Throwable s : thrown.getSuppressed()) {
            messages.add(s.getMessage());
        }
        assertThat(messages).containsExactlyInAnyOrder("a", "b");
    }

    private static Throwable catchThrowable(TaskGroup group) {
        try {
            group.close();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void parentCancellationCancelsTheGroupAndAwaitThrowsCancelled() throws InterruptedException {
        CancellableContext parent = Context.background().withCancel();
        IOException why = new IOException("client went away");
        CountDownLatch started = new CountDownLatch(1);
        TaskGroup group = TaskGroup.open(parent);
        TaskHandle<String> blocked = group.go(() -> blockUntilInterrupted(started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        parent.cancel(why);
        assertThatThrownBy(group::await).isExactlyInstanceOf(CancelledException.class).hasCause(why);
        assertThat(blocked.state()).isEqualTo(TaskHandle.State.CANCELLED);
        group.close();
    }

    @RepeatedTest(20)
    void aTaskWokenByTheParentBeforeTheGroupIsCancelledNotAFailure() throws InterruptedException {
        CancellableContext parent = Context.background().withCancel();
        CountDownLatch parentDone = new CountDownLatch(1);
        parent.onDone(parentDone::countDown); // runs before the group's own registration
        TaskGroup group = TaskGroup.open(parent);
        CountDownLatch started = new CountDownLatch(1);
        group.go(() -> {
            started.countDown();
            parentDone.await();
            throw new CancelledException("saw the parent cancelled");
        });
        started.await();
        parent.cancel();
        assertThatThrownBy(group::close).isExactlyInstanceOf(CancelledException.class);
    }

    @Test
    void tasksStartedAfterCancellationDoNotRun() throws InterruptedException {
        TaskGroup group = TaskGroup.open();
        group.cancel(new IOException("stop"));
        AtomicInteger ran = new AtomicInteger();
        TaskHandle<Integer> h = group.go(ran::incrementAndGet);
        assertThatThrownBy(group::await).isInstanceOf(CancelledException.class);
        assertThat(ran).hasValue(0);
        assertThat(h.state()).isEqualTo(TaskHandle.State.CANCELLED);
        assertThat(h.name()).startsWith("spindle-group-"); // a thread that never starts still names it
        assertThat(h.exceptionNow()).isInstanceOf(CancelledException.class);
        assertThatThrownBy(h::join).isInstanceOf(CancelledException.class);
        group.close();
    }

    @Test
    void aTaskThatCancelsItsGroupInterruptsTheOthersNotItself() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Boolean> selfInterrupted = new AtomicReference<>();
        TaskGroup group = TaskGroup.open();
        TaskHandle<String> sibling = group.go(() -> blockUntilInterrupted(started));
        started.await();
        group.go(() -> {
            group.cancel(new IOException("enough"));
            selfInterrupted.set(Thread.currentThread().isInterrupted());
        });
        assertThatThrownBy(group::close).isInstanceOf(CancelledException.class);
        assertThat(selfInterrupted).hasValue(false);
        assertThat(sibling.state()).isEqualTo(TaskHandle.State.CANCELLED);
    }

    @Test
    void groupThatCompletedDespiteCancellationDoesNotThrow() throws InterruptedException {
        TaskGroup group = TaskGroup.open();
        group.go(() -> 1).join();
        group.cancel(null);
        group.await();
        group.close();
    }

    @Test
    void closeWaitsForEveryTaskEvenWhenTheBlockThrows() {
        AtomicInteger ended = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        assertThatThrownBy(() -> {
            try (TaskGroup group = TaskGroup.open()) {
                for (int i = 0; i < 10; i++) {
                    group.go(() -> {
                        awaitUninterruptibly(release);
                        ended.incrementAndGet();
                    });
                }
                Go.go(release::countDown); // what the block "would have done", done elsewhere
                throw new IllegalArgumentException("block failed");
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("block failed");
        assertThat(ended).hasValue(10);
    }

    @Test
    void interruptedCloseCancelsWaitsAndRestoresTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> closeOutcome = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        AtomicReference<TaskHandle<String>> task = new AtomicReference<>();
        Thread closer = Thread.ofVirtual().start(() -> {
            TaskGroup group = TaskGroup.open();
            try {
                task.set(group.go(() -> blockUntilInterrupted(started)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            try {
                group.close();
            } catch (Throwable t) {
                closeOutcome.set(t);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.WAITING);
        closer.interrupt();
        closer.join();
        assertThat(flagAfter.get()).isTrue();
        assertThat(task.get().state()).isEqualTo(TaskHandle.State.CANCELLED);
        assertThat(closeOutcome.get()).isInstanceOf(CancelledException.class);
    }

    @Test
    void goAfterCloseIsRejected() {
        TaskGroup group = TaskGroup.open();
        group.close();
        assertThatThrownBy(() -> group.go(() -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> group.tryGo(() -> 1)).isInstanceOf(IllegalStateException.class);
        assertThat(group.context().isDone()).isTrue();
    }

    @Test
    void tasksMayStartSiblingsWhileTheGroupIsAwaited() throws InterruptedException {
        AtomicInteger leaves = new AtomicInteger();
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> fanOut(group, 4, leaves));
            group.await();
        }
        assertThat(leaves).hasValue(1 << 4);
    }

    private static void fanOut(TaskGroup group, int depth, AtomicInteger leaves) throws InterruptedException {
        if (depth == 0) {
            leaves.incrementAndGet();
            return;
        }
        group.go(() -> fanOut(group, depth - 1, leaves));
        group.go(() -> fanOut(group, depth - 1, leaves));
    }

    @Test
    void limitBoundsConcurrencyAndBlocksGo() throws InterruptedException {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        try (TaskGroup group = TaskGroup.open(Context.background(), 3)) {
            for (int i = 0; i < 200; i++) {
                group.go(() -> {
                    int n = now.incrementAndGet();
                    max.accumulateAndGet(n, Math::max);
                    Thread.yield();
                    now.decrementAndGet();
                });
            }
            group.await();
        }
        assertThat(max.get()).isBetween(1, 3);
    }

    @Test
    void tryGoRefusesAtTheLimitAndAcceptsAfter() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open(Context.background(), 1)) {
            TaskHandle<Void> first = group.tryGo(() -> awaitUninterruptibly(release)).orElseThrow();
            assertThat(group.tryGo(() -> 1)).isEmpty();
            release.countDown();
            first.join();
            Optional<TaskHandle<Integer>> second = group.tryGo(() -> 2);
            assertThat(second).isPresent();
            assertThat(second.get().join()).isEqualTo(2);
        }
    }

    @Test
    void goBlockedAtTheLimitIsInterruptible() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open(Context.background(), 1)) {
            group.go(() -> awaitUninterruptibly(release));
            BlockedCall blocked = BlockedCall.start(() -> group.go(() -> 1));
            blocked.interrupt();
            assertThat(blocked.join()).isInstanceOf(InterruptedException.class);
            release.countDown();
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> TaskGroup.open(Context.background(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be >= 1, was 0");
        assertThatThrownBy(() -> TaskGroup.open(null)).hasMessage("parent");
        try (TaskGroup group = TaskGroup.open()) {
            assertThatThrownBy(() -> group.go((Task) null)).hasMessage("task");
        }
    }

    @Test
    void joinReportsFailureWithTheCause() throws InterruptedException {
        IOException boom = new IOException("boom");
        TaskGroup group = TaskGroup.open();
        TaskHandle<Object> h = group.go(() -> {
            throw boom;
        });
        assertThatThrownBy(h::join).isInstanceOf(TaskFailedException.class).hasCause(boom);
        assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class);
    }

    @Test
    void metricsCountGroupsTasksAndFailures() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TaskGroupMetrics metrics = TaskGroupMetrics.of()) {
            metrics.bindTo(registry);
            assertThat(registry.find("spindle.taskgroup.task.duration").timers())
                    .as("one series per outcome, from the start")
                    .extracting(t -> t.getId().getTag("outcome"))
                    .containsExactlyInAnyOrder("SUCCESS", "FAILED", "CANCELLED");
            try (TaskGroup group = TaskGroup.open()) {
                group.go(() -> 1);
                group.go(() -> 2);
                group.await();
            }
            TaskGroup failing = TaskGroup.open();
            CountDownLatch started = new CountDownLatch(1);
            failing.go(() -> blockUntilInterrupted(started)); // cancelled by the failure below
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            failing.go(() -> {
                throw new IOException("x");
            });
            assertThatThrownBy(failing::close).isInstanceOf(TaskFailedException.class);
            TaskGroup cancelled = TaskGroup.open();
            cancelled.cancel(null);
            cancelled.go(() -> 3); // never runs
            assertThatThrownBy(cancelled::close).isInstanceOf(CancelledException.class);
        }
        // Other tests may run groups concurrently in this JVM: assert lower bounds.
        assertThat(registry.get("spindle.taskgroup.groups").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("spindle.taskgroup.tasks").counter().count()).isGreaterThanOrEqualTo(5);
        assertThat(registry.get("spindle.taskgroup.failures").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("spindle.taskgroup.task.duration").timers().stream().mapToLong(t -> t.count()).sum())
                .isGreaterThanOrEqualTo(5);
        assertThat(registry.get("spindle.taskgroup.task.duration").tag("outcome", "SUCCESS").timer().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(registry.get("spindle.taskgroup.task.duration").tag("outcome", "FAILED").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("spindle.taskgroup.task.duration").tag("outcome", "CANCELLED").timer().count())
                .as("the interrupted sibling and the task that never ran").isGreaterThanOrEqualTo(2);
        long after = (long) registry.get("spindle.taskgroup.groups").counter().count();
        TaskGroup.open().close();
        assertThat(registry.get("spindle.taskgroup.groups").counter().count()).as("closed binder stops recording")
                .isEqualTo(after);
    }
}
