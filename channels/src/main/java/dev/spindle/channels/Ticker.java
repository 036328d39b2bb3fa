package dev.spindle.channels;

import dev.spindle.core.internal.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers the time on a channel every period: Go's {@code time.Ticker}. Made by
 * {@link Timers#tick(Duration)}.
 *
 * <p>Its channel has capacity 1: a slow receiver misses ticks rather than queueing them (Go's
 * behaviour). Ticks are scheduled at start + k &times; period, so they do not drift. It runs on
 * Spindle's one shared timer thread. Call {@link #stop()} (or close it) when done; a running ticker
 * keeps a timer entry alive.
 */
public final class Ticker implements AutoCloseable {
    private final Channel<Instant> channel = Channel.buffered(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the next tick, or {@code null} once stopped. */
    private ScheduledFuture<?> pending;
    /** Guarded by {@link #lock}: bumped by stop and reset so a tick already running is ignored. */
    private long generation;
    private long periodNanos;
    private long nextTick;

    Ticker(Duration period) {
        reset(period);
    }

    /**
     * The channel on which ticks arrive.
     *
     * @return the receive side of the ticker's channel
     */
    public ReceiveChannel<Instant> channel() {
        return channel;
    }

    /**
     * Stops the ticker; no tick arrives after this returns (a tick not yet received is discarded).
     * The channel is not closed, as in Go.
     */
    public void stop() {
        lock.lock();
        try {
            cancelPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restarts the ticker with a new period, counted from now.
     *
     * @param period the new period, positive
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public void reset(Duration period) {
        Objects.requireNonNull(period, "reset: period is null");
        long nanos = Timer.nanos(period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("ticker period must be positive, got " + period);
        }
        lock.lock();
        try {
            cancelPending();
            periodNanos = nanos;
            nextTick = System.nanoTime() + nanos;
            schedule(generation);
        } finally {
            lock.unlock();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void cancelPending() {
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        channel.tryReceive();
    }

    private void schedule(long mine) {
        pending = Scheduler.schedule(nextTick - System.nanoTime(), () -> tick(mine));
    }

    private void tick(long expected) {
        lock.lock();
        try {
            if (generation != expected) {
                return;
            }
            channel.trySend(Instant.now()); // dropped if the last tick was not received yet
            long now = System.nanoTime();
            do {
                nextTick += periodNanos; // skip ticks we are already late for
            } while (nextTick - now <= 0);
            schedule(expected);
        } finally {
            lock.unlock();
        }
    }
}
