package dev.spindle.http.internal;

import java.io.EOFException;
import java.io.IOException;

/**
 * A body framed by Content-Length (RFC 9112 section 6.2). Invariant: {@code remaining} is the
 * number of body bytes not yet read; the body is finished when it reaches 0. The limit check
 * happened at parse time (413 before the handler runs).
 */
public final class FixedLengthBody extends RequestBody {
    private final long length;
    private long remaining;

    /**
     * Creates the body.
     *
     * @param in the input
     * @param length the Content-Length, &gt; 0
     * @param onFirstRead run before the first read
     * @param readTimeoutNanos the body-read deadline (0 = none)
     */
    public FixedLengthBody(HttpInput in, long length, Runnable onFirstRead, long readTimeoutNanos) {
        super(in, onFirstRead, readTimeoutNanos);
        this.length = length;
        this.remaining = length;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("request body ended after " + (length - remaining) + " of "
                    + length + " bytes");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining, in.available());
    }

    @Override
    public boolean isFinished() {
        return remaining == 0;
    }
}
