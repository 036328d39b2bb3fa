package dev.spindle.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The bytes of one response head (status line, field lines, empty line), built in a buffer that
 * the connection keeps from one response to the next, then handed to {@link HttpOutput} in one
 * write. It is the {@code BiConsumer} given to {@code Headers.forEach}, so encoding a head
 * allocates nothing: no {@code StringBuilder}, no {@code String}, no lambda (the head was built as
 * a {@code String} per response before; that was 7% of the CPU samples of a plaintext run).
 *
 * <p>Invariant: {@code buf[0, count)} is the head so far. Owned by the connection's thread.
 */
final class ResponseHead implements BiConsumer<String, String> {
    private static final byte[] COLON_SP = {':', ' '};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);
    /** {@code "HTTP/1.1 200 OK\r\n"} and the like, for the common statuses; others are built. */
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code : new int[] {200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404,
            405, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 429, 431, 500, 501, 502, 503, 504, 505}) {
            STATUS_LINES[code] = statusLine(code);
        }
    }

    private byte[] buf = new byte[256];
    private int count;

    private static byte[] statusLine(int status) {
        return ("HTTP/1.1 " + status + " " + StatusText.of(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts a new head with its status line.
     *
     * @param status the status code
     */
    void start(int status) {
        count = 0;
        byte[] line = status < STATUS_LINES.length ? STATUS_LINES[status] : null;
        append(line != null ? line : statusLine(status));
    }

    /** Appends one field line; names and values are already validated by {@code Headers}. */
    @Override
    public void accept(String name, String value) {
        latin1(name);
        append(COLON_SP);
        latin1(value);
        append(CRLF);
    }

    /**
     * Appends a {@code Content-Length} field line.
     *
     * @param length the length, &gt;= 0
     */
    void contentLength(long length) {
        append(CONTENT_LENGTH);
        digits(length);
        append(CRLF);
    }

    /** Appends the decimal digits of {@code value} &gt;= 0, without a {@code String}. */
    private void digits(long value) {
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        ensure(n);
        long v = value;
        for (int i = count + n - 1; i >= count; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        count += n;
    }

    /**
     * Appends bytes that are a whole field line, CR LF included.
     *
     * @param line the line
     */
    void line(byte[] line) {
        append(line);
    }

    /** Ends the head with the empty line. */
    void end() {
        append(CRLF);
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return count;
    }

    private void append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, count, b.length);
        count += b.length;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for Latin-1
    private void latin1(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, count); // low byte of each char; Headers allows no char above 0xff
        count += n;
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }
}
