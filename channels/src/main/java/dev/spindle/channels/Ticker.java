package dev.spindle.channels;

import dev.spindle.channels.internal.TimerSlot;
import dev.spindle.core.internal.Contexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Delivers the time on a channel every period: Go's {@code time.Ticker}. Made by
 * {@link Timers#tick(Duration)}.
 *
 * <p>Its channel has capacity 1: a slow receiver misses ticks rather than queueing them (Go's
 * behaviour). Ticks are scheduled at start + k &times; period, so they do not drift. It runs on
 * Spindle's one shared timer thread. Call {@link #stop()} (or close it) when done; a running ticker
 * keeps a timer entry alive.
 *
 * @since 0.1.0
 */
public final class Ticker implements AutoCloseable {
    private final TimerSlot slot = new TimerSlot();

    Ticker(Duration period) {
        reset(period);
    }

    /**
     * The channel on which ticks arrive.
     *
     * @return the receive side of the ticker's channel
     */
    public ReceiveChannel<Instant> channel() {
        return slot.channel();
    }

    /**
     * Stops the ticker; no tick arrives after this returns (a tick not yet received is discarded).
     * The channel is not closed, as in Go.
     */
    public void stop() {
        slot.cancel();
    }

    /**
     * Restarts the ticker with a new period, counted from now.
     *
     * @param period the new period, positive
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public void reset(Duration period) {
        Objects.requireNonNull(period, "reset: period is null");
        long periodNanos = Contexts.saturatedNanos(period);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("ticker period must be positive, got " + period);
        }
        long[] nextTick = {System.nanoTime() + periodNanos}; // touched only by this run's expiries
        slot.restart(periodNanos, () -> {
            slot.offerNow();
            long now = System.nanoTime();
            do {
                nextTick[0] += periodNanos; // skip ticks we are already late for
            } while (nextTick[0] - now <= 0);
            return nextTick[0] - now;
        });
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
