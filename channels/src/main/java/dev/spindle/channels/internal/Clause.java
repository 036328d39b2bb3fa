package dev.spindle.channels.internal;

import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SelectClause;
import dev.spindle.core.Context;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A select clause: one record per kind, so that a new kind does not compile until every switch
 * over clauses in {@link Selector} handles it (those switches have no {@code default} branch).
 *
 * <p>The kinds: {@link Receive}, {@link ReceiveOrClosed} and {@link Send} operate on a channel
 * ({@link OnChannel}); {@link Done} waits for a context; {@link Timeout} and {@link Default} are not
 * polled but decide what a select does when nothing else is ready. Every kind carries whether it is
 * {@link #enabled()} ({@link #onlyIf}) and what the select returns when it fires.
 *
 * @param <R> the select's result type
 */
public sealed interface Clause<R> extends SelectClause<R> {

    /** Whether the clause takes part in the select ({@code false}: Go's {@code nil} channel). */
    boolean enabled();

    /**
     * Runs the clause's continuation for {@code result}: a received value or {@link GoChannel#CLOSED}
     * for receives; {@link GoChannel#SENT} or {@code CLOSED} for sends; ignored by the other kinds.
     *
     * @throws ChannelClosedException for a receive or a send that met a closed channel
     */
    R fire(Object result);

    /**
     * A default clause.
     *
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    static <R> Clause<R> onDefault(Supplier<? extends R> then) {
        return new Default<>(then, true);
    }

    /**
     * A timeout clause.
     *
     * @param nanos the timeout in nanoseconds
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    static <R> Clause<R> onTimeout(long nanos, Supplier<? extends R> then) {
        return new Timeout<>(nanos, then, true);
    }

    /**
     * A context-done clause.
     *
     * @param ctx the context
     * @param then what the select returns
     * @param <R> the result type
     * @return the clause
     */
    static <R> Clause<R> onDone(Context ctx, Supplier<? extends R> then) {
        return new Done<>(ctx, then, true);
    }

    /** A clause that moves a value through a channel: the kinds a channel queues waiters for. */
    sealed interface OnChannel<R> extends Clause<R> permits Receive, ReceiveOrClosed, Send {
        /** The channel the clause operates on. */
        GoChannel<?> channel();

        /** Whether the clause takes a value (a receive) rather than offering one (a send). */
        boolean isReceive();

        /** The value a send offers; {@code null} for a receive. */
        Object offered();
    }

    /**
     * {@code ch.onReceive(then)}: fires with the value received; throws if the channel is closed.
     *
     * @param channel the channel
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <T> the element type
     * @param <R> the result type
     */
    record Receive<T, R>(GoChannel<T> channel, Function<? super T, ? extends R> then, boolean enabled)
            implements OnChannel<R> {
        @Override
        public boolean isReceive() {
            return true;
        }

        @Override
        public Object offered() {
            return null;
        }

        @Override
        public R fire(Object result) {
            return then.apply(channel.valueOrThrow(result, "select receive"));
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new Receive<>(channel, then, on);
        }

        @Override
        public String toString() {
            return describe("receive", channel, enabled);
        }
    }

    /**
     * {@code ch.onReceiveOrClosed(then)}: fires with a value or with the channel's closing.
     *
     * @param channel the channel
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <T> the element type
     * @param <R> the result type
     */
    record ReceiveOrClosed<T, R>(GoChannel<T> channel, Function<? super ReceiveResult<T>, ? extends R> then,
            boolean enabled) implements OnChannel<R> {
        @Override
        public boolean isReceive() {
            return true;
        }

        @Override
        public Object offered() {
            return null;
        }

        @Override
        public R fire(Object result) {
            return then.apply(channel.toResult(result));
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new ReceiveOrClosed<>(channel, then, on);
        }

        @Override
        public String toString() {
            return describe("receiveOrClosed", channel, enabled);
        }
    }

    /**
     * {@code ch.onSend(value, then)}: fires once the value is sent; throws if the channel is closed.
     *
     * @param channel the channel
     * @param value the value offered
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <R> the result type
     */
    record Send<R>(GoChannel<?> channel, Object value, Supplier<? extends R> then, boolean enabled)
            implements OnChannel<R> {
        @Override
        public boolean isReceive() {
            return false;
        }

        @Override
        public Object offered() {
            return value;
        }

        @Override
        public R fire(Object result) {
            if (result == GoChannel.CLOSED) {
                throw new ChannelClosedException("select send on closed " + channel
                        + "; the value was not sent", channel.closeError());
            }
            return then.get();
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new Send<>(channel, value, then, on);
        }

        @Override
        public String toString() {
            return describe("send", channel, enabled);
        }
    }

    /**
     * {@code Select.onDone(ctx, then)}: fires when the context is done.
     *
     * @param ctx the context
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <R> the result type
     */
    record Done<R>(Context ctx, Supplier<? extends R> then, boolean enabled) implements Clause<R> {
        @Override
        public R fire(Object result) {
            return then.get();
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new Done<>(ctx, then, on);
        }

        @Override
        public String toString() {
            return describe("done of " + ctx, null, enabled);
        }
    }

    /**
     * {@code Select.onTimeout(timeout, then)}: fires when no other clause fired within the timeout.
     *
     * @param nanos the timeout in nanoseconds (zero or less: fires unless a clause is ready)
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <R> the result type
     */
    record Timeout<R>(long nanos, Supplier<? extends R> then, boolean enabled) implements Clause<R> {
        @Override
        public R fire(Object result) {
            return then.get();
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new Timeout<>(nanos, then, on);
        }

        @Override
        public String toString() {
            return describe("timeout " + nanos + " ns", null, enabled);
        }
    }

    /**
     * {@code Select.onDefault(then)}: fires at once when no other clause is ready.
     *
     * @param then the continuation
     * @param enabled whether the clause takes part
     * @param <R> the result type
     */
    record Default<R>(Supplier<? extends R> then, boolean enabled) implements Clause<R> {
        @Override
        public R fire(Object result) {
            return then.get();
        }

        @Override
        public SelectClause<R> onlyIf(boolean on) {
            return on == enabled ? this : new Default<>(then, on);
        }

        @Override
        public String toString() {
            return describe("default", null, enabled);
        }
    }

    private static String describe(String kind, GoChannel<?> channel, boolean enabled) {
        return "select clause " + kind + (channel == null ? "" : " on " + channel) + (enabled ? "" : " (disabled)");
    }
}
