package dev.spindle.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A task started by {@link TaskGroup#go}: its state, and its result or exception once it ended.
 *
 * <p>Where Java code expects a {@link Future} or a {@link java.util.concurrent.CompletionStage},
 * pass {@link #toCompletableFuture()}. A handle is not itself a {@code Future}: its
 * {@link #state()} and {@link #exceptionNow()} predate Java's methods of the same names and mean
 * something else for a cancelled task (a handle gives what a cancelled task threw; a
 * {@code Future} refuses).
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

    /** {@return the task's name: the name of the virtual thread it runs on} */
    String name();

    /** {@return the task's state; a snapshot} */
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

    /**
     * A new {@link CompletableFuture} that completes when this task ends, with the task's outcome;
     * each call returns a future of its own.
     *
     * <table class="striped">
     *   <caption>The future of a task that ended as ...</caption>
     *   <thead><tr><th>{@link #state()}</th><th>{@link Future#state()}</th><th>{@code get()}</th>
     *     <th>{@code isCancelled()}</th></tr></thead>
     *   <tbody>
     *   <tr><td>{@code RUNNING}</td><td>{@code RUNNING}</td><td>blocks (or times out)</td>
     *     <td>{@code false}</td></tr>
     *   <tr><td>{@code SUCCEEDED}</td><td>{@code SUCCESS}</td><td>the result</td><td>{@code false}</td></tr>
     *   <tr><td>{@code FAILED}</td><td>{@code FAILED}</td><td>throws {@link ExecutionException}
     *     whose cause is exactly what the task threw</td><td>{@code false}</td></tr>
     *   <tr><td>{@code CANCELLED}</td><td>{@code CANCELLED}</td><td>throws
     *     {@link CancellationException}, with what the task threw in its cause chain (its
     *     {@link InterruptedException} or {@link CancelledException}, or the group's
     *     {@code CancelledException} if it never ran)</td><td>{@code true}</td></tr>
     *   </tbody>
     * </table>
     *
     * <p>{@code isDone()} is {@code true} once the task has ended in any of the three ways;
     * {@code resultNow()} and {@code exceptionNow()} follow {@link Future}: the latter gives what a
     * failed task threw and throws {@link IllegalStateException} for a cancelled one (use this
     * handle's {@link #exceptionNow()} for what a cancelled task threw). {@code join()} throws
     * {@link CompletionException} and dependent stages see one, as with
     * {@link CompletableFuture#supplyAsync}.
     *
     * <p><b>Timing.</b> The future completes on the task's thread, after this handle's state is
     * final and before the group counts the task as ended: once {@link TaskGroup#await()},
     * {@link TaskGroup#close()} or {@link #join()} has returned, it is done. Dependent actions
     * registered without an executor run there too, as part of the task (the group waits for them;
     * what they throw goes to their own stage, never to the group); keep them short or give them
     * an executor. On a future made after the task ended, they run on the registering thread.
     *
     * <p><b>Cancelling the future does not cancel the task.</b> {@code cancel(mayInterruptIfRunning)}
     * (like {@code complete} or {@code obtrudeValue}) changes only the future it is called on, as
     * with every {@code CompletableFuture}, whose {@code cancel} never interrupts: the task keeps
     * running, its group is not cancelled, and other futures of the same task still complete with
     * its outcome. A task group ends as one, as Go's {@code errgroup} does: there is no cancelling
     * one task alone, because the group could not tell it from a failure. To stop tasks, cancel
     * the group ({@link TaskGroup#cancel(Throwable)}) or its parent context: every running task is
     * then interrupted, and the futures of each task that ends {@code CANCELLED} are cancelled.
     *
     * @return a future of this task's outcome
     */
    CompletableFuture<T> toCompletableFuture();
}
