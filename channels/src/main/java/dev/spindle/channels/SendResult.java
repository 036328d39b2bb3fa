package dev.spindle.channels;

/**
 * The outcome of a {@code sendOrClosed} call: {@link Sent} or {@link Closed}.
 *
 * <p>Neither outcome allocates: {@link #SENT} is a singleton and {@code Closed} is shared per
 * channel.
 */
public sealed interface SendResult {
    /** The shared {@link Sent} instance. */
    SendResult SENT = new Sent();

    /** The value was handed to a receiver or buffered (or dropped by the channel's overflow policy). */
    record Sent() implements SendResult {
    }

    /**
     * The channel was closed; the value was not sent and stays with the caller.
     *
     * @param error the error it was closed with, or {@code null} after a plain close
     */
    record Closed(Throwable error) implements SendResult {
    }

    /**
     * Whether this is {@link Closed}.
     *
     * @return {@code true} if the value was not sent because the channel is closed
     */
    default boolean isClosed() {
        return this instanceof Closed;
    }
}
