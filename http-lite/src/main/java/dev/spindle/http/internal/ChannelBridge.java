package dev.spindle.http.internal;

import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.core.CancelledException;
import dev.spindle.http.ServerEvent;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Streams a {@link ReceiveChannel} as server-sent events: receive one value, map it, write and
 * flush it, repeat.
 *
 * <p>Backpressure, by construction: the loop receives the next value only after the previous event
 * was written to the socket. When the client reads slowly, the socket write blocks, the loop stops
 * receiving, and the channel's own policy decides what its senders see: a {@code SUSPEND} channel
 * makes them wait, a {@code DROP_OLDEST}/{@code DROP_LATEST} channel drops (a cluster topic
 * subscription with a capacity drops the oldest), an unlimited channel grows. The bridge holds at
 * most one value that is not yet on the wire; it has no queue of its own.
 *
 * <p>Ends, without throwing, when the stream is over (its context is done: client gone, write
 * failed, server shutting down or closed, stream closed); the receive is made with the stream's
 * context, so a handler waiting on a quiet channel is released at once. A value received when the
 * stream ends mid-write is lost (at most one); the channel is not touched after that.
 */
public final class ChannelBridge {
    private ChannelBridge() {
    }

    /**
     * Runs the loop.
     *
     * @param stream the open stream
     * @param channel the values
     * @param toEvent maps a value to its event
     * @param <T> the value type
     * @return {@code true} if the channel was closed and drained; {@code false} if the stream ended first
     * @throws InterruptedException if the thread is interrupted while waiting for a value or a write
     * @throws ChannelClosedException if the channel was closed with an error (after its values were sent)
     */
    public static <T> boolean stream(SseStream stream, ReceiveChannel<T> channel,
                                     Function<? super T, ServerEvent> toEvent) throws InterruptedException {
        while (true) {
            if (stream.context().isDone()) {
                return false; // checked first: a receive on a done context may still take a ready value
            }
            ReceiveResult<T> result;
            try {
                result = channel.receiveOrClosed(stream.context());
            } catch (CancelledException over) {
                return false;
            }
            switch (result) {
                case ReceiveResult.Value<T>(T value) -> {
                    ServerEvent event = Objects.requireNonNull(toEvent.apply(value),
                            () -> "EventStream.sendAll: toEvent returned null for " + value);
                    try {
                        stream.write(event.encode());
                    } catch (IOException over) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException("interrupted while writing an event");
                        }
                        return false;
                    }
                }
                case ReceiveResult.Closed<T>(Throwable error) -> {
                    if (error != null) {
                        throw new ChannelClosedException("EventStream.sendAll: the channel was closed with an error",
                                error);
                    }
                    return true;
                }
            }
        }
    }
}
