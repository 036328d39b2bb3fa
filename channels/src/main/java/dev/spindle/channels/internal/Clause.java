package dev.spindle.channels.internal;

import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SelectClause;
import dev.spindle.core.Context;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A select clause: its kind, its channel or context or timeout, and what to run when it fires.
 *
 * @param <R> the select's result type
 */
public final class Clause<R> implements SelectClause<R> {
    enum Kind { RECEIVE, RECEIVE_OR_CLOSED, SEND, DEFAULT, TIMEOUT, DONE }

    final Kind kind;
    final GoChannel<?> channel;
    final Object value;
    final long timeoutNanos;
    final Context ctx;
    final boolean enabled;
    private final Function<Object, ? extends R> onValue;
    private final Supplier<? extends R> onEvent;

    private Clause(Kind kind, GoChannel<?> channel, Object value, long timeoutNanos, Context ctx,
            boolean enabled, Function<Object, ? extends R> onValue, Supplier<? extends R> onEvent) {
        this.kind = kind;
        this.channel = channel;
        this.value = value;
        this.timeoutNanos = timeoutNanos;
        this.ctx = ctx;
        this.enabled = enabled;
        this.onValue = onValue;
        this.onEvent = onEvent;
    }

    @SuppressWarnings("unchecked")
    static <T, R> Clause<R> receive(GoChannel<T> ch, Function<? super T, ? extends R> then) {
        return new Clause<>(Kind.RECEIVE, ch, null, 0, null, true, (Function<Object, ? extends R>) then, null);
    }

    static <T, R> Clause<R> receiveOrClosed(GoChannel<T> ch, Function<? super ReceiveResult<T>, ? extends R> then) {
        Function<Object, ? extends R> fn = r -> then.apply(ch.toResult(r));
        return new Clause<>(Kind.RECEIVE_OR_CLOSED, ch, null, 0, null, true, fn, null);
    }

    static <R> Clause<R> send(GoChannel<?> ch, Object value, Supplier<? extends R> then) {
        return new Clause<>(Kind.SEND, ch, value, 0, null, true, null, then);
    }

    /**
     * A default clause.
     *
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> Clause<R> onDefault(Supplier<? extends R> then) {
        return new Clause<>(Kind.DEFAULT, null, null, 0, null, true, null, then);
    }

    /**
     * A timeout clause.
     *
     * @param nanos the timeout in nanoseconds
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> Clause<R> onTimeout(long nanos, Supplier<? extends R> then) {
        return new Clause<>(Kind.TIMEOUT, null, null, nanos, null, true, null, then);
    }

    /**
     * A context-done clause.
     *
     * @param ctx the context
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    public static <R> Clause<R> onDone(Context ctx, Supplier<? extends R> then) {
        return new Clause<>(Kind.DONE, null, null, 0, ctx, true, null, then);
    }

    @Override
    public SelectClause<R> onlyIf(boolean on) {
        return on == enabled ? this
                : new Clause<>(kind, channel, value, timeoutNanos, ctx, on, onValue, onEvent);
    }

    boolean isChannelOp() {
        return channel != null;
    }

    boolean isReceive() {
        return kind == Kind.RECEIVE || kind == Kind.RECEIVE_OR_CLOSED;
    }

    /**
     * Runs the clause's continuation for {@code result}: a received value or
     * {@link GoChannel#CLOSED} for receives; {@link GoChannel#SENT} or {@code CLOSED} for sends.
     */
    R fire(Object result) {
        return switch (kind) {
            case RECEIVE -> onValue.apply(channel.valueOrThrow(result, "select receive"));
            case RECEIVE_OR_CLOSED -> onValue.apply(result);
            case SEND -> {
                if (result == GoChannel.CLOSED) {
                    throw new ChannelClosedException("select send on closed " + channel
                            + "; the value was not sent", channel.closeError());
                }
                yield onEvent.get();
            }
            default -> onEvent.get();
        };
    }

    @Override
    public String toString() {
        return "select clause " + kind + (channel == null ? "" : " on " + channel) + (enabled ? "" : " (disabled)");
    }
}
