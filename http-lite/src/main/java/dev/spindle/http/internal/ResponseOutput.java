package dev.spindle.http.internal;

import dev.spindle.http.Headers;
import dev.spindle.http.ResponseWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server's {@link ResponseWriter} for one exchange: buffers the body until commit, then picks
 * the framing (RFC 9112 section 6) and writes head and body to the connection's {@link HttpOutput}.
 *
 * <p>States: not committed ({@code committed == false}: status and headers may change, body bytes
 * collect in {@code pending}); committed (head written, body bytes go straight out, framed);
 * finished (the chunked terminator written, later writes fail). Framing at commit: the
 * handler's Content-Length if it set one; else, when committing at the end of the handler, the
 * buffered length; else chunked for HTTP/1.1; else close-delimited (HTTP/1.0, connection closes).
 * No body is sent for HEAD, 1xx, 204 and 304 ({@code bodyAllowed == false}); for HEAD the
 * Content-Length the GET body would have is still sent when it is known (as Go does).
 *
 * <p>Allocation: one instance per exchange, never reused (a handler may keep its writer; after the
 * exchange every write fails). Its {@link Headers} and body stream are made only when asked for:
 * {@link #bytes} (and so {@code text} and {@code json}) called before {@link #headers()} keeps the
 * Content-Type and the length in {@code lazyType} and {@code lazyLength}, and a commit that would
 * not change the headers (a keep-alive HTTP/1.1 response with a known length) writes them from
 * there. Whoever asks for the headers later gets exactly what the eager path would have built
 * ({@code Content-Type}, then {@code Content-Length}, locked once committed).
 */
public final class ResponseOutput implements ResponseWriter {
    static final int BUFFER = 8192;
    private static final String COMMITTED = "the response is already committed (status and headers were sent)";
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final HttpOutput out;
    private final RequestHead request;
    private final boolean head;
    private final java.util.function.BooleanSupplier shuttingDown;
    /** The headers; {@code null} until {@link #headers()} makes them (then lazyType/lazyLength are unset). */
    private Headers headers;
    /** The Content-Type {@link #bytes} set while {@code headers == null}; {@code null} if none. */
    private String lazyType;
    /** The Content-Length {@link #bytes} set while {@code headers == null}; -1 if none. */
    private long lazyLength = -1;
    /** The stream of {@link #body()}; {@code null} until asked for. */
    private Body body;
    private int status = 200;
    private byte[] pending;
    private int pendingCount;
    private boolean committed;
    private boolean finished;
    private boolean chunked;
    private boolean bodyAllowed;
    /** The Content-Length being sent; -1 if none (chunked or close-delimited). */
    private long declared = -1;
    private long written;
    /** Whether the Content-Length is the buffered body's, computed here: writeHead then sends it. */
    private boolean autoLength;
    private boolean closeAfter;
    private boolean continueSent;
    private boolean writeFailed;
    /** Run once when the handler returns, before the server ends the response; null if none. */
    private Runnable handlerDoneHook;

    /**
     * Creates the writer.
     *
     * @param out the connection's output
     * @param request the request being answered
     * @param shuttingDown whether the server is shutting down, asked at commit (adds
     *     {@code Connection: close})
     */
    public ResponseOutput(HttpOutput out, RequestHead request, java.util.function.BooleanSupplier shuttingDown) {
        this.out = out;
        this.request = request;
        this.head = request.method().equals("HEAD");
        this.shuttingDown = shuttingDown;
    }

    @Override
    public Headers headers() {
        if (headers == null) {
            Headers h = new Headers();
            if (lazyType != null) {
                h.set("Content-Type", lazyType);
            }
            if (lazyLength >= 0) {
                h.set("Content-Length", Long.toString(lazyLength));
            }
            lazyType = null;
            lazyLength = -1;
            if (committed) {
                h.lock(COMMITTED);
            }
            headers = h;
        }
        return headers;
    }

    /**
     * Sends a complete response, as {@link ResponseWriter#bytes} does; while nobody has asked for
     * the headers, without making them (see the class comment).
     */
    @Override
    public void bytes(int status, String contentType, byte[] body) throws IOException {
        java.util.Objects.requireNonNull(body, "body");
        status(status);
        if (headers == null && Ascii.isFieldValue(contentType)) {
            lazyType = contentType;
            lazyLength = body.length;
        } else {
            headers().set("Content-Type", contentType);
            headers().set("Content-Length", Integer.toString(body.length));
        }
        write(body, 0, body.length);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    @Override
    public ResponseWriter status(int code) {
        status = StatusText.checkSettable(code, committed, status);
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public OutputStream body() {
        if (body == null) {
            body = new Body();
        }
        return body;
    }

    @Override
    public void flush() throws IOException {
        if (!committed) {
            commit(false);
        }
        try {
            out.flush();
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    /**
     * Whether the connection must close after this response.
     *
     * @return {@code true} if so
     */
    public boolean closeAfter() {
        return closeAfter;
    }

    /** Marks that the connection must close after this response (sent as {@code Connection: close} if not committed). */
    public void markClose() {
        closeAfter = true;
    }

    /**
     * Whether a write to the client failed (the client went away or timed out).
     *
     * @return {@code true} if so
     */
    public boolean writeFailed() {
        return writeFailed;
    }

    /**
     * Whether {@code 100 Continue} was sent.
     *
     * @return {@code true} if sent
     */
    public boolean continueSent() {
        return continueSent;
    }

    /** Sends {@code 100 Continue} if the client asked for it and no final response has started. */
    public void sendContinue() {
        if (!request.expectContinue() || continueSent || committed) {
            return;
        }
        continueSent = true;
        try {
            out.writeLatin1("HTTP/1.1 100 Continue\r\n\r\n");
            out.flush();
        } catch (IOException e) {
            writeFailed = true; // the body read that follows fails on its own
        }
    }

    /**
     * Registers what to run once when the handler returns (an event stream stops writing there).
     * Called on the handler's thread, which is also the connection's.
     *
     * @param hook the hook
     */
    void onHandlerDone(Runnable hook) {
        handlerDoneHook = hook;
    }

    /** Runs the hook of {@link #onHandlerDone}, if any; called by the connection after the handler. */
    void handlerDone() {
        Runnable hook = handlerDoneHook;
        if (hook != null) {
            handlerDoneHook = null;
            hook.run();
        }
    }

    /** Arms the connection's write deadline (a write timeout from now), for one streamed write. */
    void armWriteDeadline() {
        out.armDeadline();
    }

    /** Disarms the connection's write deadline, between streamed writes. */
    void disarmWriteDeadline() {
        out.disarmDeadline();
    }

    /**
     * Completes the response after the handler returned: commits if needed, ends a chunked body,
     * and notes a body shorter than its Content-Length (the connection must then close).
     *
     * @throws IOException if the client has gone away
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (!committed) {
            commit(true);
        }
        finished = true;
        try {
            if (chunked) {
                out.write(LAST_CHUNK, 0, LAST_CHUNK.length);
            }
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
        if (declared >= 0 && bodyAllowed && written < declared) {
            closeAfter = true;
        }
    }

    private void commit(boolean finishing) throws IOException {
        bodyAllowed = !head && status != 204 && status != 304;
        if (headers == null && headlessCommit(finishing)) {
            committed = true;
            declared = lazyLength >= 0 ? lazyLength : status == 304 ? -1 : pendingCount;
            autoLength = lazyLength < 0 && status != 304;
        } else {
            headers();
            committed = true;
            framing(finishing);
            connectionHeader();
            headers.lock(COMMITTED);
        }
        try {
            writeHead();
            out.armDeadline();
            if (pendingCount > 0) {
                int n = pendingCount;
                pendingCount = 0;
                writeThrough(pending, 0, n);
            }
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }

    /**
     * Whether a commit now would leave the headers as they are, so that the head can be written
     * from {@code lazyType} and {@code lazyLength}: not a 204 (its Content-Length goes), no
     * {@code Connection} to add (HTTP/1.1, keep-alive, not shutting down), and a length known
     * ({@code lazyLength}, or the whole buffered body at the end of the handler) or a 304.
     */
    private boolean headlessCommit(boolean finishing) {
        if (status == 204 || closeAfter || !request.http11() || !request.keepAlive() || shuttingDown.getAsBoolean()) {
            return false;
        }
        return lazyLength >= 0 || status == 304 || (finishing && (bodyAllowed || pendingCount > 0));
    }

    private void framing(boolean finishing) {
        headers.remove("Transfer-Encoding");
        String cl = headers.firstOrNull("Content-Length");
        if (cl != null) {
            declared = Ascii.parseLength(cl);
            if (declared < 0) {
                headers.remove("Content-Length");
            }
        }
        if (status == 204) {
            headers.remove("Content-Length");
            declared = -1;
            return;
        }
        if (declared >= 0 || status == 304) {
            return;
        }
        if (finishing && (bodyAllowed || pendingCount > 0)) {
            declared = pendingCount;
            autoLength = true; // written by writeHead, not added to the headers
        } else if (bodyAllowed && request.http11()) {
            chunked = true;
            headers.set("Transfer-Encoding", "chunked");
        } else if (bodyAllowed) {
            closeAfter = true; // HTTP/1.0 without a length: the end of the connection ends the body
        }
    }

    private void connectionHeader() {
        String connection = headers.firstOrNull("Connection");
        if (connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("close")) {
            closeAfter = true;
        }
        if (!request.keepAlive() || shuttingDown.getAsBoolean()) {
            closeAfter = true;
        }
        if (closeAfter) {
            headers.set("Connection", "close");
        } else if (!request.http11()) {
            headers.set("Connection", "keep-alive");
        }
    }

    private void writeHead() throws IOException {
        ResponseHead h = out.head();
        h.start(status);
        if (headers != null) {
            headers.forEach(h);
        } else {
            if (lazyType != null) {
                h.accept("Content-Type", lazyType);
            }
            if (lazyLength >= 0) {
                h.contentLength(lazyLength);
            }
        }
        if (autoLength) {
            h.contentLength(declared);
        }
        if (headers == null || !headers.contains("Date")) {
            h.line(HttpDate.fieldLine());
        }
        h.end();
        out.write(h.bytes(), 0, h.length());
    }

    private void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the response body is closed; no more writes");
        }
        if (!committed) {
            if (pendingCount + len <= BUFFER) {
                ensurePending(pendingCount + len);
                System.arraycopy(b, off, pending, pendingCount, len);
                pendingCount += len;
                return;
            }
            commit(false);
        }
        try {
            writeThrough(b, off, len);
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }

    /**
     * Makes {@code pending} hold at least {@code needed} bytes. It is the connection's buffer
     * ({@link HttpOutput#pendingBuffer()}), reused by every response on it, grown by doubling (small
     * bodies stay small) and never above {@link #BUFFER}.
     */
    private void ensurePending(int needed) {
        if (pending == null) {
            pending = out.pendingBuffer();
        }
        if (pending.length < needed) {
            int size = pending.length;
            while (size < needed) {
                size *= 2;
            }
            byte[] grown = new byte[Math.min(BUFFER, size)];
            if (pendingCount > 0) {
                System.arraycopy(pending, 0, grown, 0, pendingCount);
            }
            pending = grown;
            out.keepPendingBuffer(grown);
        }
    }

    private void writeThrough(byte[] b, int off, int len) throws IOException {
        if (declared >= 0 && written + len > declared) {
            throw new IOException("handler wrote more than the declared Content-Length of " + declared + " bytes");
        }
        written += len;
        if (!bodyAllowed || len == 0) {
            return;
        }
        if (chunked) {
            out.writeChunk(b, off, len);
        } else {
            out.write(b, off, len);
        }
    }

    /**
     * Writes a complete error response and marks it as the last on the connection. Used for bad
     * input, limits and handler failures, outside any handler.
     *
     * @param out the connection's output
     * @param status the status
     * @param message the detail, sent as text after the reason phrase
     * @param headRequest whether the request was HEAD (the body is then left out)
     * @throws IOException if the socket fails
     */
    public static void writeError(HttpOutput out, int status, String message, boolean headRequest)
            throws IOException {
        byte[] text = (status + " " + StatusText.of(status) + (message == null ? "" : ": " + message) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.writeLatin1("HTTP/1.1 " + status + " " + StatusText.of(status)
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff"
                + "\r\nContent-Length: " + text.length + "\r\nConnection: close\r\nDate: " + HttpDate.now()
                + "\r\n\r\n");
        if (!headRequest) {
            out.write(text, 0, text.length);
        }
        out.flush();
    }

    /** The body stream handed to the handler. */
    private final class Body extends OutputStream {
        private byte[] one; // made on the first single-byte write only

        @Override
        public void write(int b) throws IOException {
            if (one == null) {
                one = new byte[1];
            }
            one[0] = (byte) b;
            ResponseOutput.this.write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ResponseOutput.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            ResponseOutput.this.flush();
        }

        @Override
        public void close() throws IOException {
            ResponseOutput.this.finish();
        }
    }
}
