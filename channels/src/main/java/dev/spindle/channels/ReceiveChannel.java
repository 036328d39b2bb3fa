package dev.spindle.channels;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The receiving side of a channel: Go's {@code <-chan T}.
 *
 * <p>A receive takes the oldest buffered value, or a waiting sender's value, or waits. After the
 * channel is closed, receivers drain what is buffered, then see it closed: the throwing calls throw
 * {@link ChannelClosedException} (its cause is the close error, if any), the {@code ...OrClosed}
 * calls return {@link ReceiveResult.Closed}. Each value is received exactly once. An interrupted,
 * cancelled or timed-out receive takes nothing.
 *
 * <p>The channel is {@link Iterable}: {@code for (T v : ch)} is Go's {@code for v := range ch}; it
 * ends when the channel is closed and drained.
 *
 * @param <T> the element type
 *
 * @since 0.1.0
 */
public interface ReceiveChannel<T> extends Iterable<T> {

    /**
     * Receives a value, waiting for one.
     *
     * @return the value
     * @throws InterruptedException if interrupted while waiting; nothing was received
     * @throws ChannelClosedException if the channel is closed and drained
     */
    T receive() throws InterruptedException;

    /**
     * Receives a value, waiting at most until {@code ctx} is done.
     *
     * @param ctx the context whose cancellation stops the wait
     * @return the value
     * @throws InterruptedException if interrupted while waiting; nothing was received
     * @throws CancelledException if {@code ctx} is done first; nothing was received
     * @throws ChannelClosedException if the channel is closed and drained
     */
    T receive(Context ctx) throws InterruptedException;

    /**
     * Receives a value if one is available without waiting.
     *
     * @return the value, or empty if a receive would have to wait
     * @throws ChannelClosedException if the channel is closed and drained
     */
    Optional<T> tryReceive();

    /**
     * Receives a value, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait; zero or negative means do not wait
     * @return the value, or empty on timeout
     * @throws InterruptedException if interrupted while waiting; nothing was received
     * @throws ChannelClosedException if the channel is closed and drained
     */
    Optional<T> tryReceive(Duration timeout) throws InterruptedException;

    /**
     * Receives like {@link #receive()}, but reports a closed and drained channel as a result.
     *
     * @return a {@link ReceiveResult.Value} or the channel's {@link ReceiveResult.Closed}
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    ReceiveResult<T> receiveOrClosed() throws InterruptedException;

    /**
     * Receives like {@link #receive(Context)}, but reports a closed and drained channel as a result.
     *
     * @param ctx the context whose cancellation stops the wait
     * @return a {@link ReceiveResult.Value} or the channel's {@link ReceiveResult.Closed}
     * @throws InterruptedException if interrupted while waiting; nothing was received
     * @throws CancelledException if {@code ctx} is done first; nothing was received
     */
    ReceiveResult<T> receiveOrClosed(Context ctx) throws InterruptedException;

    /**
     * Whether the channel is closed and drained, so that every receive reports closed. A snapshot.
     *
     * @return {@code true} once closed and empty
     */
    boolean isClosedForReceive();

    /**
     * The number of buffered values: Go's {@code len(ch)}. A snapshot, stale as soon as it returns.
     *
     * @return the buffered count
     */
    int len();

    /**
     * The buffer's capacity: Go's {@code cap(ch)}; 0 for an unbuffered channel and
     * {@link Integer#MAX_VALUE} for an unlimited one.
     *
     * @return the capacity
     */
    int cap();

    /**
     * A {@link Select} clause that receives a value from this channel and passes it to {@code then}.
     * If the channel is closed and drained when the clause is chosen, the select throws
     * {@link ChannelClosedException}.
     *
     * @param then maps the received value to the select's result
     * @param <R> the select's result type
     * @return the clause
     */
    <R> SelectClause<R> onReceive(Function<? super T, ? extends R> then);

    /**
     * A {@link Select} clause that receives from this channel and passes the outcome, a value or
     * closed, to {@code then}. Go's {@code case v, ok := <-ch}.
     *
     * @param then maps the outcome to the select's result
     * @param <R> the select's result type
     * @return the clause
     */
    <R> SelectClause<R> onReceiveOrClosed(Function<? super ReceiveResult<T>, ? extends R> then);

    /**
     * An iterator that receives values until the channel is closed and drained.
     *
     * <p>{@code hasNext()} waits for a value. If the channel was closed with an error, it throws a
     * {@link ChannelClosedException} carrying that error once the buffer is drained. If the thread is
     * interrupted while waiting, it throws {@link CancelledException} (cause: the
     * {@link InterruptedException}) and sets the interrupt flag again.
     *
     * @return a blocking iterator
     */
    @Override
    Iterator<T> iterator();

    /**
     * A sequential, ordered stream of the values received until the channel is closed and drained,
     * with the same failure behaviour as {@link #iterator()}.
     *
     * @return a blocking stream
     */
    Stream<T> stream();
}
