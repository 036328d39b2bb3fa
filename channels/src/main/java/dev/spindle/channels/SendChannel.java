package dev.spindle.channels;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The sending side of a channel: Go's {@code chan<- T}.
 *
 * <p>A send hands its value to a waiting receiver, or buffers it, or (when neither is possible)
 * waits. Values from one sender are received in the order they were sent. A send on a closed
 * channel fails; a send waiting when the channel is closed fails too, and its value is not
 * delivered. Every blocking send reacts to interruption (and to its {@link Context}) without
 * losing the value: it was either received exactly once, or it was not sent at all and the call
 * says so.
 *
 * @param <T> the element type
 *
 * @since 0.1.0
 */
public interface SendChannel<T> {

    /**
     * Sends {@code value}, waiting for a receiver or for room in the buffer.
     *
     * @param value the value, not {@code null}
     * @throws InterruptedException if interrupted while waiting; the value was not sent
     * @throws ChannelClosedException if the channel is or becomes closed; the value was not sent
     * @throws NullPointerException if {@code value} is {@code null}
     */
    void send(T value) throws InterruptedException;

    /**
     * Sends {@code value}, waiting at most until {@code ctx} is done.
     *
     * @param value the value, not {@code null}
     * @param ctx the context whose cancellation stops the wait
     * @throws InterruptedException if interrupted while waiting; the value was not sent
     * @throws CancelledException if {@code ctx} is done first; the value was not sent
     * @throws ChannelClosedException if the channel is or becomes closed; the value was not sent
     */
    void send(T value, Context ctx) throws InterruptedException;

    /**
     * Sends {@code value} if that is possible without waiting.
     *
     * @param value the value, not {@code null}
     * @return {@code true} if sent; {@code false} if a send would have to wait
     * @throws ChannelClosedException if the channel is closed
     */
    boolean trySend(T value);

    /**
     * Sends {@code value}, waiting at most {@code timeout}.
     *
     * @param value the value, not {@code null}
     * @param timeout the longest wait; zero or negative means do not wait
     * @return {@code true} if sent; {@code false} on timeout (the value was not sent)
     * @throws InterruptedException if interrupted while waiting; the value was not sent
     * @throws ChannelClosedException if the channel is or becomes closed
     */
    boolean trySend(T value, Duration timeout) throws InterruptedException;

    /**
     * Sends {@code value} like {@link #send(Object)}, but reports a closed channel as a result
     * instead of an exception.
     *
     * @param value the value, not {@code null}
     * @return {@link SendResult#SENT} or a {@link SendResult.Closed}
     * @throws InterruptedException if interrupted while waiting; the value was not sent
     */
    SendResult sendOrClosed(T value) throws InterruptedException;

    /**
     * Sends {@code value} like {@link #send(Object, Context)}, but reports a closed channel as a
     * result instead of an exception.
     *
     * @param value the value, not {@code null}
     * @param ctx the context whose cancellation stops the wait
     * @return {@link SendResult#SENT} or a {@link SendResult.Closed}
     * @throws InterruptedException if interrupted while waiting; the value was not sent
     * @throws CancelledException if {@code ctx} is done first; the value was not sent
     */
    SendResult sendOrClosed(T value, Context ctx) throws InterruptedException;

    /**
     * Closes the channel: later sends fail; receivers drain what is buffered, then see it closed.
     * Senders waiting at this moment fail with {@link ChannelClosedException} and keep their values.
     *
     * @return {@code true} if this call closed the channel; {@code false} if it was already closed
     *     (a no-op)
     */
    boolean close();

    /**
     * Closes the channel with an error: like {@link #close()}, but receivers, once the buffer is
     * drained, fail with a {@link ChannelClosedException} whose cause is {@code error}.
     *
     * @param error why the channel is closed, not {@code null}
     * @return {@code true} if this call closed the channel; {@code false} if it was already closed
     */
    boolean closeWithError(Throwable error);

    /**
     * Whether the channel is closed, so that every send fails. A snapshot.
     *
     * @return {@code true} once closed
     */
    boolean isClosedForSend();

    /**
     * A {@link Select} clause that sends {@code value} on this channel, then runs {@code then}.
     * If the channel is closed when the clause is chosen, the select throws
     * {@link ChannelClosedException}.
     *
     * @param value the value to send, not {@code null}
     * @param then what the select returns when this clause fires
     * @param <R> the select's result type
     * @return the clause
     */
    <R> SelectClause<R> onSend(T value, Supplier<? extends R> then);
}
