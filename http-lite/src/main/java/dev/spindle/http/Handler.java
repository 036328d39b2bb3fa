package dev.spindle.http;

import dev.spindle.http.internal.FileHandler;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Answers requests; Go's {@code http.Handler}. A {@link Router} is a handler; so is a lambda.
 *
 * {@snippet :
 * Handler hello = (request, response) -> response.text(200, "Hello, World!");
 * }
 *
 * <p>Each request runs on its connection's virtual thread, so a handler may block (on I/O, on a
 * channel, on a lock) without holding up other connections.
 *
 * <p>Contract under failure: an exception thrown by a handler is logged once (logger
 * {@code dev.spindle.http}) and becomes a 500 if the response is not committed yet; otherwise the
 * connection is closed. The exception never reaches the accept loop or another connection. A
 * {@link dev.spindle.core.CancelledException} that escapes once the request's context is done (the
 * client went away) or while the server shuts down is how a handler stops early, and is not logged.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Handler {

    /**
     * Handles one request.
     *
     * @param request the request
     * @param response where to write the response
     * @throws Exception anything; see the contract under failure above
     */
    void serve(Request request, ResponseWriter response) throws Exception;

    /**
     * A handler that answers 404 Not Found (Go's {@code http.NotFoundHandler}).
     *
     * @return the handler
     */
    static Handler notFound() {
        return (request, response) -> response.error(404, "404 page not found");
    }

    /**
     * A handler that redirects every request to {@code location} with {@code status} (Go's
     * {@code http.RedirectHandler}).
     *
     * @param location the target
     * @param status a 3xx status
     * @return the handler
     * @throws IllegalArgumentException if {@code status} is not 3xx
     */
    static Handler redirect(String location, int status) {
        Objects.requireNonNull(location, "location");
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("redirect status must be 3xx, got " + status);
        }
        return (request, response) -> response.redirect(request, location, status);
    }

    /**
     * A handler that serves the files under {@code root} for GET and HEAD (Go's
     * {@code http.FileServer}, without directory listings).
     *
     * <p>The file's path is the value of the matched pattern's trailing {@code {name...}} wildcard
     * if the route has one (register it as {@code "GET /static/{path...}"}), otherwise the whole
     * request path. A request whose path would leave {@code root} &mdash; a {@code ..} segment,
     * an encoded slash or backslash, a NUL, or a symbolic link that resolves outside the root
     * &mdash; gets a 404 (400 for encodings that are malformed), never a file outside the root. A
     * directory is answered with its {@code index.html} if it has one, else 404. Other methods get
     * 405 with {@code Allow: GET, HEAD}. The Content-Type comes from the file name's extension
     * (a small built-in table; {@code application/octet-stream} otherwise); {@code Last-Modified}
     * and {@code If-Modified-Since} (304) are supported.
     *
     * @param root the directory to serve; resolved to its real path once, here
     * @return the handler
     * @throws IllegalArgumentException if {@code root} is not a readable directory
     */
    static Handler files(Path root) {
        return FileHandler.create(root);
    }
}
