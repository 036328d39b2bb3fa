package dev.spindle.http.internal;

/**
 * What the server reports to metrics. {@link #NONE} costs nothing; the server skips even the
 * clock reads when {@link #enabled()} is false.
 */
public interface ServerObserver {
    /** Reports nothing. */
    ServerObserver NONE = new ServerObserver() {
        @Override
        public boolean enabled() {
            return false;
        }
    };

    /**
     * Whether this observer records anything.
     *
     * @return {@code false} for {@link #NONE}
     */
    default boolean enabled() {
        return true;
    }

    /** A connection was accepted. */
    default void connectionOpened() {
    }

    /** A connection was closed. */
    default void connectionClosed() {
    }

    /**
     * A request (or connection) was rejected before reaching a handler, or its body was bad.
     *
     * @param reason a short fixed tag, e.g. {@code "bad-content-length"}
     */
    default void rejected(String reason) {
    }

    /**
     * A request was handled.
     *
     * @param method the method (unknown methods are reported as {@code "other"} by the metrics)
     * @param pattern the matched route pattern, or {@code null}
     * @param status the status on the wire: the server's error status (500, 408, 400...) when it
     *     answered in the handler's place, else the handler's
     * @param nanos how long it took
     * @param failure what the handler threw, or {@code null}
     * @param delivered whether the client received a whole response with {@code status}; false
     *     when the handler threw after committing, the request body failed or a write failed
     */
    default void request(String method, String pattern, int status, long nanos, Throwable failure,
            boolean delivered) {
    }
}
