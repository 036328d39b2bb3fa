package dev.spindle.channels;

/**
 * The outcome of a {@code sendOrClosed} call: {@link Sent} or {@link Closed}.
 *
 * <p>Neither outcome allocates: {@link #SENT} is a singleton and {@code Closed} is shared per
 * channel.
 *
 * @since 0.1.0
 */
public sealed interface SendResult {
    /** The shared {@link Sent} instance. */
    SendResult SENT = new Sent();

    /** The value was handed to a receiver or buffered (or dropped by the channel's overflow policy). */
    record Sent() implements SendResult {
        @Override
        public boolean isClosed() {
            return false;
        }
    }

    /**
     * The channel was closed; the value was not sent and stays with the caller.
     *
     * @param error the error it was closed with, or {@code null} after a plain close
     */
    record Closed(Throwable error) implements SendResult {
        @Override
        public boolean isClosed() {
            return true;
        }
    }

    /**
     * Whether this is {@link Closed}.
     *
     * @return {@code true} if the value was not sent because the channel is closed
     */
    // Abstract, not a default method: an interface with default methods is initialized with each
    // implementing class, and SENT's initializer creates a Sent, so the two could deadlock.
    boolean isClosed();
}
