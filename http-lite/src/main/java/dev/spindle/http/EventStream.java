package dev.spindle.http;

import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.core.Context;
import dev.spindle.http.internal.ChannelBridge;
import dev.spindle.http.internal.SseEncoding;
import dev.spindle.http.internal.SseStream;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response of server-sent events ({@code text/event-stream}, the browser's {@code EventSource}):
 * opened in a handler, it sends {@link ServerEvent}s, each flushed at once, until the client goes
 * away, the server shuts down, or the handler closes it.
 *
 * {@snippet :
 * router.handle("GET /orders/events", (req, res) -> {
 *     try (Subscription<Order> orders = topic.subscribe(256);
 *          EventStream events = EventStream.open(req, res)) {
 *         events.sendAll(orders, o -> ServerEvent.of("order", toJson(o)).withId(o.id()));
 *     }
 * });
 * }
 *
 * <p>{@link #open} answers 200 with {@code Content-Type: text/event-stream},
 * {@code Cache-Control: no-store} (unless the handler set one) and {@code X-Accel-Buffering: no},
 * and sends the head at once. The body is chunked on HTTP/1.1 and delimited by the connection's end
 * on HTTP/1.0. While the stream is silent for the heartbeat interval (15 s by default), a comment
 * line ({@code : heartbeat}) is sent, so proxies do not time the connection out and a client that
 * vanished without a FIN is found by the failing write.
 *
 * <p>The server's write timeout applies to each event (from the start of its write to its flush),
 * not to the whole response: a stream may stay open for hours, but a client that stops reading for
 * longer than the write timeout is disconnected. Memory per stream is bounded: nothing is queued,
 * a send blocks while the client's TCP window and the kernel's socket buffers are full.
 *
 * <p>Contract under failure. The stream is over when its {@linkplain #context() context} is done:
 * <ul>
 *   <li><b>client gone</b> (noticed by a read of the connection, or by a failed write): the context
 *       is cancelled with an {@link IOException} cause; a blocked {@code sendAll} returns
 *       {@code false}; a {@code send} throws {@link IOException};</li>
 *   <li><b>graceful shutdown</b> ({@link HttpServer#shutdown(Duration)}): the context is cancelled
 *       as soon as shutdown starts (cause: {@code IOException("server shutting down")}); the
 *       handler should return, and the response then ends cleanly and the connection closes, so
 *       shutdown does not wait for the stream until its grace period ends. A handler that ignores
 *       it is cut off at the end of the grace period like any other request;</li>
 *   <li><b>server closed</b> ({@link HttpServer#close()}): the connection is closed and the context
 *       cancelled;</li>
 *   <li><b>interrupted</b>: {@code sendAll} throws {@link InterruptedException}. Interrupting a
 *       thread blocked in a socket write closes the connection (the JDK's sockets do that on
 *       virtual threads), which ends the stream; an interrupt while waiting for a value leaves the
 *       stream open.</li>
 * </ul>
 * A handler that lets the {@link dev.spindle.core.CancelledException} of a done context escape is
 * not logged as failed. Browsers reconnect after the stream ends (after {@code retry}
 * milliseconds), sending the last id they saw as {@code Last-Event-ID}.
 *
 * <p>Thread-safe: events may be sent from several threads (each is written whole). Once open, do
 * not write to the {@link ResponseWriter} directly. Close the stream (try-with-resources) when done;
 * if the handler returns without closing it, the server ends it.
 *
 * @since 0.1.0
 */
public final class EventStream implements AutoCloseable {
    /** The default heartbeat interval: a comment is sent after this much silence. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private final SseStream stream;

    private EventStream(SseStream stream) {
        this.stream = stream;
    }

    /**
     * Starts the response to {@code request} as an event stream, with heartbeats after
     * {@link #DEFAULT_HEARTBEAT} of silence.
     *
     * @param request the request being answered
     * @param response its response, nothing written yet
     * @return the open stream
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    public static EventStream open(Request request, ResponseWriter response) throws IOException {
        return open(request, response, DEFAULT_HEARTBEAT);
    }

    /**
     * Starts the response to {@code request} as an event stream, with heartbeats after
     * {@code heartbeat} of silence.
     *
     * @param request the request being answered
     * @param response its response, nothing written yet
     * @param heartbeat the silence after which a heartbeat comment is sent; zero for no heartbeats
     * @return the open stream
     * @throws IOException if the client has gone away
     * @throws IllegalArgumentException if {@code heartbeat} is negative
     * @throws IllegalStateException if the response is already committed
     */
    public static EventStream open(Request request, ResponseWriter response, Duration heartbeat)
            throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("EventStream heartbeat must not be negative, got " + heartbeat);
        }
        return new EventStream(SseStream.open(request, response, heartbeat));
    }

    /**
     * The {@code Last-Event-ID} request header: the id of the last event a reconnecting browser
     * received, to resume from.
     *
     * @return the id, or empty on a first connection
     */
    public Optional<String> lastEventId() {
        return Optional.ofNullable(stream.lastEventId());
    }

    /**
     * The stream's context, a child of the request's: done once the stream is over (client gone,
     * write failed, server shutting down or closed, stream closed); its
     * {@linkplain Context#cause() cause} says why. Pass it to blocking calls, e.g.
     * {@code channel.receive(events.context())}.
     *
     * @return the context
     */
    public Context context() {
        return stream.context();
    }

    /**
     * Whether events can still be sent (the context is not done).
     *
     * @return {@code true} while open
     */
    public boolean isOpen() {
        return !stream.context().isDone();
    }

    /**
     * Sends {@code event} and flushes it.
     *
     * @param event the event
     * @throws IOException if the stream is over (the message says why, the cause is the context's)
     *     or the write failed (the context is then cancelled)
     */
    public void send(ServerEvent event) throws IOException {
        stream.write(Objects.requireNonNull(event, "event").encode());
    }

    /**
     * Sends an event of the default type with {@code data}; same as
     * {@code send(ServerEvent.data(data))}.
     *
     * @param data the data
     * @throws IOException if the stream is over or the write failed
     */
    public void send(String data) throws IOException {
        send(ServerEvent.data(data));
    }

    /**
     * Sends a comment (ignored by browsers; useful as a heartbeat or for debugging with curl). Each
     * line of {@code text} becomes a comment line.
     *
     * @param text the comment
     * @throws IOException if the stream is over or the write failed
     */
    public void comment(String text) throws IOException {
        stream.write(SseEncoding.comment(Objects.requireNonNull(text, "text")));
    }

    /**
     * Sets the browser's reconnection delay (a {@code retry:} field alone, dispatching no event).
     *
     * @param delay the delay, sent in whole milliseconds
     * @throws IOException if the stream is over or the write failed
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public void retry(Duration delay) throws IOException {
        stream.write(SseEncoding.retry(delay));
    }

    /**
     * Sends every value received from {@code channel} as the event {@code toEvent} makes of it, until
     * the channel is closed and drained or the stream is over; the bridge from a channel (or a
     * cluster topic's {@code Subscription}) to a browser.
     *
     * <p>Backpressure: the next value is received only after the previous event has been written
     * to the socket, so a slow client slows the receiving, and the channel's own policy decides
     * what its senders see: a {@code SUSPEND} channel (the default) makes them wait; a
     * {@code DROP_OLDEST} or {@code DROP_LATEST} channel (a topic subscription with a capacity)
     * drops values, counted by the channel's metrics if it has any; an unlimited channel grows.
     * Nothing is buffered here beyond the one value being written. Pick the channel for the
     * behaviour you want: a shared producer must not be stalled by one browser, so give each
     * stream its own dropping channel.
     *
     * <p>Contract under failure: when the stream ends (client gone, write failure, server shutting
     * down or closed, stream closed) this returns {@code false} at once, even while waiting on a
     * quiet channel, and receives nothing more; a value received just before the end may be lost
     * (at most one). The channel is not closed: the caller owns it.
     *
     * @param channel the values to stream
     * @param toEvent maps a value to its event; not {@code null}
     * @param <T> the value type
     * @return {@code true} if the channel was closed and drained (every value sent); {@code false}
     *     if the stream ended first
     * @throws InterruptedException if the thread is interrupted while waiting for a value or a write
     * @throws ChannelClosedException if the channel was closed with an error (its values sent
     *     first); the cause is that error
     */
    public <T> boolean sendAll(ReceiveChannel<T> channel, Function<? super T, ServerEvent> toEvent)
            throws InterruptedException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(toEvent, "toEvent");
        return ChannelBridge.stream(stream, channel, toEvent);
    }

    /**
     * Ends the stream: cancels its context, stops heartbeats, and ends the response body (the
     * browser then reconnects unless the page closes its {@code EventSource}). Idempotent; never
     * throws (a client already gone is ignored).
     */
    @Override
    public void close() {
        stream.close();
    }
}
