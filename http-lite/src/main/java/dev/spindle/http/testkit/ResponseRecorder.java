package dev.spindle.http.testkit;

import dev.spindle.http.Headers;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.internal.StatusText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An in-memory {@link ResponseWriter} that records what a handler writes; Go's
 * {@code httptest.ResponseRecorder}. The response counts as committed at the first body write or
 * flush, as on the wire: later status changes throw, later header changes throw.
 *
 * @since 0.1.0
 */
public final class ResponseRecorder implements ResponseWriter {
    private final Headers headers = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;
    private boolean flushed;
    private final OutputStream stream = new OutputStream() {
        @Override
        public void write(int b) {
            commit();
            body.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            commit();
            body.write(b, off, len);
        }

        @Override
        public void flush() {
            ResponseRecorder.this.flush();
        }
    };

    private ResponseRecorder() {
    }

    /**
     * Creates an empty recorder.
     *
     * @return the recorder
     */
    public static ResponseRecorder create() {
        return new ResponseRecorder();
    }

    @Override
    public Headers headers() {
        return headers;
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
        return stream;
    }

    @Override
    public void flush() {
        commit();
        flushed = true;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    private void commit() {
        if (!committed) {
            committed = true;
            headers.lock("the response is already committed (status and headers were sent)");
        }
    }

    /**
     * The body written so far.
     *
     * @return a copy of the bytes
     */
    public byte[] bodyBytes() {
        return body.toByteArray();
    }

    /**
     * The body written so far, as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /**
     * Whether the handler called {@link #flush()}.
     *
     * @return {@code true} if flushed
     */
    public boolean flushed() {
        return flushed;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        stream.write(bytes);
    }
}
