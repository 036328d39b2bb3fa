package dev.spindle.http.internal;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.http.Handler;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * One client connection, served by one virtual thread: read a request head, run the handler,
 * finish the response, repeat while the connection may stay open (RFC 9112 section 9).
 *
 * <p>Pipelining: bytes of the next request that arrive early stay in the {@link HttpInput} buffer;
 * requests are served one after the other, so responses go out in order. The output is flushed
 * only when no further request is already buffered, so a pipelined batch is answered in few
 * writes.
 *
 * <p>States ({@code state}): {@code ACTIVE} while a request is read or served; {@code IDLE} while
 * waiting for the next request's first byte; {@code RELEASING} while the sweeper takes the output
 * buffers of a connection idle for {@value #IDLE_RELEASE_MILLIS} ms (from IDLE, back to IDLE; the
 * connection's thread waits for it to end before it goes ACTIVE); {@code CLOSED} once closed.
 * Graceful shutdown closes only connections it can move from IDLE to CLOSED by CAS; a connection
 * that wins the race to ACTIVE finishes its request and then closes, because it sees the server
 * shutting down.
 *
 * <p>Timeouts while waiting for a request and reading its head: on a plain socket the reads are
 * untimed and the server's sweeper enforces {@code readDeadline} (set when the wait starts). A
 * timed read arms and cancels a timer in the virtual-thread scheduler on every request, which
 * showed in the profile of a keep-alive run; one sweep over all connections a tick does the same
 * job. A connection past its deadline gets its input shut down by the sweeper: the blocked read
 * sees end of stream, {@code readTimedOut} tells it why, and the head timeout is still answered
 * 408 on the open output. TLS sockets keep timed reads (their input cannot be shut down alone).
 *
 * <p>Bad input: an {@link HttpException} from the parser or from a body is answered with its
 * status and the connection closed, without reading or answering anything after it. The loop
 * never lets an exception escape: whatever goes wrong closes this connection only.
 */
public final class Connection implements Runnable {
    static final int ACTIVE = 0;
    static final int IDLE = 1;
    static final int CLOSED = 2;
    static final int RELEASING = 3;
    /** Most unread request-body bytes discarded after a handler to keep the connection open. */
    static final long DRAIN_LIMIT = 256 * 1024;
    /** How long a keep-alive connection waits for its next request before it frees its buffers. */
    static final int IDLE_RELEASE_MILLIS = 250;
    /** How long a closing connection reads and discards before the final close. */
    static final int LINGER_MILLIS = 200;
    private static final System.Logger LOG = System.getLogger("dev.spindle.http");

    private final ServerCore server;
    private final Socket socket;
    private final Handler handler;
    private final ServerConfig config;
    private final ServerObserver observer;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final java.util.function.BooleanSupplier shuttingDown;
    /** Whether the sweeper enforces the head and idle deadlines (plain sockets), not timed reads. */
    private final boolean swept;
    /**
     * When the current wait for a request or its head must end, for the sweeper: a
     * {@link System#nanoTime()} value; 0 = no such deadline now (a handler runs, or none is set).
     */
    private volatile long readDeadline;
    /** The status of an error response the server wrote in place of the handler's (500, 408, 400...), 0 if none; per exchange. */
    private int errorSent;
    /** Set by the sweeper before it shuts the input down at {@code readDeadline}. */
    private volatile boolean readTimedOut;
    /** When this connection became idle ({@link System#nanoTime()}); 0 = not idle, or released. */
    private volatile long idleSince;
    /** The field lines of the last request head, reused while the next ones repeat them. */
    private final FieldTable fields = new FieldTable();
    private HttpInput in;
    private HttpOutput out;
    private DisconnectWatcher watcher;
    private CancellableContext requestContext;

    Connection(ServerCore server, Socket socket) {
        this.server = server;
        this.socket = socket;
        this.handler = server.handler();
        this.config = server.config();
        this.observer = server.observer();
        this.shuttingDown = server::isShuttingDown;
        this.swept = !(socket instanceof SSLSocket);
    }

    @Override
    public void run() {
        try {
            in = new HttpInput(socket, socket.getInputStream(),
                    Math.max(config.maxRequestLineBytes(), config.maxHeaderBytes()) + 1024);
            out = new HttpOutput(socket.getOutputStream(), config.writeTimeout().toNanos());
            headDeadline();
            if (!in.awaitData() || !state.compareAndSet(IDLE, ACTIVE)) {
                return;
            }
            do {
                RequestHead head = readHead();
                if (head == null || !exchange(head)) {
                    return;
                }
            } while (awaitNextRequest());
        } catch (IOException e) {
            // the client went away or the socket failed: this connection ends, nothing else does
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "http-lite bug: connection loop failed; closing the connection", e);
        } finally {
            close();
        }
    }

    private RequestHead readHead() throws IOException {
        try {
            return RequestParser.parse(in, config, fields);
        } catch (HttpException e) {
            reject(e);
            return null;
        } catch (SocketTimeoutException e) {
            rejectTimeout();
            return null;
        } catch (EOFException e) {
            if (readTimedOut) {
                rejectTimeout();
            }
            return null;
        }
    }

    private void rejectTimeout() throws IOException {
        reject(new HttpException(408, "header-timeout", "the request head was not received in time"));
    }

    /** Starts the deadline for the head of the next request (from its first byte on). */
    private void headDeadline() {
        long d = ServerConfig.deadlineAfter(config.readHeaderTimeout());
        if (swept) {
            readDeadline = d == Long.MAX_VALUE ? 0 : d;
        } else {
            in.deadline(d);
        }
    }

    private boolean awaitNextRequest() throws IOException {
        if (in.available() > 0) {
            return !server.isShuttingDown();
        }
        in.compactIdle();
        if (swept) {
            long d = ServerConfig.deadlineAfter(config.idleTimeout());
            readDeadline = d == Long.MAX_VALUE ? 0 : d;
            idleSince = System.nanoTime();
        }
        state.set(IDLE);
        if (server.isShuttingDown()) {
            return false;
        }
        if (!(swept ? in.awaitData() : awaitIdle())) {
            return false;
        }
        if (!activate()) {
            return false;
        }
        idleSince = 0;
        headDeadline();
        return true;
    }

    /** IDLE to ACTIVE; waits out a sweeper releasing the buffers; false if closed meanwhile. */
    private boolean activate() {
        while (!state.compareAndSet(IDLE, ACTIVE)) {
            if (state.get() != RELEASING) {
                return false;
            }
            Thread.onSpinWait(); // the sweeper holds RELEASING for a few field writes
        }
        return true;
    }

    /**
     * Waits for the first byte of the next request, up to the idle timeout, with timed reads (TLS
     * only). A connection that stays quiet past {@value #IDLE_RELEASE_MILLIS} ms gives back its
     * output buffer and shrinks its input buffer first, so thousands of idle keep-alive
     * connections hold little heap, while a busy one keeps its buffers.
     */
    private boolean awaitIdle() throws IOException {
        long idleDeadline = ServerConfig.deadlineAfter(config.idleTimeout());
        long releaseAt = System.nanoTime() + IDLE_RELEASE_MILLIS * 1_000_000L;
        boolean released = false;
        while (true) {
            in.deadline(released || idleDeadline - releaseAt <= 0 ? idleDeadline : releaseAt);
            try {
                return in.awaitData();
            } catch (SocketTimeoutException quiet) {
                if (released || idleDeadline - releaseAt <= 0) {
                    return false;
                }
                out.releaseIfEmpty();
                in.compactIdle();
                released = true;
            }
        }
    }

    /** Serves one request; returns whether the connection may carry another. */
    private boolean exchange(RequestHead head) throws IOException {
        errorSent = 0;
        HttpRequestEvent event = new HttpRequestEvent();
        event.begin();
        long start = observer.enabled() ? System.nanoTime() : 0;
        ResponseOutput response = new ResponseOutput(out, head, shuttingDown);
        RequestBody body = body(head, response);
        ServerRequest request = new ServerRequest(head, body, this, response);
        readDeadline = 0;
        in.deadline(Long.MAX_VALUE);
        Throwable failure = head.path().equals("*") ? optionsAsterisk(response) : invoke(request, response);
        boolean keep = complete(request, response, body, failure);
        int sent = statusSent(response);
        if (observer.enabled()) {
            observer.request(head.method(), request.pattern(), sent, System.nanoTime() - start, failure,
                    delivered(response, body, failure));
        }
        record(event, request, sent, failure);
        return keep;
    }

    /**
     * The status on the wire for the exchange just completed: the error status the server wrote in
     * the handler's place, else the handler's. The one source of the status that metrics and the
     * JFR event report.
     */
    private int statusSent(ResponseOutput response) {
        return errorSent != 0 ? errorSent : response.status();
    }

    /**
     * Whether the client received a whole response with {@link #statusSent}: the server's own error
     * response, or the handler's when nothing failed. Not when the handler threw after committing
     * (the response is cut short), when the request body failed (the client went away, or bad
     * framing closed the connection before the response was finished), or when a write failed.
     */
    private boolean delivered(ResponseOutput response, RequestBody body, Throwable failure) {
        return errorSent != 0 || (failure == null && body.error() == null && !response.writeFailed());
    }

    /** Commits the request's {@link HttpRequestEvent} if a recording wants it. */
    private static void record(HttpRequestEvent event, ServerRequest request, int status, Throwable failure) {
        event.end();
        if (event.shouldCommit()) {
            event.method = request.head().method();
            event.route = request.pattern();
            event.path = request.head().path();
            event.status = status;
            event.exception = failure == null ? null : failure.getClass();
            event.commit();
        }
    }

    private RequestBody body(RequestHead head, ResponseOutput response) {
        long timeout = config.bodyReadTimeout().toNanos();
        if (head.chunked()) {
            return new ChunkedBody(in, config, response::sendContinue, timeout);
        }
        if (head.contentLength() > 0) {
            return new FixedLengthBody(in, head.contentLength(), response::sendContinue, timeout);
        }
        return RequestBody.EMPTY;
    }

    private Throwable invoke(ServerRequest request, ResponseOutput response) {
        try {
            handler.serve(request, response);
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Throwable optionsAsterisk(ResponseOutput response) {
        response.headers().set("Content-Length", "0");
        return null;
    }

    private boolean complete(ServerRequest request, ResponseOutput response, RequestBody body, Throwable failure)
            throws IOException {
        response.handlerDone();
        IOException bodyError = body.error();
        if (bodyError instanceof HttpException bad) {
            endWatch();
            observer.rejected(bad.reason());
            if (!response.isCommitted()) {
                errorSent = bad.status();
                ResponseOutput.writeError(out, bad.status(), bad.getMessage(), isHead(request));
            }
            return false;
        }
        if (failure != null || bodyError != null) {
            return failed(request, response, failure, bodyError);
        }
        if (!body.isFinished()) {
            boolean canDrain = !request.head().expectContinue() || response.continueSent();
            if (!canDrain || !body.drain(DRAIN_LIMIT)) {
                response.markClose();
            }
        }
        response.finish();
        boolean keep = !response.closeAfter() && !server.isShuttingDown();
        if (!keep || watcher != null || in.available() == 0) {
            out.flush();
        }
        out.disarmDeadline();
        return endWatch() && keep;
    }

    private boolean failed(ServerRequest request, ResponseOutput response, Throwable failure, IOException bodyError)
            throws IOException {
        boolean clientGone = bodyError != null || response.writeFailed();
        // A handler that stops by letting a cancellation through once its request's context is done
        // (the client went away) or the server is shutting down (an event stream's context) has
        // not failed: Go's http.ErrAbortHandler.
        boolean aborted = failure instanceof CancelledException
                && (server.isShuttingDown() || (requestContext != null && requestContext.isDone()));
        if (failure != null && !clientGone && !aborted) {
            LOG.log(System.Logger.Level.WARNING, "handler failed on " + request, failure);
        }
        endWatch();
        if (response.isCommitted()) {
            return false;
        }
        if (bodyError instanceof SocketTimeoutException) {
            observer.rejected("body-timeout");
            errorSent = 408;
            ResponseOutput.writeError(out, 408, "the request body was not received in time", isHead(request));
        } else if (!clientGone) {
            errorSent = 500;
            ResponseOutput.writeError(out, 500, null, isHead(request));
        }
        return false;
    }

    private static boolean isHead(ServerRequest request) {
        return request.method().equals("HEAD");
    }

    /** Ends the disconnect watch and the request's context; false if the client is gone. */
    private boolean endWatch() {
        boolean alive = true;
        if (watcher != null) {
            alive = watcher.stop();
            watcher = null;
        }
        if (requestContext != null) {
            requestContext.cancel();
            requestContext = null;
        }
        return alive;
    }

    private void reject(HttpException e) throws IOException {
        observer.rejected(e.reason());
        ResponseOutput.writeError(out, e.status(), e.getMessage(), false);
    }

    /** Called by {@link ServerRequest#context()}, on the handler's thread. */
    Context requestContext(RequestBody body) {
        CancellableContext ctx = server.rootContext().withCancel();
        requestContext = ctx;
        if (body.isFinished()) {
            startWatch(ctx);
        } else {
            body.onEnd(() -> startWatch(ctx));
        }
        return ctx;
    }

    private void startWatch(CancellableContext ctx) {
        if (watcher == null && requestContext == ctx && in.canFill()) {
            watcher = DisconnectWatcher.start(in, ctx);
        }
    }

    /**
     * The sweeper's check, on the sweeper's thread: closes the connection if its write deadline
     * passed; ends the wait for a request or its head if its read deadline passed; gives back the
     * output buffers of a connection idle for {@value #IDLE_RELEASE_MILLIS} ms.
     */
    void sweep(long now) {
        long d = out == null ? 0 : out.writeDeadline();
        if (d != 0 && now - d > 0) {
            abort();
            return;
        }
        long r = readDeadline;
        if (r != 0 && now - r > 0) {
            readTimedOut = true;
            readDeadline = 0;
            try {
                socket.shutdownInput(); // the blocked read returns end of stream; output stays open
            } catch (IOException e) {
                abort();
            }
            return;
        }
        long idle = idleSince;
        if (idle != 0 && now - idle > IDLE_RELEASE_MILLIS * 1_000_000L && state.compareAndSet(IDLE, RELEASING)) {
            idleSince = 0;
            out.releaseIfEmpty(); // safe: the owner is blocked in a read and touches no output until ACTIVE
            state.compareAndSet(RELEASING, IDLE); // not set(IDLE): an abort meanwhile made it CLOSED
        }
    }

    /** Closes this connection if it is idle; returns whether it did. */
    boolean closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) {
            closeSocket();
            return true;
        }
        return false;
    }

    /** Closes the socket at once, whatever the state. */
    void abort() {
        state.set(CLOSED);
        closeSocket();
        CancellableContext ctx = requestContext;
        if (ctx != null) {
            ctx.cancel(new IOException("connection closed by the server"));
        }
    }

    private void close() {
        state.set(CLOSED);
        endWatch(); // the watcher must let go of the input before the lingering read below
        try {
            if (out != null) {
                out.flush();
            }
            if (!(socket instanceof SSLSocket) && !socket.isClosed()) {
                lingerClose();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        closeSocket();
        server.closed(this);
    }

    /**
     * Half-closes, then reads and discards for a moment before closing, so that unread request
     * bytes in the kernel do not turn our close into a TCP reset that destroys the response in
     * flight (RFC 9112 section 9.6).
     */
    private void lingerClose() throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        byte[] scratch = new byte[4096];
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        int total = 0;
        var stream = socket.getInputStream();
        while (total < 64 * 1024 && System.nanoTime() - deadline < 0) {
            int n = stream.read(scratch);
            if (n < 0) {
                break;
            }
            total += n;
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    ServerCore server() {
        return server;
    }

    /**
     * For tests, on the handler's thread: whether a poll of the current request's disconnect watch
     * has timed out; false if no watch runs.
     */
    boolean watchPollTimedOut() {
        DisconnectWatcher w = watcher;
        return w != null && w.pollTimedOut();
    }

    /**
     * For tests, from any thread, after this connection served a request: whether it now waits
     * idle for the next one and the sweeper has given back its output buffers ({@code idleSince}
     * is cleared by the release; the owner clears it only once ACTIVE again).
     */
    boolean idleAndReleased() {
        return swept && state.get() == IDLE && idleSince == 0;
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    boolean isSecure() {
        return socket instanceof SSLSocket;
    }
}
