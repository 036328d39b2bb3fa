package dev.spindle.http.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one request as an {@link InputStream}; the base of {@link FixedLengthBody} and
 * {@link ChunkedBody}.
 *
 * <p>What it adds to the framing: before the first byte is read it runs the {@code onFirstRead}
 * hook (which sends {@code 100 Continue} when the client asked for it) and arms the body-read
 * deadline; it remembers the first error (bad framing, over the size limit, cut short, timeout), so
 * the connection can answer it even if the handler swallowed it, and it can be drained after the
 * handler so the next request on the connection starts at the right byte.
 *
 * <p>Contract under failure: a malformed or oversized body throws {@link HttpException} (an
 * {@link IOException}); a body cut short by the client throws {@link java.io.EOFException}; the
 * read deadline throws {@link java.net.SocketTimeoutException}. After an error every read throws
 * the same error. {@link #close()} does not close the connection.
 */
public abstract class RequestBody extends InputStream {
    /** The empty body of a request without one. */
    public static final RequestBody EMPTY = new RequestBody(null, null, 0) {
        @Override
        protected int readBody(byte[] b, int off, int len) {
            return -1;
        }

        @Override
        public boolean isFinished() {
            return true;
        }
    };

    protected final HttpInput in;
    private final Runnable onFirstRead;
    private final long readTimeoutNanos;
    private boolean started;
    private Runnable onEnd;
    private IOException error;

    /**
     * Creates a body.
     *
     * @param in the connection's input
     * @param onFirstRead run before the first read (may be {@code null})
     * @param readTimeoutNanos the body-read deadline, from the first read; 0 for none
     */
    protected RequestBody(HttpInput in, Runnable onFirstRead, long readTimeoutNanos) {
        this.in = in;
        this.onFirstRead = onFirstRead;
        this.readTimeoutNanos = readTimeoutNanos;
    }

    /**
     * Reads framed body bytes.
     *
     * @param b destination
     * @param off offset
     * @param len most bytes, &gt; 0
     * @return bytes read, or -1 at the end of the body
     * @throws IOException on bad framing or a socket failure
     */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    /**
     * Whether the whole body (and for chunked, its trailer section) has been read.
     *
     * @return {@code true} if finished
     */
    public abstract boolean isFinished();

    /**
     * The first error this body threw, if any.
     *
     * @return the error, or {@code null}
     */
    public IOException error() {
        return error;
    }

    /**
     * Registers {@code hook} to run once, on the reading thread, when a read reaches the end of the
     * body. Used to start the disconnect watch once the body no longer needs the input.
     *
     * @param hook what to run
     */
    public void onEnd(Runnable hook) {
        this.onEnd = hook;
    }

    /**
     * Whether the handler ever started reading.
     *
     * @return {@code true} once a read was attempted
     */
    public boolean started() {
        return started;
    }

    private byte[] one;

    @Override
    public int read() throws IOException {
        if (one == null) {
            one = new byte[1];
        }
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (error != null) {
            throw error;
        }
        if (len == 0) {
            return 0;
        }
        if (!started) {
            start();
        }
        try {
            int n = readBody(b, off, len);
            if (n < 0 && onEnd != null) {
                Runnable r = onEnd;
                onEnd = null;
                r.run();
            }
            return n;
        } catch (IOException e) {
            error = e;
            throw e;
        }
    }

    private void start() {
        started = true;
        if (onFirstRead != null) {
            onFirstRead.run();
        }
        if (in != null && readTimeoutNanos > 0) {
            in.deadline(System.nanoTime() + readTimeoutNanos);
        }
    }

    /**
     * Reads and discards the rest of the body, if it is at most {@code maxBytes} long.
     *
     * @param maxBytes the most bytes to discard
     * @return {@code true} if the body is now finished; {@code false} if it is longer, or failed
     */
    public boolean drain(long maxBytes) {
        if (error != null) {
            return false;
        }
        byte[] scratch = new byte[4096];
        long left = maxBytes;
        try {
            while (!isFinished()) {
                int n = read(scratch, 0, (int) Math.min(scratch.length, Math.max(1, left)));
                if (n < 0) {
                    break;
                }
                left -= n;
                if (left < 0) {
                    return false;
                }
            }
            return isFinished();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // The connection owns the socket; unread bytes are drained or the connection closed.
    }
}
