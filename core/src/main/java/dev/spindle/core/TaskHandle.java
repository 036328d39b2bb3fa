package dev.spindle.core;

/**
 * A task started by {@link TaskGroup#go}: its state, and its result or exception once it ended.
 *
 * @param <T> the result type ({@link Void} for a {@link Task})
 *
 * @since 0.1.0
 */
public interface TaskHandle<T> {

    /** Where a task is in its life. */
    enum State {
        /** Not ended yet (it may not have started). */
        RUNNING,
        /** Returned normally; {@link #resultNow()} has its result. */
        SUCCEEDED,
        /** Threw; {@link #exceptionNow()} has what it threw. */
        FAILED,
        /**
         * Ended by the group's cancellation: it threw {@link InterruptedException} or
         * {@link CancelledException} after the group was cancelled, threw anything after the group
         * was cancelled, or never ran because the group was already cancelled when it was due to
         * start. {@link #exceptionNow()} has what it threw.
         */
        CANCELLED
    }

    /**
     * The task's name: the name of the virtual thread it runs on.
     *
     * @return the name
     */
    String name();

    /**
     * The task's state; a snapshot.
     *
     * @return the state
     */
    State state();

    /**
     * The result of a task that succeeded.
     *
     * @return the result ({@code null} for a {@link Task})
     * @throws IllegalStateException if the task has not succeeded (yet)
     */
    T resultNow();

    /**
     * What a failed or cancelled task threw.
     *
     * @return the exception
     * @throws IllegalStateException if the task is running or succeeded
     */
    Throwable exceptionNow();

    /**
     * Waits for the task to end, then returns its result.
     *
     * @return the result
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws TaskFailedException if the task failed (its cause is what the task threw)
     * @throws CancelledException if the task was cancelled
     */
    T join() throws InterruptedException;
}
