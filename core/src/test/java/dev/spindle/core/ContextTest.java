package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import dev.spindle.core.internal.Scheduler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextTest {
    private static final Context BG = Context.background();

    @Test
    void backgroundIsNeverDone() throws InterruptedException {
        assertThat(BG.isDone()).isFalse();
        assertThat(BG.err()).isNull();
        assertThat(BG.cause()).isNull();
        assertThat(BG.deadline()).isEmpty();
        assertThat(BG.await(Duration.ofMillis(1))).isFalse();
        Context.Registration r = BG.onDone(() -> {
            throw new AssertionError("must never run");
        });
        assertThat(r.remove()).isTrue();
        assertThat(r.remove()).isFalse();
        BG.throwIfDone();
    }

    @Test
    void cancelWithoutCauseGivesCancelledErrAsCause() {
        CancellableContext ctx = BG.withCancel();
        assertThat(ctx.isDone()).isFalse();
        ctx.cancel();
        assertThat(ctx.isDone()).isTrue();
        assertThat(ctx.err()).isExactlyInstanceOf(CancelledException.class).hasMessage("context cancelled");
        assertThat(ctx.cause()).isSameAs(ctx.err());
        assertThat(ctx.err()).isSameAs(ctx.err());
    }

    @Test
    void cancelWithCauseKeepsTheCause() {
        CancellableContext ctx = BG.withCancel();
        IOException boom = new IOException("boom");
        ctx.cancel(boom);
        assertThat(ctx.cause()).isSameAs(boom);
        assertThat(ctx.err()).isExactlyInstanceOf(CancelledException.class).hasCause(boom);
    }

    @Test
    void firstCancellationWins() {
        CancellableContext ctx = BG.withCancel();
        IOException first = new IOException("first");
        ctx.cancel(first);
        ctx.cancel(new IOException("second"));
        ctx.cancel();
        assertThat(ctx.cause()).isSameAs(first);
    }

    @Test
    void parentCancelsChildrenWithItsCauseButNeverTheReverse() {
        CancellableContext parent = BG.withCancel();
        CancellableContext child = parent.withCancel();
        Context valueChild = child.withValue(Context.key("k"), "v");
        CancellableContext grandChild = valueChild.withCancel();
        CancellableContext sibling = parent.withCancel();

        sibling.cancel();
        assertThat(parent.isDone()).isFalse();
        assertThat(child.isDone()).isFalse();

        IllegalStateException cause = new IllegalStateException("shutting down");
        parent.cancel(cause);
        assertThat(child.isDone()).isTrue();
        assertThat(valueChild.isDone()).isTrue();
        assertThat(grandChild.isDone()).isTrue();
        assertThat(grandChild.cause()).isSameAs(cause);
        assertThat(grandChild.err()).isSameAs(parent.err());
    }

    @Test
    void childOfADoneParentIsBornDone() {
        CancellableContext parent = BG.withCancel();
        IOException cause = new IOException("x");
        parent.cancel(cause);
        CancellableContext child = parent.withCancel();
        assertThat(child.isDone()).isTrue();
        assertThat(child.cause()).isSameAs(cause);
        assertThat(((CancelNode) parent).registrations()).isZero();
    }

    @Test
    void timeoutCancelsWithDeadlineExceeded() throws InterruptedException {
        try (CancellableContext ctx = BG.withTimeout(Duration.ofMillis(20))) {
            assertThat(ctx.deadline()).isPresent();
            assertThat(ctx.await(Duration.ofSeconds(10))).isTrue();
            assertThat(ctx.err()).isInstanceOf(DeadlineExceededException.class)
                    .hasMessageStartingWith("context deadline exceeded");
            assertThat(ctx.cause()).isSameAs(ctx.err());
            CancellableContext child = ctx.withCancel();
            assertThat(child.err()).isInstanceOf(DeadlineExceededException.class);
        }
    }

    @Test
    void zeroOrNegativeTimeoutIsDoneAtOnce() {
        assertThat(BG.withTimeout(Duration.ZERO).err()).isInstanceOf(DeadlineExceededException.class);
        assertThat(BG.withTimeout(Duration.ofSeconds(-5)).isDone()).isTrue();
        assertThat(BG.withDeadline(Instant.now().minusSeconds(1)).isDone()).isTrue();
    }

    @Test
    void zeroTimeoutIsDoneAtOnceEvenUnderAParentWhoseDeadlinePassed() throws InterruptedException {
        CancellableContext parent = BG.withDeadline(Instant.now().plusMillis(1));
        while (Instant.now().isBefore(parent.deadline().orElseThrow())) {
            Thread.onSpinWait();
        }
        assertThat(parent.withTimeout(Duration.ZERO).isDone()).isTrue();
        parent.cancel();
    }

    @Test
    void hugeNegativeAwaitReturnsAtOnce() throws InterruptedException {
        assertThat(BG.withCancel().await(Duration.ofSeconds(Long.MIN_VALUE))).isFalse();
        assertThat(BG.await(Duration.ofSeconds(Long.MIN_VALUE))).isFalse();
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        try (CancellableContext ctx = BG.withTimeout(Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(ctx.isDone()).isFalse();
            assertThat(ctx.deadline()).isPresent();
        }
    }

    @Test
    void childInheritsAnEarlierParentDeadline() {
        try (CancellableContext parent = BG.withTimeout(Duration.ofSeconds(5));
             CancellableContext child = parent.withTimeout(Duration.ofHours(1))) {
            assertThat(child.deadline()).isEqualTo(parent.deadline());
        }
        try (CancellableContext parent = BG.withTimeout(Duration.ofHours(1));
             CancellableContext child = parent.withTimeout(Duration.ofSeconds(5))) {
            assertThat(child.deadline().orElseThrow()).isBefore(parent.deadline().orElseThrow());
        }
    }

    @Test
    void valuesAreFoundUpTheChainByKeyIdentity() {
        Context.Key<String> user = Context.key("user");
        Context.Key<String> sameName = Context.key("user");
        Context.Key<Integer> attempt = Context.key("attempt");
        Context ctx = BG.withValue(user, "ann").withCancel().withValue(attempt, 3);
        assertThat(ctx.value(user)).contains("ann");
        assertThat(ctx.value(attempt)).contains(3);
        assertThat(ctx.value(sameName)).isEmpty();
        assertThat(ctx.withValue(user, "bob").value(user)).contains("bob");
        assertThatThrownBy(() -> BG.withValue(user, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("user");
    }

    @Test
    void withoutCancelKeepsValuesButNotCancellation() {
        Context.Key<String> user = Context.key("user");
        CancellableContext parent = BG.withValue(user, "ann").withTimeout(Duration.ofHours(1));
        Context detached = parent.withoutCancel();
        parent.cancel();
        assertThat(detached.isDone()).isFalse();
        assertThat(detached.deadline()).isEmpty();
        assertThat(detached.value(user)).contains("ann");
    }

    @Test
    void onDoneRunsOnceInRegistrationOrderAndRemovedOnesNever() {
        CancellableContext ctx = BG.withCancel();
        List<String> ran = new ArrayList<>();
        ctx.onDone(() -> ran.add("a"));
        Context.Registration b = ctx.onDone(() -> ran.add("b"));
        ctx.onDone(() -> ran.add("c"));
        assertThat(b.remove()).isTrue();
        assertThat(b.remove()).isFalse();
        ctx.cancel();
        ctx.cancel();
        assertThat(ran).containsExactly("a", "c");
        Context.Registration late = ctx.onDone(() -> ran.add("late"));
        assertThat(ran).containsExactly("a", "c", "late");
        assertThat(late.remove()).isFalse();
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthers() {
        CancellableContext ctx = BG.withCancel();
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.set(e));
        try {
            ctx.onDone(() -> {
                throw new IllegalStateException("bad callback");
            });
            ctx.onDone(ran::incrementAndGet);
            ctx.cancel();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }
        assertThat(ran).hasValue(1);
        assertThat(reported.get()).hasMessage("bad callback");
    }

    @Test
    void afterFuncRunsOnAVirtualThreadAndCanBeStopped() throws InterruptedException {
        CancellableContext ctx = BG.withCancel();
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> where = new AtomicReference<>();
        ctx.afterFunc(() -> {
            where.set(Thread.currentThread());
            ran.countDown();
        });
        Context.Registration stopped = ctx.afterFunc(() -> {
            throw new AssertionError("stopped, must not run");
        });
        assertThat(stopped.remove()).isTrue();
        ctx.cancel();
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(where.get().isVirtual()).isTrue();
    }

    @Test
    void awaitWakesOnCancel() throws Exception {
        CancellableContext ctx = BG.withCancel();
        BlockedCall waiter = BlockedCall.start(ctx::await);
        assertThat(((CancelNode) ctx).registrations()).isEqualTo(1);
        ctx.cancel();
        assertThat(waiter.join()).isNull();
    }

    @Test
    void awaitIsInterruptibleAndUnregisters() throws Exception {
        CancellableContext ctx = BG.withCancel();
        BlockedCall waiter = BlockedCall.start(ctx::await);
        waiter.interrupt();
        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(((CancelNode) ctx).registrations()).isZero();
        assertThat(ctx.isDone()).isFalse();
    }

    @Test
    void timedAwaitTimesOutAndUnregisters() throws InterruptedException {
        CancellableContext ctx = BG.withCancel();
        assertThat(ctx.await(Duration.ofMillis(5))).isFalse();
        assertThat(((CancelNode) ctx).registrations()).isZero();
    }

    @Test
    void throwIfDoneThrowsAFreshExceptionOfTheRightKindWithTheCause() {
        CancellableContext ctx = BG.withCancel();
        IOException cause = new IOException("db down");
        ctx.cancel(cause);
        assertThatThrownBy(ctx::throwIfDone)
                .isExactlyInstanceOf(CancelledException.class)
                .isNotSameAs(ctx.err())
                .hasCause(cause);
        CancellableContext timedOut = BG.withTimeout(Duration.ZERO);
        assertThatThrownBy(timedOut::throwIfDone).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void aLongLivedParentDoesNotKeepAMillionCancelledChildren() {
        CancellableContext parent = BG.withCancel();
        CancelNode node = (CancelNode) parent;
        for (int i = 0; i < 1_000_000; i++) {
            try (CancellableContext child = parent.withCancel()) {
                child.withValue(Context.key("k"), i).withCancel().cancel();
            }
        }
        assertThat(node.registrations()).isZero();
        parent.cancel();
    }

    @Test
    void cancelledTimeoutsLeaveNoTimerBehind() {
        int before = Scheduler.pending();
        CancellableContext parent = BG.withCancel();
        for (int i = 0; i < 100_000; i++) {
            parent.withTimeout(Duration.ofHours(1)).cancel();
        }
        assertThat(Scheduler.pending()).isLessThanOrEqualTo(before);
        assertThat(((CancelNode) parent).registrations()).isZero();
    }

    @Test
    void parentCancellationReleasesChildrenTimers() {
        int before = Scheduler.pending();
        CancellableContext parent = BG.withCancel();
        for (int i = 0; i < 1_000; i++) {
            parent.withTimeout(Duration.ofHours(1));
        }
        assertThat(Scheduler.pending()).isGreaterThanOrEqualTo(before + 1_000);
        parent.cancel();
        assertThat(Scheduler.pending()).isLessThanOrEqualTo(before);
    }

    @Test
    void aUserImplementedContextCanBeAParent() {
        CancellableContext real = BG.withCancel();
        Context custom = new Context() {
            @Override public boolean isDone() { return real.isDone(); }
            @Override public CancelledException err() { return real.err(); }
            @Override public Throwable cause() { return real.cause(); }
            @Override public java.util.Optional<Instant> deadline() { return real.deadline(); }
            @Override public <T> java.util.Optional<T> value(Key<T> key) { return real.value(key); }
            @Override public Registration onDone(Runnable callback) { return real.onDone(callback); }
        };
        CancellableContext child = custom.withCancel();
        real.cancel();
        assertThat(child.isDone()).isTrue();
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> BG.withTimeout(null)).hasMessage("timeout");
        assertThatThrownBy(() -> BG.withDeadline(null)).hasMessage("deadline");
        assertThatThrownBy(() -> BG.onDone(null)).hasMessage("callback");
        assertThatThrownBy(() -> BG.withCancel().onDone(null)).hasMessage("callback");
        assertThatThrownBy(() -> Context.key(null)).hasMessage("name");
    }
}
