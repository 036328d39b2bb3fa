package dev.spindle.channels;

import dev.spindle.channels.internal.GoChannel;

/**
 * A typed channel, Go's {@code chan T}: both its {@link SendChannel} and {@link ReceiveChannel}
 * sides. Pass one side to code that should only send or only receive, as Go's {@code chan<- T} and
 * {@code <-chan T} do.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.buffered(16);
 * go(() -> { ch.send("hello"); ch.close(); });
 * for (String s : ch) System.out.println(s);   // for s := range ch
 * }</pre>
 *
 * <p>Kinds:
 * <ul>
 *   <li>{@link #unbuffered()}: a rendezvous; a send waits for a receiver and vice versa.</li>
 *   <li>{@link #buffered(int)}: up to {@code capacity} values wait in a buffer.</li>
 *   <li>{@link #unlimited()}: sends never wait; the buffer grows (bounded only by memory).</li>
 *   <li>{@link #buffered(int, Overflow)} and {@link #conflated()}: sends never wait; a full
 *       buffer drops a value instead.</li>
 * </ul>
 *
 * <p>Every channel is safe for any number of concurrent senders and receivers, and every operation
 * is linearizable. See the package documentation for the conventions on interruption, contexts and
 * {@code null}.
 *
 * @param <T> the element type
 *
 * @since 0.1.0
 */
public interface Channel<T> extends SendChannel<T>, ReceiveChannel<T> {

    /**
     * A rendezvous channel: each send waits until a receiver takes its value.
     *
     * @param <T> the element type
     * @return a new open channel
     */
    static <T> Channel<T> unbuffered() {
        return GoChannel.create(0, Overflow.SUSPEND);
    }

    /**
     * A channel with a buffer of {@code capacity} values; a send waits only when the buffer is full.
     * {@code buffered(0)} is {@link #unbuffered()}.
     *
     * @param capacity the buffer size, {@code >= 0}
     * @param <T> the element type
     * @return a new open channel
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    static <T> Channel<T> buffered(int capacity) {
        return buffered(capacity, Overflow.SUSPEND);
    }

    /**
     * A buffered channel whose full buffer follows {@code overflow}.
     *
     * @param capacity the buffer size: {@code >= 0} for {@link Overflow#SUSPEND}, {@code >= 1} for
     *     the dropping policies
     * @param overflow what a send on a full buffer does
     * @param <T> the element type
     * @return a new open channel
     * @throws IllegalArgumentException if {@code capacity} is out of range for {@code overflow}
     */
    static <T> Channel<T> buffered(int capacity, Overflow overflow) {
        return GoChannel.create(capacity, overflow);
    }

    /**
     * A channel whose sends never wait: the buffer grows as needed, bounded only by memory.
     *
     * @param <T> the element type
     * @return a new open channel
     */
    static <T> Channel<T> unlimited() {
        return GoChannel.create(Integer.MAX_VALUE, Overflow.SUSPEND);
    }

    /**
     * A channel that keeps only the latest value: {@code buffered(1, Overflow.DROP_OLDEST)}.
     *
     * @param <T> the element type
     * @return a new open channel
     */
    static <T> Channel<T> conflated() {
        return buffered(1, Overflow.DROP_OLDEST);
    }

    /**
     * Gives this channel a name, for people reading about it: its {@code toString()} shows it (so do
     * the errors that name the channel, e.g. {@code send on closed channel#7 "jobs" buffered(16)}),
     * and so do the Flight Recorder events of waits on it ({@code dev.spindle.ChannelWait},
     * {@code dev.spindle.SelectWait}). Names need not be unique; the channel's id tells channels
     * apart. Typically chained to the factory: {@code Channel.<Job>buffered(16).named("jobs")}.
     *
     * @param name the name, not blank
     * @return this channel
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if this channel already has a name (a name is set once, so that
     *     what a dump or a recording shows does not change under the reader)
     */
    Channel<T> named(String name);
}
