package dev.spindle.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Timers as channels, Go's {@code time.After}, {@code time.NewTimer} and {@code time.NewTicker}, all
 * on Spindle's one shared timer thread (no thread per timer).
 *
 * <pre>{@code
 * try (Ticker ticker = Timers.tick(Duration.ofSeconds(1))) {
 *     while (true) {
 *         String r = Select.select(
 *                 jobs.onReceive(j -> run(j)),
 *                 ticker.channel().onReceive(t -> "tick at " + t));
 *     }
 * }
 * }</pre>
 *
 * <p>Inside a {@link Select}, prefer {@link Select#onTimeout}: it needs no timer at all.
 *
 * @since 0.1.0
 */
public final class Timers {
    private Timers() {
    }

    /**
     * A channel that receives the current time once, after {@code delay}: Go's {@code time.After}.
     * The timer cannot be stopped; use {@link #timer(Duration)} for that.
     *
     * @param delay the delay; zero or negative fires at once
     * @return the receive side of a capacity-1 channel
     */
    public static ReceiveChannel<Instant> after(Duration delay) {
        Objects.requireNonNull(delay, "after: delay is null");
        return timer(delay).channel();
    }

    /**
     * A started one-shot {@link Timer}: Go's {@code time.NewTimer}.
     *
     * @param delay the delay; zero or negative fires at once
     * @return the timer
     */
    public static Timer timer(Duration delay) {
        Objects.requireNonNull(delay, "timer: delay is null");
        return new Timer(delay);
    }

    /**
     * A started {@link Ticker}: Go's {@code time.NewTicker}. Stop it when done.
     *
     * @param period the period, positive
     * @return the ticker
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public static Ticker tick(Duration period) {
        Objects.requireNonNull(period, "tick: period is null");
        return new Ticker(period);
    }
}
