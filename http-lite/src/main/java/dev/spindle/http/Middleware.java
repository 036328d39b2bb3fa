package dev.spindle.http;

import java.util.List;
import java.util.Objects;

/**
 * Wraps a handler in another, to add behaviour around it: logging, authentication, headers,
 * recovery. A middleware is {@code Handler -> Handler}, as in Go ({@code func(http.Handler)
 * http.Handler}), and is applied once, when the server starts, never per request.
 *
 * {@snippet :
 * Middleware serverHeader = next -> (request, response) -> {
 *     response.headers().set("Server", "spindle");
 *     next.serve(request, response);
 * };
 * }
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Returns a handler that does this middleware's work around {@code next}.
     *
     * @param next the handler to wrap
     * @return the wrapping handler, never {@code null}
     */
    Handler wrap(Handler next);

    /**
     * Composes middlewares so that the first one listed is the outermost: a request passes through
     * them in the order given, then reaches the handler.
     *
     * @param middlewares the middlewares, outermost first
     * @return one middleware applying them all; the identity if none are given
     */
    static Middleware chain(Middleware... middlewares) {
        List<Middleware> list = List.of(middlewares);
        return handler -> apply(list, handler);
    }

    /**
     * Applies {@code middlewares} to {@code handler}, the first one outermost.
     *
     * @param middlewares the middlewares, outermost first
     * @param handler the innermost handler
     * @return the composed handler
     * @throws NullPointerException if a middleware returns {@code null}, naming its index
     */
    static Handler apply(List<Middleware> middlewares, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        Handler h = handler;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            h = Objects.requireNonNull(middlewares.get(i), "middleware " + i).wrap(h);
            if (h == null) {
                throw new NullPointerException("middleware " + i + " (" + middlewares.get(i)
                        + ") returned null from wrap()");
            }
        }
        return h;
    }
}
