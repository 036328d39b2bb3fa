package dev.spindle.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The buffered reader of one connection, with a deadline: every read from the socket waits at most
 * until {@link #deadline(long)} (via {@code SO_TIMEOUT} set to the time left), so a client that
 * sends a byte a second is still cut off at the deadline, not merely after a silent gap.
 *
 * <p>Invariants: {@code 0 <= pos <= limit <= buf.length}; the unread bytes are
 * {@code buf[pos, limit)}; bytes of a pipelined next request stay there until that request is
 * parsed. The buffer starts small (idle connections are cheap) and grows only up to
 * {@code maxBuffer}, the largest request head allowed plus slack.
 *
 * <p>Not thread-safe: owned by its connection's thread (or, while a handler runs, by the handler
 * that reads the body on that same thread).
 */
public final class HttpInput {
    private static final int INITIAL = 2048;

    private final Socket socket;
    private final InputStream in;
    private final int maxBuffer;
    private byte[] buf = new byte[INITIAL];
    private int pos;
    private int limit;
    /** {@link System#nanoTime()} after which reads fail; {@code Long.MAX_VALUE} = none. */
    private long deadline = Long.MAX_VALUE;
    private int currentTimeoutMillis = -1;
    /** Total bytes received on this connection; used to tell an idle close from a cut request. */
    private long received;

    /**
     * Wraps a connected socket.
     *
     * @param socket the socket (its timeout is managed here)
     * @param in the socket's input stream
     * @param maxBuffer the largest buffer this reader may grow to
     */
    public HttpInput(Socket socket, InputStream in, int maxBuffer) {
        this.socket = socket;
        this.in = in;
        this.maxBuffer = Math.max(maxBuffer, INITIAL);
    }

    /**
     * Sets the deadline for later reads.
     *
     * @param nanoTime a {@link System#nanoTime()} value, or {@code Long.MAX_VALUE} for none
     */
    public void deadline(long nanoTime) {
        this.deadline = nanoTime;
    }

    /**
     * The current deadline.
     *
     * @return a {@link System#nanoTime()} value, or {@code Long.MAX_VALUE}
     */
    public long deadline() {
        return deadline;
    }

    /**
     * The number of buffered, unread bytes.
     *
     * @return the count
     */
    public int available() {
        return limit - pos;
    }

    /**
     * Total bytes received so far on this connection.
     *
     * @return the count
     */
    public long received() {
        return received;
    }

    byte[] buffer() {
        return buf;
    }

    int pos() {
        return pos;
    }

    int limit() {
        return limit;
    }

    void skip(int n) {
        pos += n;
    }

    /**
     * Reads more bytes from the socket into the buffer, compacting or growing it first if full.
     *
     * @return the number of bytes read, or -1 at end of stream
     * @throws SocketTimeoutException if the deadline passes first
     * @throws IOException if the socket fails, or the buffer is at its maximum and full
     */
    int fill() throws IOException {
        if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else if (buf.length < maxBuffer) {
                buf = Arrays.copyOf(buf, Math.min(maxBuffer, buf.length * 2));
            } else {
                throw new IllegalStateException("input buffer full at " + buf.length + " bytes");
            }
        }
        armTimeout();
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
            received += n;
        }
        return n;
    }

    /**
     * Whether the buffer may still grow or compact to take more bytes.
     *
     * @return {@code true} if {@link #fill()} can add bytes
     */
    boolean canFill() {
        return limit < buf.length || pos > 0 || buf.length < maxBuffer;
    }

    /**
     * Waits until at least one byte is buffered.
     *
     * @return {@code false} at end of stream
     * @throws IOException if the socket fails or the deadline passes
     */
    public boolean awaitData() throws IOException {
        while (pos == limit) {
            if (fill() < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads up to {@code len} bytes, from the buffer first, then straight from the socket.
     *
     * @param dst where to put them
     * @param off offset in {@code dst}
     * @param len the most to read, &gt; 0
     * @return bytes read, or -1 at end of stream
     * @throws IOException if the socket fails or the deadline passes
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        int buffered = limit - pos;
        if (buffered > 0) {
            int n = Math.min(buffered, len);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            armTimeout();
            int n = in.read(dst, off, len);
            if (n > 0) {
                received += n;
            }
            return n;
        }
        pos = 0;
        limit = 0;
        int n = fill();
        if (n <= 0) {
            return -1;
        }
        return read(dst, off, len);
    }

    /**
     * Reads one byte.
     *
     * @return the byte (0..255), or -1 at end of stream
     * @throws IOException if the socket fails or the deadline passes
     */
    public int read() throws IOException {
        if (pos == limit && !awaitData()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /**
     * Drops the bytes already buffered and shrinks the buffer back to its initial size if it grew,
     * so an idle connection holds little memory.
     */
    public void compactIdle() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
            if (buf.length > INITIAL) {
                buf = new byte[INITIAL];
            }
        }
    }

    private void armTimeout() throws IOException {
        int millis;
        if (deadline == Long.MAX_VALUE) {
            millis = 0;
        } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("read deadline passed");
            }
            millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        }
        if (millis != currentTimeoutMillis) {
            socket.setSoTimeout(millis);
            currentTimeoutMillis = millis;
        }
    }
}
