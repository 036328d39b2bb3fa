package dev.spindle.core;

import java.io.Serial;

/**
 * Thrown by a blocking Spindle call when the {@link Context} it waits under is cancelled; Go's
 * {@code context.Canceled}.
 *
 * <p>It is unchecked so that cancellation crosses lambdas and task boundaries freely. Its
 * {@linkplain #getCause() cause} is the context's custom cause, if it has one: the
 * {@code Throwable} given to {@link CancellableContext#cancel(Throwable)}, or the failure that
 * cancelled a {@link TaskGroup}. After a plain {@link CancellableContext#cancel()} or a deadline it
 * has no cause.
 *
 * @since 0.1.0
 */
public class CancelledException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what was cancelled
     * @param cause why, or {@code null}
     */
    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message what was cancelled
     */
    public CancelledException(String message) {
        super(message);
    }
}
