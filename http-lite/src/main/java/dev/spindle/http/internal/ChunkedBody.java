package dev.spindle.http.internal;

import dev.spindle.http.Headers;

import java.io.EOFException;
import java.io.IOException;

/**
 * A body in the chunked transfer coding (RFC 9112 section 7.1), decoded.
 *
 * <p>States: {@code chunkLeft > 0} means inside a chunk's data; {@code chunkLeft == 0 && !done}
 * means at a chunk-size line (after the CR LF that ends the previous chunk's data, which is checked
 * first); {@code done} means the last chunk and the trailer section were read.
 *
 * <p>Strict: a chunk size is 1*HEXDIG and must fit in 63 bits (an overflow is 400, not a wrap);
 * chunk extensions ({@code ;name[=value]}) are accepted and ignored but may not hold control
 * characters; chunk data must be followed by exactly CR LF; the chunk-size line is at most
 * {@value #MAX_CHUNK_LINE} bytes; the decoded total above the body limit is 413; trailer fields
 * follow the header rules and limits and are exposed through {@link #trailers()}.
 */
public final class ChunkedBody extends RequestBody {
    static final int MAX_CHUNK_LINE = 4096;

    /** What {@link #trailers()} returns until the trailer section has been read. */
    private static final Headers NO_TRAILERS = FieldTable.toHeaders(new String[0], "trailers are read-only");
    private final ServerConfig config;
    private Headers trailers = NO_TRAILERS;
    private long chunkLeft;
    private boolean afterData;
    private boolean done;
    private long total;

    /**
     * Creates the body.
     *
     * @param in the input
     * @param config the limits (body size, trailer size)
     * @param onFirstRead run before the first read
     * @param readTimeoutNanos the body-read deadline (0 = none)
     */
    public ChunkedBody(HttpInput in, ServerConfig config, Runnable onFirstRead, long readTimeoutNanos) {
        super(in, onFirstRead, readTimeoutNanos);
        this.config = config;
    }

    /**
     * The trailer fields; empty until the body is finished.
     *
     * @return the trailers
     */
    public Headers trailers() {
        return trailers;
    }

    @Override
    public boolean isFinished() {
        return done;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (chunkLeft == 0) {
            if (afterData) {
                expectCrlf();
                afterData = false;
            }
            chunkLeft = chunkSize();
            if (chunkLeft == 0) {
                FieldTable fields = new FieldTable();
                fields.start();
                RequestParser.readFields(in, config, fields, true);
                trailers = FieldTable.toHeaders(fields.finish(), "trailers are read-only");
                done = true;
                return -1;
            }
            if (chunkLeft > config.maxBodyBytes() - total) {
                throw new HttpException(413, "body-too-large",
                        "chunked body larger than the limit of " + config.maxBodyBytes() + " bytes");
            }
            total += chunkLeft;
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new EOFException("chunked body cut short inside a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            afterData = true;
        }
        return n;
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : -2;
        if (cr < 0 || lf == -1) {
            throw new EOFException("chunked body cut short after chunk data");
        }
        if (cr != '\r' || lf != '\n') {
            throw HttpException.badRequest("bad-chunk", "chunk data not followed by CR LF");
        }
    }

    private long chunkSize() throws IOException {
        int lf = LineReader.findLineEnd(in, MAX_CHUNK_LINE, false);
        if (lf == LineReader.TOO_LONG) {
            throw HttpException.badRequest("bad-chunk", "chunk-size line too long");
        }
        byte[] buf = in.buffer();
        int i = in.pos();
        int end = lf - 1;
        long size = 0;
        int digits = 0;
        while (i < end && Ascii.hexValue(buf[i]) >= 0) {
            if (size > (Long.MAX_VALUE >>> 4)) {
                throw HttpException.badRequest("bad-chunk", "chunk size overflows");
            }
            size = (size << 4) | Ascii.hexValue(buf[i]);
            digits++;
            i++;
        }
        if (digits == 0) {
            throw HttpException.badRequest("bad-chunk", "chunk size is not a hex number");
        }
        extensions(buf, i, end);
        LineReader.consume(in, lf);
        return size;
    }

    /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ): checked for shape, ignored. */
    private static void extensions(byte[] buf, int i, int end) throws HttpException {
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i == end) {
            return;
        }
        if (buf[i] != ';') {
            throw HttpException.badRequest("bad-chunk", "invalid character after the chunk size");
        }
        for (; i < end; i++) {
            int c = buf[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw HttpException.badRequest("bad-chunk", "control character in a chunk extension");
            }
        }
    }
}
