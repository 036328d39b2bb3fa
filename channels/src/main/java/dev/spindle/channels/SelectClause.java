package dev.spindle.channels;

import dev.spindle.channels.internal.Clause;

/**
 * One alternative of a {@link Select}: a receive, a send, a timeout, a context's completion or a
 * default, with what the select returns when it fires. Made by {@link ReceiveChannel#onReceive},
 * {@link ReceiveChannel#onReceiveOrClosed}, {@link SendChannel#onSend}, {@link Select#onTimeout},
 * {@link Select#onDone} and {@link Select#onDefault}.
 *
 * <p>A clause is a description: building one does nothing, and it may be reused in later selects.
 *
 * @param <R> what the select returns when this clause fires
 *
 * @since 0.1.0
 */
public sealed interface SelectClause<R> permits Clause {

    /**
     * This clause if {@code enabled}, else a clause that is never ready: Go's trick of setting a
     * channel variable to {@code nil} to switch a case off.
     *
     * @param enabled whether the clause takes part
     * @return this clause, or a disabled copy
     */
    SelectClause<R> onlyIf(boolean enabled);
}
