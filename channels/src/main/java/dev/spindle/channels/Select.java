package dev.spindle.channels;

import dev.spindle.channels.internal.Clause;
import dev.spindle.channels.internal.Selector;
import dev.spindle.core.Context;
import dev.spindle.core.internal.Contexts;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Go's {@code select}: waits until one of several clauses can proceed, performs exactly that one,
 * and returns what its continuation returns.
 *
 * <pre>{@code
 * String msg = Select.select(
 *         orders.onReceive(o -> "order " + o),
 *         out.onSend(next, () -> "sent"),
 *         Select.onDone(ctx, () -> "cancelled"),
 *         Select.onTimeout(Duration.ofSeconds(1), () -> "idle"));
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>If several clauses are ready at once, one is chosen uniformly at random, so no clause
 *       starves ({@link #selectInOrder} prefers the earliest instead).</li>
 *   <li>Exactly one clause fires; the others leave no trace: no value is taken from or left in
 *       their channels.</li>
 *   <li>{@link #onDefault} fires when no other clause is ready at the moment of the call; a
 *       timeout of zero or less behaves the same.</li>
 *   <li>A receive clause on a closed and drained channel is ready; it makes the select throw
 *       {@link ChannelClosedException} ({@link ReceiveChannel#onReceiveOrClosed} reports it
 *       instead). A send clause on a closed channel is ready and makes the select throw.</li>
 *   <li>A select with no enabled clause (and no default or timeout) waits until interrupted, like
 *       Go's {@code select {}}.</li>
 *   <li>If the thread is interrupted while waiting and no clause has fired, the select throws
 *       {@link InterruptedException} and has no effect. Timeouts start no thread and no timer.</li>
 *   <li>A continuation runs on the calling thread after the operation completed; what it throws
 *       propagates from the select.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class Select {
    private Select() {
    }

    /**
     * Waits for the first ready clause (uniformly random among those ready at once), performs it
     * and returns its result.
     *
     * @param clauses the clauses; disabled ones ({@link SelectClause#onlyIf}) are ignored
     * @param <R> the result type
     * @return what the chosen clause's continuation returned
     * @throws InterruptedException if interrupted while waiting; no clause fired
     * @throws ChannelClosedException if the chosen clause is a {@code onReceive} on a closed and
     *     drained channel or an {@code onSend} on a closed channel
     * @throws IllegalArgumentException if more than one {@link #onDefault} clause is given
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public static <R> R select(SelectClause<? extends R>... clauses) throws InterruptedException {
        return Selector.select(clauses, true);
    }

    /**
     * {@link #select(SelectClause[])} over a list of clauses, for a number known only at run time.
     *
     * @param clauses the clauses
     * @param <R> the result type
     * @return what the chosen clause's continuation returned
     * @throws InterruptedException if interrupted while waiting; no clause fired
     */
    @SuppressWarnings("unchecked")
    public static <R> R select(List<? extends SelectClause<? extends R>> clauses) throws InterruptedException {
        Objects.requireNonNull(clauses, "select: clauses is null");
        SelectClause<? extends R>[] array = (SelectClause<? extends R>[]) clauses.toArray(new SelectClause<?>[0]);
        return Selector.<R>select(array, true);
    }

    /**
     * Like {@link #select(SelectClause[])}, but when several clauses are ready at once the earliest
     * in argument order wins. Useful to give one channel priority; it can starve the later ones.
     *
     * @param clauses the clauses
     * @param <R> the result type
     * @return what the chosen clause's continuation returned
     * @throws InterruptedException if interrupted while waiting; no clause fired
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public static <R> R selectInOrder(SelectClause<? extends R>... clauses) throws InterruptedException {
        return Selector.select(clauses, false);
    }

    /**
     * A clause that fires when no other clause is ready: Go's {@code default:}.
     *
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> SelectClause<R> onDefault(Supplier<? extends R> then) {
        Objects.requireNonNull(then, "onDefault: then is null");
        return Clause.onDefault(then);
    }

    /**
     * A clause that fires if no other clause fired within {@code timeout} of the select's start: Go's
     * {@code case <-time.After(d):}, without a timer or thread. If several are given, the shortest
     * counts.
     *
     * @param timeout how long to wait; zero or negative fires at once if nothing else is ready
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> SelectClause<R> onTimeout(Duration timeout, Supplier<? extends R> then) {
        Objects.requireNonNull(timeout, "onTimeout: timeout is null");
        Objects.requireNonNull(then, "onTimeout: then is null");
        return Clause.onTimeout(Contexts.saturatedNanos(timeout), then);
    }

    /**
     * A clause that fires when {@code ctx} is done: Go's {@code case <-ctx.Done():}. The
     * continuation can read {@code ctx.cause()}.
     *
     * @param ctx the context
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> SelectClause<R> onDone(Context ctx, Supplier<? extends R> then) {
        Objects.requireNonNull(ctx, "onDone: ctx is null");
        Objects.requireNonNull(then, "onDone: then is null");
        return Clause.onDone(ctx, then);
    }
}
