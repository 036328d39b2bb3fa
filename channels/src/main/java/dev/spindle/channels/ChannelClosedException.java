package dev.spindle.channels;

/**
 * Thrown by a send on a closed channel, and by a receive on a channel that is closed and drained.
 *
 * <p>If the channel was closed with {@link Channel#closeWithError(Throwable)}, that error is this
 * exception's {@linkplain #getCause() cause}; after a plain {@link Channel#close()} the cause is
 * {@code null}.
 *
 * @since 0.1.0
 */
public class ChannelClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was attempted on which channel
     * @param cause the error the channel was closed with, or {@code null} for a plain close
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The error the channel was closed with, or {@code null} if it was closed without one.
     *
     * @return the close error or {@code null}
     */
    public Throwable error() {
        return getCause();
    }
}
