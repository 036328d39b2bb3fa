package dev.spindle.http.internal;

import java.io.EOFException;
import java.io.IOException;

/**
 * Finds CRLF-terminated lines in an {@link HttpInput} without copying: the line is
 * {@code buffer()[start, end)} until the next read, then consumed.
 *
 * <p>Rules (RFC 9112 section 2.2, strict form): a line ends with CR LF; a bare LF (not preceded by
 * CR) is rejected with 400 rather than accepted as the RFC permits, because lenient line endings
 * are a request-smuggling lever between servers that disagree. A bare CR inside a line is left to
 * the callers' character checks (CR is a control character everywhere in a head).
 */
final class LineReader {
    /**
     * What {@link #findLineEnd} returns for a line longer than allowed; the caller throws its own
     * exception, so the common case builds none (an exception per request was 4% of a profile).
     */
    static final int TOO_LONG = -2;

    private LineReader() {
    }

    /**
     * Buffers a whole line and returns the index of its LF in {@code in.buffer()}; the line's
     * content is {@code [in.pos(), lf - 1)} (the CR is checked to be there).
     *
     * @param in the input
     * @param maxLength the longest line allowed, CRLF included
     * @param eofOk whether end of stream before any byte of the line is a clean end (returns -1)
     * @return the LF index, -1 at a clean end of stream, or {@link #TOO_LONG} if the line is longer
     *     than {@code maxLength} (or cannot fit the input buffer)
     * @throws HttpException for a bare LF
     * @throws EOFException for a line cut by end of stream
     * @throws IOException if the socket fails or the deadline passes
     */
    static int findLineEnd(HttpInput in, int maxLength, boolean eofOk)
            throws IOException {
        int scanned = 0;
        while (true) {
            byte[] b = in.buffer();
            int p = in.pos();
            int l = in.limit();
            int stop = Math.min(l, p + maxLength);
            for (int i = p + scanned; i < stop; i++) {
                if (b[i] == '\n') {
                    if (i == p || b[i - 1] != '\r') {
                        throw HttpException.badRequest("bare-lf", "line ends with a bare LF (CR LF required)");
                    }
                    return i;
                }
            }
            scanned = stop - p;
            if (scanned >= maxLength || !in.canFill()) {
                return TOO_LONG;
            }
            if (in.fill() < 0) {
                if (eofOk && scanned == 0) {
                    return -1;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
        }
    }

    /**
     * Consumes the line ending at {@code lf}.
     *
     * @param in the input
     * @param lf the LF index returned by {@link #findLineEnd}
     */
    static void consume(HttpInput in, int lf) {
        in.skip(lf + 1 - in.pos());
    }
}
