package dev.spindle.http.internal;

import java.io.IOException;

/**
 * Bad input from a client: the request cannot be served, and the connection must close after
 * answering {@link #status()}. Thrown by the parser and the body readers; turned into a response in
 * one place ({@link Connection}). A handler that reads a bad body sees this exception as an
 * {@link IOException}.
 */
public final class HttpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The response status (400, 408, 413, 414, 417, 431, 501 or 505). */
    private final int status;
    /** The rejection reason for metrics: a short, fixed, low-cardinality word. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param status the status to answer
     * @param reason a short fixed tag for metrics, e.g. {@code "bad-content-length"}
     * @param message what was wrong, for the response body and the log
     */
    public HttpException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /**
     * The status code to answer with.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The low-cardinality rejection reason, used as a metrics tag.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * A 400 Bad Request.
     *
     * @param reason the metrics tag
     * @param message the detail
     * @return the exception
     */
    public static HttpException badRequest(String reason, String message) {
        return new HttpException(400, reason, message);
    }
}
