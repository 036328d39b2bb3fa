package dev.spindle.cluster;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SelectClause;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A stream of cluster events or messages delivered into a local channel: a {@link ReceiveChannel}
 * (so it works in {@code for} loops and in {@link dev.spindle.channels.Select}) that is also
 * {@link AutoCloseable}.
 *
 * <p>{@link #close()} stops the delivery (removes the Hazelcast listener or stops the pump) and
 * closes the channel: values already delivered can still be received, then receivers see it closed.
 * Closing the {@link Cluster} closes every subscription made from it.
 *
 * <p>What a subscription sees when its member fails depends on where it comes from; each factory
 * says so.
 *
 * @param <T> the type of what is delivered
 *
 * @since 0.1.0
 */
public final class Subscription<T> implements ReceiveChannel<T>, AutoCloseable {
    private final Channel<T> channel;
    private final Runnable stop;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(Channel<T> channel, Runnable stop) {
        this.channel = channel;
        this.stop = stop;
    }

    /** Delivers {@code value}; false if this subscription is closed (or its bounded buffer refused it). */
    boolean deliver(T value) {
        return channel.trySend(value);
    }

    /** Ends the stream because its source failed: receivers drain, then see {@code error}. */
    void fail(Throwable error) {
        channel.closeWithError(error);
    }

    /**
     * Stops delivery and closes the channel. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                stop.run();
            } finally {
                channel.close();
            }
        }
    }

    @Override
    public T receive() throws InterruptedException {
        return channel.receive();
    }

    @Override
    public T receive(Context ctx) throws InterruptedException {
        return channel.receive(ctx);
    }

    @Override
    public Optional<T> tryReceive() {
        return channel.tryReceive();
    }

    @Override
    public Optional<T> tryReceive(Duration timeout) throws InterruptedException {
        return channel.tryReceive(timeout);
    }

    @Override
    public ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        return channel.receiveOrClosed();
    }

    @Override
    public ReceiveResult<T> receiveOrClosed(Context ctx) throws InterruptedException {
        return channel.receiveOrClosed(ctx);
    }

    @Override
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Override
    public int len() {
        return channel.len();
    }

    @Override
    public int cap() {
        return channel.cap();
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> then) {
        return channel.onReceive(then);
    }

    @Override
    public <R> SelectClause<R> onReceiveOrClosed(Function<? super ReceiveResult<T>, ? extends R> then) {
        return channel.onReceiveOrClosed(then);
    }

    @Override
    public Iterator<T> iterator() {
        return channel.iterator();
    }

    @Override
    public Stream<T> stream() {
        return channel.stream();
    }

    /** {@return "Subscription[" and its channel, e.g. {@code channel#4 "topic 'orders' subscribe" unlimited}} */
    @Override
    public String toString() {
        return "Subscription[" + channel + "]";
    }
}
