package dev.spindle.http.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The buffered writer of one connection, plus its write deadline.
 *
 * <p>Java sockets have no write timeout, so a client that stops reading would block a write
 * forever. Instead, a response arms {@link #writeDeadline} when it commits; the server's sweeper
 * thread closes the socket of any connection whose armed deadline has passed, which fails the
 * blocked write. Encoding of the field: 0 = not armed; otherwise a {@link System#nanoTime()} value.
 *
 * <p>Invariant: {@code 0 <= count <= buf.length}; {@code buf[0, count)} is written but not yet
 * sent. Not thread-safe except {@link #writeDeadline()}, which the sweeper reads.
 */
public final class HttpOutput {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int SIZE = 8192;

    private final OutputStream out;
    private final long writeTimeoutNanos;
    private final ResponseHead head = new ResponseHead();
    private byte[] buf;
    private int count;
    /** Where a response buffers its body until it commits; see {@link #pendingBuffer()}. */
    private byte[] pending;
    private volatile long writeDeadline;

    /**
     * Wraps the socket's output stream.
     *
     * @param out the socket's stream
     * @param writeTimeoutNanos the write timeout; 0 = none
     */
    public HttpOutput(OutputStream out, long writeTimeoutNanos) {
        this.out = out;
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    /**
     * The reusable builder of response heads of this connection.
     *
     * @return the builder
     */
    ResponseHead head() {
        return head;
    }

    /**
     * The buffer in which the current response collects its body before commit; one per
     * connection, reused by each response (a response is done with it once it has committed).
     *
     * @return the buffer, at least 256 bytes
     */
    byte[] pendingBuffer() {
        if (pending == null) {
            pending = new byte[256];
        }
        return pending;
    }

    /**
     * Keeps a grown pending buffer for the next responses.
     *
     * @param grown the buffer that replaces the one from {@link #pendingBuffer()}
     */
    void keepPendingBuffer(byte[] grown) {
        pending = grown;
    }

    /** Arms the write deadline (if a write timeout is configured). */
    public void armDeadline() {
        if (writeTimeoutNanos > 0) {
            long d = System.nanoTime() + writeTimeoutNanos;
            writeDeadline = d == 0 ? 1 : d;
        }
    }

    /** Disarms the write deadline. */
    public void disarmDeadline() {
        if (writeDeadline != 0) {
            writeDeadline = 0;
        }
    }

    /**
     * The armed deadline, for the sweeper.
     *
     * @return 0 if not armed, else a {@link System#nanoTime()} value
     */
    public long writeDeadline() {
        return writeDeadline;
    }

    /**
     * Writes bytes, through the buffer when they are few.
     *
     * @param b the bytes
     * @param off offset
     * @param len count
     * @throws IOException if the socket fails
     */
    public void write(byte[] b, int off, int len) throws IOException {
        if (buf == null) {
            buf = new byte[SIZE];
        }
        if (len > buf.length - count) {
            flushBuffer();
            if (len >= buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /**
     * Writes an ISO-8859-1 string (one byte per char).
     *
     * @param s the string
     * @throws IOException if the socket fails
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for Latin-1
    public void writeLatin1(String s) throws IOException {
        if (buf == null) {
            buf = new byte[SIZE];
        }
        int n = s.length();
        if (n > buf.length - count) {
            flushBuffer();
            if (n > buf.length) {
                byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                out.write(bytes);
                return;
            }
        }
        s.getBytes(0, n, buf, count); // deprecated but exact: low byte of each char, no encoder
        count += n;
    }

    /**
     * Writes one chunk of the chunked coding: size in hex, CRLF, data, CRLF.
     *
     * @param b the data
     * @param off offset
     * @param len count, &gt; 0
     * @throws IOException if the socket fails
     */
    public void writeChunk(byte[] b, int off, int len) throws IOException {
        writeLatin1(Integer.toHexString(len));
        write(CRLF, 0, 2);
        write(b, off, len);
        write(CRLF, 0, 2);
    }

    /**
     * Sends everything buffered and flushes the socket stream.
     *
     * @throws IOException if the socket fails
     */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /**
     * Drops the buffer if it is empty, so an idle connection holds no output memory; the next
     * write allocates a new one.
     */
    public void releaseIfEmpty() {
        if (count == 0) {
            buf = null;
            pending = null;
        }
    }

    /**
     * Whether nothing is buffered.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return count == 0;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buf, 0, n);
        }
    }
}
