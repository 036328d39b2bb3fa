package dev.spindle.channels.internal;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.core.internal.Scheduler;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The machinery shared by {@code Timer} and {@code Ticker}: a capacity-1 channel of times, and at
 * most one pending entry on Spindle's shared timer thread.
 *
 * <p>Invariant: {@link #generation} is bumped, under {@link #lock}, by every cancel and restart; an
 * expiry runs its action only if the generation it was scheduled under is still current (checked
 * under the same lock). So once {@link #cancel()} returns, no expiry scheduled before it can send,
 * and the unreceived value it drained (Go 1.23's semantics) cannot come back.
 */
public final class TimerSlot {
    private final Channel<Instant> channel = Channel.buffered(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the next expiry, or {@code null} if none is scheduled. */
    private ScheduledFuture<?> pending;
    /** Guarded by {@link #lock}: bumped by cancel and restart so an expiry already running is ignored. */
    private long generation;

    /**
     * The channel the expiries arrive on.
     *
     * @return its receive side
     */
    public ReceiveChannel<Instant> channel() {
        return channel;
    }

    /**
     * Sends the current time unless an unreceived one is waiting (a slow receiver misses it).
     * Called by an expiry action, under the lock.
     */
    public void offerNow() {
        channel.trySend(Instant.now());
    }

    /**
     * Cancels the pending expiry and discards an unreceived one.
     *
     * @return whether either existed
     */
    public boolean cancel() {
        lock.lock();
        try {
            return cancelLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels like {@link #cancel()}, then schedules {@code onExpiry} after {@code delayNanos}. The
     * action runs on the timer thread under the lock, only if no cancel or restart came since; it
     * returns the delay to the next expiry, or a negative number for none.
     *
     * @param delayNanos the delay; zero or negative runs it at once
     * @param onExpiry what an expiry does, returning the next delay or a negative number
     * @return what {@link #cancel()} would have returned
     */
    public boolean restart(long delayNanos, LongSupplier onExpiry) {
        lock.lock();
        try {
            boolean wasPending = cancelLocked();
            schedule(delayNanos, generation, onExpiry);
            return wasPending;
        } finally {
            lock.unlock();
        }
    }

    private boolean cancelLocked() {
        generation++;
        boolean wasPending = pending != null;
        if (wasPending) {
            pending.cancel(false);
            pending = null;
        }
        boolean drained = channel.tryReceive().isPresent();
        return wasPending || drained;
    }

    private void schedule(long delayNanos, long mine, LongSupplier onExpiry) {
        pending = Scheduler.schedule(delayNanos, () -> expire(mine, onExpiry));
    }

    private void expire(long expected, LongSupplier onExpiry) {
        lock.lock();
        try {
            if (generation != expected) {
                return;
            }
            pending = null;
            long next = onExpiry.getAsLong();
            if (next >= 0) {
                schedule(next, expected, onExpiry);
            }
        } finally {
            lock.unlock();
        }
    }
}
