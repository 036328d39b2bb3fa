package dev.spindle.http.internal;

import java.time.Duration;

/**
 * The limits and timeouts of one server, fixed at start. Invariants (checked by the builder):
 * sizes are positive; a timeout of {@link Duration#ZERO} means "no timeout".
 *
 * @param maxRequestLineBytes longest request line (method, target, version) before a 414
 * @param maxHeaderBytes largest header section (all field lines) before a 431; also bounds trailers
 * @param maxHeaderCount most header fields before a 431
 * @param maxBodyBytes largest request body before a 413
 * @param maxConnections most open connections; more are answered 503 and closed
 * @param readHeaderTimeout from the first byte of a request until its header section is read
 * @param bodyReadTimeout from the handler's first body read until the body is read
 * @param writeTimeout from a response's first byte on the wire until its last
 * @param idleTimeout how long a keep-alive connection may wait for its next request
 */
public record ServerConfig(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        int maxConnections,
        Duration readHeaderTimeout,
        Duration bodyReadTimeout,
        Duration writeTimeout,
        Duration idleTimeout) {

    /**
     * The nanoTime deadline {@code timeout} from now, or {@code Long.MAX_VALUE} for zero.
     *
     * @param timeout the timeout
     * @return the deadline
     */
    public static long deadlineAfter(Duration timeout) {
        if (timeout.isZero()) {
            return Long.MAX_VALUE;
        }
        return System.nanoTime() + timeout.toNanos();
    }
}
