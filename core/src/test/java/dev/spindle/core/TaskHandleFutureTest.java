package dev.spindle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link TaskHandle#toCompletableFuture()}: every {@link Future} method in every state of a task. */
class TaskHandleFutureTest {

    /** Blocks until interrupted, then rethrows. */
    private static String blockUntilInterrupted(CountDownLatch started) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable");
    }

    @Test
    void succeededTask() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<Integer> h = group.go(() -> 42);
            Future<Integer> f = h.toCompletableFuture();
            group.await();
            assertThat(f.isDone()).isTrue();
            assertThat(f.isCancelled()).isFalse();
            assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(f.get()).isEqualTo(42);
            assertThat(f.get(1, TimeUnit.NANOSECONDS)).isEqualTo(42);
            assertThat(f.resultNow()).isEqualTo(42);
            assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
            assertThat(f.cancel(true)).as("too late to cancel").isFalse();
            assertThat(f.isCancelled()).isFalse();
            assertThat(h.toCompletableFuture().join()).isEqualTo(42);
        }
    }

    @Test
    void voidTaskSucceedsWithNull() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            CompletableFuture<Void> f = group.go(() -> { }).toCompletableFuture();
            assertThat(f.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
        }
    }

    @Test
    void failedTask() throws Exception {
        IOException boom = new IOException("boom");
        TaskGroup group = TaskGroup.open();
        TaskHandle<Integer> h = group.go(() -> {
            throw boom;
        });
        CompletableFuture<Integer> f = h.toCompletableFuture();
        assertThatThrownBy(group::await).isInstanceOf(TaskFailedException.class).hasCause(boom);
        group.close();
        assertThat(f.isDone()).isTrue();
        assertThat(f.isCancelled()).isFalse();
        assertThat(f.isCompletedExceptionally()).isTrue();
        assertThat(f.state()).isEqualTo(Future.State.FAILED);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(boom);
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
        assertThat(f.exceptionNow()).isSameAs(boom);
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThat(f.cancel(false)).isFalse();
        // the handle's own methods keep their meaning
        assertThat(h.state()).isEqualTo(TaskHandle.State.FAILED);
        assertThat(h.exceptionNow()).isSameAs(boom);
    }

    @Test
    void taskThatThrowsCancellationExceptionFailedAndItsFutureSaysSo() throws Exception {
        CancellationException thrown = new CancellationException("from some other future");
        TaskGroup group = TaskGroup.open();
        TaskHandle<Integer> h = group.go(() -> {
            throw thrown;
        });
        CompletableFuture<Integer> f = h.toCompletableFuture();
        assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class);
        assertThat(h.state()).isEqualTo(TaskHandle.State.FAILED);
        assertThat(f.isCancelled()).isFalse();
        assertThat(f.state()).isEqualTo(Future.State.FAILED);
        assertThat(f.exceptionNow()).isSameAs(thrown);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(thrown);
    }

    @Test
    void taskCancelledWithItsGroup() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TaskGroup group = TaskGroup.open();
        TaskHandle<String> h = group.go(() -> blockUntilInterrupted(started));
        CompletableFuture<String> f = h.toCompletableFuture();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        group.cancel(new CancelledException("stop"));
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(InterruptedException.class));
        assertThat(f.isDone()).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThat(f.state()).isEqualTo(Future.State.CANCELLED);
        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::exceptionNow).as("Future's contract: no exception for a cancelled task")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(group::close).isInstanceOf(CancelledException.class);
        assertThat(h.state()).isEqualTo(TaskHandle.State.CANCELLED);
        assertThat(h.exceptionNow()).as("the handle still gives what it threw")
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void taskRefusedByACancelledGroupHasACancelledFuture() throws Exception {
        TaskGroup group = TaskGroup.open();
        group.cancel(null);
        TaskHandle<Integer> h = group.go(() -> 1);
        CompletableFuture<Integer> f = h.toCompletableFuture();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(CancelledException.class));
        assertThat(f.state()).isEqualTo(Future.State.CANCELLED);
        assertThatThrownBy(group::close).isInstanceOf(CancelledException.class);
    }

    @Test
    void stillRunningTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<String> h = group.go(() -> {
                release.await();
                return "done";
            });
            CompletableFuture<String> f = h.toCompletableFuture();
            assertThat(f.isDone()).isFalse();
            assertThat(f.isCancelled()).isFalse();
            assertThat(f.state()).isEqualTo(Future.State.RUNNING);
            assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> f.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(h.state()).as("a timed-out get leaves the task alone").isEqualTo(TaskHandle.State.RUNNING);
            release.countDown();
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
        }
    }

    @Test
    void cancellingTheFutureCancelsNeitherTheTaskNorTheGroup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<String> h = group.go(() -> {
                release.await();
                return "done";
            });
            TaskHandle<String> sibling = group.go(() -> {
                release.await();
                return "sibling";
            });
            CompletableFuture<String> cancelled = h.toCompletableFuture();
            CompletableFuture<String> other = h.toCompletableFuture();
            assertThat(cancelled.cancel(true)).isTrue();
            assertThat(cancelled.isCancelled()).isTrue();
            assertThat(cancelled.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(group.context().isDone()).isFalse();
            assertThat(h.state()).isEqualTo(TaskHandle.State.RUNNING);
            assertThat(other.isDone()).as("each call gets a future of its own").isFalse();
            release.countDown();
            group.await();
            assertThat(h.resultNow()).isEqualTo("done");
            assertThat(sibling.resultNow()).isEqualTo("sibling");
            assertThat(other.resultNow()).isEqualTo("done");
            assertThat(cancelled.isCancelled()).as("its cancellation stands").isTrue();
        }
    }

    @Test
    void completingOneFutureDoesNotReachAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<String> h = group.go(() -> {
                release.await();
                return "real";
            });
            CompletableFuture<String> tampered = h.toCompletableFuture();
            CompletableFuture<String> other = h.toCompletableFuture();
            tampered.complete("fake");
            release.countDown();
            assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("real");
            assertThat(tampered.join()).isEqualTo("fake");
        }
    }

    @Test
    void everyFutureIsDoneWhenAwaitReturnsAndDependentsRanAsPartOfTheTask() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        List<CompletableFuture<String>> dependents = new ArrayList<>();
        AtomicReference<Thread> dependentThread = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open()) {
            List<TaskHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                handles.add(group.go(() -> {
                    release.await();
                    return n;
                }));
            }
            for (TaskHandle<Integer> h : handles) {
                CompletableFuture<Integer> f = h.toCompletableFuture();
                futures.add(f);
                dependents.add(f.thenApply(n -> {
                    dependentThread.set(Thread.currentThread());
                    return "#" + n;
                }));
            }
            release.countDown();
            group.await();
            assertThat(futures).allMatch(CompletableFuture::isDone);
            assertThat(dependents).allMatch(CompletableFuture::isDone);
            assertThat(dependents.get(7).resultNow()).isEqualTo("#7");
            assertThat(dependentThread.get().getName()).startsWith("spindle-group-");
        }
    }

    @Test
    void composesWithCompletableFutureApis() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            CompletableFuture<Integer> a = group.go(() -> 20).toCompletableFuture();
            CompletableFuture<Integer> b = group.go(() -> 22).toCompletableFuture();
            assertThat(a.thenCombine(b, Integer::sum).get(10, TimeUnit.SECONDS)).isEqualTo(42);
            CompletableFuture<Void> all = CompletableFuture.allOf(a, b);
            assertThat(all.get(10, TimeUnit.SECONDS)).isNull();
            // An API that takes plain Futures, as ExecutorService.invokeAll's callers do.
            assertThat(sum(List.of(a, b))).isEqualTo(42);
        }
    }

    @Test
    void aFailedFutureFailsAllOf() throws Exception {
        IOException boom = new IOException("boom");
        TaskGroup group = TaskGroup.open();
        CompletableFuture<Integer> ok = group.go(() -> 1).toCompletableFuture();
        CompletableFuture<Integer> bad = group.<Integer>go(() -> {
            throw boom;
        }).toCompletableFuture();
        assertThatThrownBy(() -> CompletableFuture.allOf(ok, bad).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class);
    }

    /** The cause chain of {@code e}, without {@code e}: some JDKs wrap a stored cancellation in get(). */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static int sum(List<? extends Future<Integer>> futures) throws Exception {
        int s = 0;
        for (Future<Integer> f : futures) {
            s += f.get(10, TimeUnit.SECONDS);
        }
        return s;
    }

    /** The race the handle's two-thread completion protocol is for: asking as the task ends. */
    @RepeatedTest(20)
    void aFutureAskedForWhileTheTaskEndsStillCompletes() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            List<TaskHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                handles.add(group.go(() -> n));
            }
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (TaskHandle<Integer> h : handles) {
                futures.add(h.toCompletableFuture());
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
    }

    @Test
    void aFutureOfATaskThatEndedLongAgoIsAlreadyDone() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            TaskHandle<Integer> h = group.go(() -> 7);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.state() != TaskHandle.State.RUNNING);
            h.join();
            CompletableFuture<Integer> f = h.toCompletableFuture();
            assertThat(f.isDone()).isTrue();
            assertThat(f.resultNow()).isEqualTo(7);
        }
    }
}
