package dev.spindle.http.internal;

import dev.spindle.http.Request;

/**
 * Lets tests in {@code dev.spindle.http} wait for a connection's internal events (a buffer
 * release, a watch poll timing out) instead of sleeping for them. Takes the {@link Request} a
 * handler was given, so it reaches the connection that served it.
 */
public final class ConnectionProbe {
    private ConnectionProbe() {
    }

    /**
     * Whether the connection that served {@code request} is idle and has given back its buffers.
     *
     * @param request a request the server handed to a handler (not wrapped by a middleware)
     * @return {@code true} once the sweeper released the idle connection's buffers
     */
    public static boolean idleAndReleased(Request request) {
        return connection(request).idleAndReleased();
    }

    /**
     * Whether a poll of the disconnect watch of {@code request} has timed out; call it on the
     * handler's thread.
     *
     * @param request the request being handled (not wrapped by a middleware)
     * @return {@code true} once one has; {@code false} if no watch runs
     */
    public static boolean watchPollTimedOut(Request request) {
        return connection(request).watchPollTimedOut();
    }

    private static Connection connection(Request request) {
        if (!(request instanceof ServerRequest server)) {
            throw new IllegalArgumentException("ConnectionProbe needs the server's own request, got "
                    + request.getClass().getName());
        }
        return server.connection();
    }
}
