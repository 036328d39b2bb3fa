package dev.spindle.core;

/**
 * A {@link Context} that its creator can cancel; what Go returns from {@code WithCancel},
 * {@code WithTimeout} and {@code WithDeadline} together with its {@code cancel} function.
 *
 * <p>Cancelling is idempotent: the first cancellation (direct, by a deadline, or by an ancestor)
 * fixes {@link #err()} and {@link #cause()}, later ones do nothing. Cancelling releases the
 * context's resources at once: it unregisters from its parent and frees its timer. Use it in
 * try-with-resources so that it is always cancelled:
 *
 * {@snippet :
 * try (CancellableContext ctx = parent.withTimeout(Duration.ofSeconds(2))) {
 *     fetch(ctx);
 * }
 * }
 *
 * @since 0.1.0
 */
public interface CancellableContext extends Context, AutoCloseable {

    /**
     * Cancels this context and its descendants with a {@link CancelledException}. Does nothing if
     * already done.
     */
    void cancel();

    /**
     * Cancels this context and its descendants, recording {@code cause} as their
     * {@linkplain #cause() cause}; Go's {@code WithCancelCause}. Does nothing if already done.
     *
     * @param cause why; {@code null} means the same as {@link #cancel()}
     */
    void cancel(Throwable cause);

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
