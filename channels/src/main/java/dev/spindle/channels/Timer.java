package dev.spindle.channels;

import dev.spindle.core.internal.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-shot timer whose expiry is delivered on a channel: Go's {@code time.Timer}, with Go 1.23's
 * semantics (after {@link #stop()} or {@link #reset(Duration)} returns, no stale expiry is received).
 *
 * <p>The timer runs on Spindle's one shared timer thread; no thread is started per timer. Its
 * channel has capacity 1 and receives the {@link Instant} of expiry. Made by
 * {@link Timers#timer(Duration)}.
 */
public final class Timer implements AutoCloseable {
    private final Channel<Instant> channel = Channel.buffered(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the pending expiry, or {@code null} if stopped or fired. */
    private ScheduledFuture<?> pending;
    /** Guarded by {@link #lock}: bumped by stop and reset so an expiry already running is ignored. */
    private long generation;

    Timer(Duration delay) {
        reset(delay);
    }

    /**
     * The channel on which the expiry time arrives, once per start or reset.
     *
     * @return the receive side of the timer's channel
     */
    public ReceiveChannel<Instant> channel() {
        return channel;
    }

    /**
     * Stops the timer. After this returns, nothing more arrives on the channel until a reset, and an
     * expiry not yet received is discarded.
     *
     * @return {@code true} if this call stopped the timer: it had not fired, or its expiry had not
     *     been received yet (and is now discarded), as in Go 1.23; {@code false} if it had been
     *     stopped or its expiry received. So Go's {@code if (!t.stop()) <-t.C} idiom never hangs.
     */
    public boolean stop() {
        lock.lock();
        try {
            return cancelPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restarts the timer to fire after {@code delay}, discarding an expiry not yet received.
     *
     * @param delay the new delay; zero or negative fires at once
     * @return {@code true} if the timer was pending before this call (not fired, or fired but not
     *     received), as {@link #stop()} reports
     */
    public boolean reset(Duration delay) {
        Objects.requireNonNull(delay, "reset: delay is null");
        lock.lock();
        try {
            boolean wasPending = cancelPending();
            long mine = generation;
            pending = Scheduler.schedule(nanos(delay), () -> fire(mine));
            return wasPending;
        } finally {
            lock.unlock();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Cancels the expiry and discards an unreceived one; returns whether either existed. */
    private boolean cancelPending() {
        generation++;
        boolean wasPending = pending != null;
        if (wasPending) {
            pending.cancel(false);
            pending = null;
        }
        boolean drained = channel.tryReceive().isPresent(); // Go 1.23: no stale value after stop/reset
        return wasPending || drained;
    }

    private void fire(long expected) {
        lock.lock();
        try {
            if (generation == expected) {
                pending = null;
                channel.trySend(Instant.now());
            }
        } finally {
            lock.unlock();
        }
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
