package dev.spindle.channels;

/**
 * The outcome of a {@code receiveOrClosed} call: a {@link Value} or {@link Closed}.
 *
 * <pre>{@code
 * switch (ch.receiveOrClosed()) {
 *     case ReceiveResult.Value<String>(var v) -> handle(v);
 *     case ReceiveResult.Closed<String> closed -> finish(closed.error());
 * }
 * }</pre>
 *
 * <p>{@code Closed} instances are shared per channel (no allocation, no exception). A {@code Value}
 * is a small wrapper per received value; the JIT's escape analysis can remove it when the caller
 * consumes it at once, as above, but that is not guaranteed. The allocation-free way to consume a
 * channel is {@link ReceiveChannel#receive()} in a loop or {@code for (T v : ch)}.
 *
 * @param <T> the element type
 *
 * @since 0.1.0
 */
public sealed interface ReceiveResult<T> {

    /**
     * A received value.
     *
     * @param value the value, never {@code null}
     * @param <T> the element type
     */
    record Value<T>(T value) implements ReceiveResult<T> {
    }

    /**
     * The channel is closed and drained.
     *
     * @param error the error it was closed with, or {@code null} after a plain close
     * @param <T> the element type
     */
    record Closed<T>(Throwable error) implements ReceiveResult<T> {
    }

    /**
     * Whether this is {@link Closed}.
     *
     * @return {@code true} if the channel was closed and drained
     */
    default boolean isClosed() {
        return this instanceof Closed;
    }

    /**
     * The value, or throws if the channel was closed.
     *
     * @return the received value
     * @throws ChannelClosedException if this is {@link Closed} (its cause is the close error)
     */
    default T orElseThrow() {
        if (this instanceof Value<T> v) {
            return v.value();
        }
        throw new ChannelClosedException("channel closed", ((Closed<T>) this).error());
    }
}
