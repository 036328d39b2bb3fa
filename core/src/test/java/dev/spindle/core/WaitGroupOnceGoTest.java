package dev.spindle.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitGroupOnceGoTest {

    @Test
    void waitGroupWaitsForAllWork() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            wg.go(done::incrementAndGet);
        }
        wg.await();
        assertThat(done).hasValue(1000);
        assertThat(wg.count()).isZero();
    }

    @Test
    void waitGroupRejectsANegativeCounterAndKeepsItsState() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        assertThatThrownBy(() -> wg.add(-2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative");
        assertThat(wg.count()).isEqualTo(1);
        wg.done();
        assertThatThrownBy(wg::done).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitGroupTimedAwait() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        assertThat(wg.await(Duration.ofMillis(5))).isFalse();
        wg.done();
        assertThat(wg.await(Duration.ofMillis(5))).isTrue();
    }

    @Test
    void waitGroupAwaitWakesOnContextCancellation() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        CancellableContext ctx = Context.background().withCancel();
        BlockedCall waiter = BlockedCall.start(() -> wg.await(ctx));
        ctx.cancel(new IllegalStateException("shutdown"));
        assertThat(waiter.join()).isInstanceOf(CancelledException.class).hasMessageContaining("cancelled")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitGroupAwaitIsInterruptible() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        BlockedCall waiter = BlockedCall.start(wg::await);
        waiter.interrupt();
        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void onceRunsExactlyOnceUnderContention() throws InterruptedException {
        Once once = new Once();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WaitGroup wg = new WaitGroup();
        wg.go(() -> once.run(() -> {
            runs.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger returnedEarly = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            wg.go(() -> {
                once.run(runs::incrementAndGet);
                if (runs.get() != 1 || !once.isDone()) {
                    returnedEarly.incrementAndGet();
                }
            });
        }
        release.countDown();
        wg.await();
        assertThat(runs).hasValue(1);
        assertThat(returnedEarly).as("callers return only after the action finished").hasValue(0);
    }

    @Test
    void onceCountsAThrowingActionAsDone() {
        Once once = new Once();
        assertThatThrownBy(() -> once.run(() -> {
            throw new IllegalStateException("init failed");
        })).hasMessage("init failed");
        AtomicInteger runs = new AtomicInteger();
        once.run(runs::incrementAndGet);
        assertThat(runs).hasValue(0);
        assertThat(once.isDone()).isTrue();
    }

    @Test
    void onceRejectsRecursion() {
        Once once = new Once();
        assertThatThrownBy(() -> once.run(() -> once.run(() -> { })))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recursive");
    }

    @Test
    void onceValueMemoizesValueAndFailure() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Integer> v = Once.value(calls::incrementAndGet);
        assertThat(v.get()).isEqualTo(1);
        assertThat(v.get()).isEqualTo(1);
        Supplier<String> bad = Once.value(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("no config");
        });
        assertThatThrownBy(bad::get).hasMessage("no config");
        assertThatThrownBy(bad::get).hasMessage("no config");
        assertThat(calls).hasValue(2);
    }

    @Test
    void onceValueMemoizesErrorsToo() {
        Supplier<String> broken = Once.value(() -> {
            throw new AssertionError("broken invariant");
        });
        assertThatThrownBy(broken::get).isInstanceOf(AssertionError.class);
        assertThatThrownBy(broken::get).isInstanceOf(AssertionError.class).hasMessage("broken invariant");
    }

    @Test
    void goRunsOnANamedVirtualThreadAndReportsFailures() throws InterruptedException {
        AtomicReference<Thread> self = new AtomicReference<>();
        Thread t = Go.go(() -> self.set(Thread.currentThread()));
        t.join();
        assertThat(self.get()).isSameAs(t);
        assertThat(t.isVirtual()).isTrue();
        assertThat(t.getName()).startsWith("spindle-go-");
        assertThat(Go.go("worker-1", () -> { }).getName()).isEqualTo("worker-1");

        AtomicReference<Throwable> reported = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((th, e) -> reported.set(e));
        try {
            Go.go(() -> {
                throw new java.io.IOException("lost connection");
            }).join();
            Go.go(() -> {
                throw new InterruptedException("asked to stop");
            }).join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(reported.get()).isInstanceOf(java.io.IOException.class).hasMessage("lost connection");
    }
}
