package dev.spindle.core.internal;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskDump;
import dev.spindle.core.DeadlineExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Factories and blocking waits behind {@link Context}'s static and default methods. */
public final class Contexts {
    private Contexts() {
    }

    /**
     * The root context.
     *
     * @return the background context
     */
    public static Context background() {
        return BackgroundContext.INSTANCE;
    }

    /**
     * See {@link Context#withCancel()}.
     *
     * @param parent the parent
     * @return a cancellable child
     */
    public static CancellableContext withCancel(Context parent) {
        Objects.requireNonNull(parent, "parent");
        return CancelNode.create(parent, null, 0);
    }

    /**
     * See {@link Context#withTimeout(Duration)}.
     *
     * @param parent the parent
     * @param timeout time until the deadline
     * @return a cancellable child
     */
    public static CancellableContext withTimeout(Context parent, Duration timeout) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(timeout, "timeout");
        long nanos = saturatedNanos(timeout);
        Instant deadline = saturatedPlus(Instant.now(), timeout);
        return withDeadline(parent, deadline, nanos);
    }

    /**
     * See {@link Context#withDeadline(Instant)}.
     *
     * @param parent the parent
     * @param deadline when to cancel
     * @return a cancellable child
     */
    public static CancellableContext withDeadline(Context parent, Instant deadline) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(deadline, "deadline");
        return withDeadline(parent, deadline, saturatedNanos(Duration.between(Instant.now(), deadline)));
    }

    private static CancellableContext withDeadline(Context parent, Instant deadline, long delayNanos) {
        Optional<Instant> inherited = parent.deadline();
        if (delayNanos > 0 && inherited.isPresent() && !inherited.get().isAfter(deadline)) {
            return CancelNode.create(parent, null, 0); // the parent's deadline comes first
        }
        return CancelNode.create(parent, deadline, delayNanos);
    }

    /**
     * See {@link Context#withValue(Context.Key, Object)}.
     *
     * @param parent the parent
     * @param key the key
     * @param value the value
     * @param <T> the value type
     * @return a child carrying the value
     */
    public static <T> Context withValue(Context parent, Context.Key<T> key, T value) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value for " + key);
        return new ValueContext(parent, key, value);
    }

    /**
     * See {@link Context#withoutCancel()}.
     *
     * @param parent the parent
     * @return a detached child
     */
    public static Context withoutCancel(Context parent) {
        Objects.requireNonNull(parent, "parent");
        return new DetachedContext(parent);
    }

    /**
     * A new exception to throw from a call that observed {@code ctx} done: of the kind of
     * {@code ctx.err()}, with the caller's stack trace and the context's custom cause, if any.
     *
     * @param ctx a done context
     * @return the exception to throw
     */
    public static CancelledException cancelledException(Context ctx) {
        CancelledException err = ctx.err();
        Throwable cause = ctx.cause();
        Throwable custom = cause == err ? null : cause;
        String message = err == null ? "context cancelled" : err.getMessage();
        return err instanceof DeadlineExceededException
                ? new DeadlineExceededException(message, custom)
                : new CancelledException(message, custom);
    }

    /**
     * Parks until {@code ctx} is done.
     *
     * @param ctx the context
     * @throws InterruptedException if interrupted first
     */
    public static void await(Context ctx) throws InterruptedException {
        if (ctx.isDone()) {
            return;
        }
        Thread waiter = Thread.currentThread();
        Context.Registration wake = ctx.onDone(() -> LockSupport.unpark(waiter));
        ContextWait wait = new ContextWait(ctx, ctx.deadline().isPresent());
        Waits.begin(wait);
        try {
            while (!ctx.isDone()) {
                LockSupport.park(ctx);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for " + ctx);
                }
            }
        } finally {
            Waits.end(wait);
            wake.remove();
        }
    }

    /**
     * Parks until {@code ctx} is done or {@code timeout} elapses.
     *
     * @param ctx the context
     * @param timeout the longest wait
     * @return whether {@code ctx} is done
     * @throws InterruptedException if interrupted first
     */
    public static boolean await(Context ctx, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = saturatedNanos(timeout);
        if (ctx.isDone() || nanos <= 0) {
            return ctx.isDone();
        }
        long deadline = System.nanoTime() + nanos;
        Thread waiter = Thread.currentThread();
        Context.Registration wake = ctx.onDone(() -> LockSupport.unpark(waiter));
        ContextWait wait = new ContextWait(ctx, true);
        Waits.begin(wait);
        try {
            while (!ctx.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(ctx, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for " + ctx);
                }
            }
            return true;
        } finally {
            Waits.end(wait);
            wake.remove();
        }
    }

    /** {@code Context.await}, as the diagnostics see it. */
    private static final class ContextWait extends Wait {
        private final Context ctx;
        private final boolean timed;

        ContextWait(Context ctx, boolean timed) {
            this.ctx = ctx;
            this.timed = timed;
        }

        @Override
        public TaskDump.WaitsOn describe() {
            return new TaskDump.WaitsOn.ContextWait(ctx.toString());
        }

        @Override
        public boolean settled() {
            return ctx.isDone();
        }

        @Override
        public boolean endsByItself() {
            return timed;
        }
    }

    /**
     * {@code d} in nanoseconds, clamped to {@code long}'s range.
     *
     * @param d a duration
     * @return nanoseconds
     */
    public static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Instant saturatedPlus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException overflow) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }
}
