package dev.spindle.core;

import java.io.Serial;

/**
 * Thrown when a {@link Context}'s deadline passed; Go's {@code context.DeadlineExceeded}. A
 * {@link CancelledException}, so code that only cares about "cancelled, for whatever reason"
 * catches one type.
 *
 * @since 0.1.0
 */
public class DeadlineExceededException extends CancelledException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message which deadline passed
     * @param cause why, or {@code null}
     */
    public DeadlineExceededException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message which deadline passed
     */
    public DeadlineExceededException(String message) {
        super(message);
    }
}
