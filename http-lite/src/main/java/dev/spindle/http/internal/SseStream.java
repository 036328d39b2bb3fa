package dev.spindle.http.internal;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of one server-sent event stream ({@code dev.spindle.http.EventStream}): serialized,
 * flushed writes; heartbeats; a context that says when the stream is over; and the hooks into the
 * server that end it on client loss, write failure and shutdown.
 *
 * <p>Where it comes from: the Go handler loop for SSE (set {@code text/event-stream}, write an
 * event, {@code Flush()}, {@code select} on {@code r.Context().Done()}) packaged once, plus what Go
 * leaves to each user: heartbeats, and graceful shutdown, which in Go waits for such handlers
 * unless each registers with {@code Server.RegisterOnShutdown}. Here every stream registers with
 * {@link ServerCore#onShutdown(Runnable)}; shutdown cancels its context, the handler sees that and
 * returns, and the response ends cleanly (last chunk) instead of being cut at the grace deadline.
 *
 * <p>Two threads write: the handler's (events, comments, {@link #close()}) and the heartbeat
 * thread. Invariants:
 * <ul>
 *   <li>Every write to the response happens while holding {@code lock}, only while
 *       {@code finished == false}, and is flushed before the lock is released: an event is never
 *       interleaved with a heartbeat, and nothing is buffered between events.</li>
 *   <li>{@code finished} turns true once, under {@code lock}, before the response goes back to the
 *       connection (at {@link #close()}, or when the handler returns, through
 *       {@link ResponseOutput#onHandlerDone}); after that no thread of this stream touches the
 *       response, so a keep-alive connection's next response cannot be corrupted.</li>
 *   <li>{@code context} is done exactly when the stream is over for the handler: client gone
 *       (parent request context), server closed (root context), graceful shutdown started
 *       (shutdown hook), a write failed, or the stream was closed. A send on a done stream throws.</li>
 *   <li>The server's write timeout is armed per write (from the write's start to its flush) rather
 *       than per response: a stream may live for hours, but a client that stops reading is cut
 *       after one write timeout. Between writes nothing is armed.</li>
 * </ul>
 *
 * <p>Memory per stream is bounded by one encoded event plus the connection's output buffer: writes
 * block (holding the handler's thread) when the client's TCP window and the kernel's buffers are
 * full; nothing is queued here.
 */
public final class SseStream {
    private static final byte[] HEARTBEAT = SseEncoding.comment("heartbeat").getBytes(StandardCharsets.UTF_8);

    private final ResponseWriter response;
    /** The server's response under {@code response} (for deadlines and the end hook); null in the test kit. */
    private final ResponseOutput serverResponse;
    private final CancellableContext context;
    private final String lastEventId;
    private final long heartbeatNanos;
    /** Fair, so that a busy heartbeat thread cannot starve the handler's sends. */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** False while the stream may write; true once the response is given back. Guarded by {@code lock}. */
    private boolean finished;
    /** {@link System#nanoTime()} of the last write (event, comment or heartbeat); read by the heartbeat thread. */
    private volatile long lastWriteNanos;
    /** Removes the shutdown hook; a no-op outside a server. */
    private Runnable unregister = () -> { };

    private SseStream(Request request, ResponseWriter response, ResponseOutput serverResponse, Duration heartbeat) {
        this.response = response;
        this.serverResponse = serverResponse;
        this.context = request.context().withCancel();
        this.lastEventId = request.header("Last-Event-ID").orElse(null);
        this.heartbeatNanos = heartbeat.toNanos();
    }

    /**
     * Commits {@code response} as an event stream and starts its heartbeats.
     *
     * @param request the request
     * @param response its response, not committed
     * @param heartbeat the silence after which a heartbeat comment is sent; zero for none
     * @return the stream
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    public static SseStream open(Request request, ResponseWriter response, Duration heartbeat) throws IOException {
        if (response.isCommitted()) {
            throw new IllegalStateException("EventStream.open: the response is already committed; open the stream "
                    + "before writing anything else");
        }
        ServerRequest base = RoutedRequest.innermost(request) instanceof ServerRequest r ? r : null;
        ResponseOutput serverResponse = base == null ? null : base.response();
        response.status(200);
        response.headers().set("Content-Type", "text/event-stream");
        response.headers().remove("Content-Length"); // a stream has no length: chunked, or to the connection's end
        if (!response.headers().contains("Cache-Control")) {
            response.headers().set("Cache-Control", "no-store");
        }
        response.headers().set("X-Accel-Buffering", "no"); // proxies such as nginx: do not buffer the stream
        SseStream s = new SseStream(request, response, serverResponse, heartbeat);
        try {
            response.flush();
        } catch (IOException e) {
            s.context.cancel(e);
            throw e;
        }
        s.lastWriteNanos = System.nanoTime();
        if (serverResponse != null) {
            serverResponse.disarmWriteDeadline(); // armed per write from now on
            serverResponse.onHandlerDone(s::handlerDone);
            s.unregister = base.server().onShutdown(s::serverShuttingDown);
        }
        if (request.method().equals("HEAD")) {
            s.context.cancel(new IOException("event stream to a HEAD request: no body is sent"));
        } else if (s.heartbeatNanos > 0) {
            Thread.ofVirtual().name("spindle-http-sse-heartbeat").start(s::heartbeats);
        }
        return s;
    }

    /**
     * The stream's context; see the invariants above.
     *
     * @return the context
     */
    public Context context() {
        return context;
    }

    /**
     * The {@code Last-Event-ID} request header.
     *
     * @return the value, or {@code null}
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Writes and flushes encoded text.
     *
     * @param text an encoded event, comment or retry block
     * @throws IOException if the stream is over (the message says why) or the write failed (the
     *     context is then cancelled with the failure)
     */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) throws IOException {
        lock.lock();
        try {
            if (finished || context.isDone()) {
                throw over();
            }
            writeLocked(bytes);
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(byte[] bytes) throws IOException {
        if (serverResponse != null) {
            serverResponse.armWriteDeadline();
        }
        try {
            response.body().write(bytes);
            response.flush();
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            context.cancel(new IOException("event stream write failed: " + e.getMessage(), e));
            throw e;
        } finally {
            if (serverResponse != null) {
                serverResponse.disarmWriteDeadline();
            }
        }
    }

    private IOException over() {
        Throwable cause = context.cause();
        String why = cause == null ? "closed" : cause.getMessage();
        return new IOException("event stream is over: " + why, cause);
    }

    /** Sends a heartbeat comment whenever the stream has been silent for the interval; ends with the context. */
    private void heartbeats() {
        try {
            while (true) {
                long wait = lastWriteNanos + heartbeatNanos - System.nanoTime();
                if (wait > 0) {
                    if (context.await(Duration.ofNanos(wait))) {
                        return;
                    }
                } else {
                    write(HEARTBEAT);
                }
            }
        } catch (IOException | InterruptedException over) {
            // the stream is over (the failed write cancelled the context) or the thread was stopped
        }
    }

    private void serverShuttingDown() {
        context.cancel(new IOException("server shutting down"));
    }

    /**
     * Ends the stream: no more writes, the context is cancelled, heartbeats stop, and the response
     * body is ended (the last chunk) if the client is still there. Idempotent; never throws. The
     * last chunk is written while holding {@code lock}, so a handler returning at the same time (on
     * another thread than this call's) waits for it before the server ends the response.
     */
    public void close() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            endBody();
        } finally {
            lock.unlock();
        }
        ended();
    }

    private void endBody() {
        if (serverResponse != null) {
            serverResponse.armWriteDeadline();
        }
        try {
            response.body().close();
            response.flush();
        } catch (IOException | RuntimeException clientGone) {
            // nothing more can be sent; the connection ends on its own
        } finally {
            if (serverResponse != null) {
                serverResponse.disarmWriteDeadline();
            }
        }
    }

    /** The handler returned without closing: stop writing, and let the server end the response. */
    private void handlerDone() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
        } finally {
            lock.unlock();
        }
        ended();
        if (serverResponse != null) {
            serverResponse.armWriteDeadline(); // the server's last writes and flush are bounded again
        }
    }

    private void ended() {
        context.cancel();
        unregister.run();
    }
}
