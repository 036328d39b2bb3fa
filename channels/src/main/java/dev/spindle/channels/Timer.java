package dev.spindle.channels;

import dev.spindle.channels.internal.TimerSlot;
import dev.spindle.core.internal.Contexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-shot timer whose expiry is delivered on a channel: Go's {@code time.Timer}, with Go 1.23's
 * semantics (after {@link #stop()} or {@link #reset(Duration)} returns, no stale expiry is received).
 *
 * <p>The timer runs on Spindle's one shared timer thread; no thread is started per timer. Its
 * channel has capacity 1 and receives the {@link Instant} of expiry. Made by
 * {@link Timers#timer(Duration)}.
 *
 * @since 0.1.0
 */
public final class Timer implements AutoCloseable {
    private final TimerSlot slot = new TimerSlot();

    Timer(Duration delay) {
        reset(delay);
    }

    /**
     * The channel on which the expiry time arrives, once per start or reset.
     *
     * @return the receive side of the timer's channel
     */
    public ReceiveChannel<Instant> channel() {
        return slot.channel();
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
        return slot.cancel();
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
        return slot.restart(Contexts.saturatedNanos(delay), () -> {
            slot.offerNow();
            return -1; // one shot
        });
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
