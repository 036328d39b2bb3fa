package dev.spindle.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the response to one request; Go's {@code http.ResponseWriter}.
 *
 * <p>Set the {@linkplain #status(int) status} and {@linkplain #headers() headers}, then write the
 * {@linkplain #body() body}. Nothing reaches the client until the response is <em>committed</em>:
 * when the handler returns, when it calls {@link #flush()}, or when the body outgrows the server's
 * buffer. At commit the server picks the framing: a body written entirely before the handler
 * returns gets a {@code Content-Length}; a streamed body uses the Content-Length the handler set,
 * else chunked encoding (HTTP/1.1), else the end of the connection (HTTP/1.0). The server adds
 * {@code Date} and, where needed, {@code Connection: close}; it discards the body of a response to
 * HEAD and of a 204 or 304.
 *
 * <p>Contract under failure: once the client has gone away, writes throw {@link IOException} and
 * the request's {@linkplain Request#context() context} is cancelled. If the handler throws before
 * the response is committed, the client gets a 500 instead of whatever was buffered; after commit,
 * the connection is closed so the client sees a truncated response rather than a wrong one.
 * Writing more bytes than a declared Content-Length throws {@link IOException}.
 *
 * <p>Not thread-safe: use it from the handler's thread (or hand it off with care).
 *
 * @since 0.1.0
 */
public interface ResponseWriter {

    /**
     * The response headers, mutable until commit.
     *
     * @return the headers
     */
    Headers headers();

    /**
     * Sets the status code to send; 200 if never called.
     *
     * @param code 200..999 other than 1xx (interim responses are the server's business)
     * @return this writer
     * @throws IllegalArgumentException if {@code code} is out of range
     * @throws IllegalStateException if the response is already committed
     */
    ResponseWriter status(int code);

    /**
     * The status code set so far (200 by default).
     *
     * @return the status
     */
    int status();

    /**
     * The body stream. Closing it finishes the body early (later writes fail); the server finishes it
     * anyway when the handler returns.
     *
     * @return the stream
     */
    OutputStream body();

    /**
     * Writes bytes to the body.
     *
     * @param bytes the bytes
     * @throws IOException if the client has gone away or the write timeout passed
     */
    default void write(byte[] bytes) throws IOException {
        body().write(bytes);
    }

    /**
     * Commits the response (status and headers) and sends what is buffered now.
     *
     * @throws IOException if the client has gone away
     */
    void flush() throws IOException;

    /**
     * Whether the status and headers have been sent (or fixed for sending).
     *
     * @return {@code true} once committed
     */
    boolean isCommitted();

    /**
     * Sends a complete {@code text/plain; charset=utf-8} response.
     *
     * @param status the status code
     * @param text the body
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    default void text(int status, String text) throws IOException {
        bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a complete response with the given body and content type.
     *
     * @param status the status code
     * @param contentType the Content-Type
     * @param body the body
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    default void bytes(int status, String contentType, byte[] body) throws IOException {
        Objects.requireNonNull(body, "body");
        status(status);
        headers().set("Content-Type", contentType);
        headers().set("Content-Length", Integer.toString(body.length));
        write(body);
    }

    /**
     * Sends a complete {@code application/json} response from JSON the caller encoded (this module
     * has no JSON library).
     *
     * @param status the status code
     * @param json UTF-8 JSON bytes
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    default void json(int status, byte[] json) throws IOException {
        bytes(status, "application/json", json);
    }

    /**
     * Sends an error response: the status and a {@code text/plain} body holding {@code message}
     * (Go's {@code http.Error}). Sets {@code X-Content-Type-Options: nosniff}.
     *
     * @param status the status code
     * @param message the message, shown to the client as is
     * @throws IOException if the client has gone away
     * @throws IllegalStateException if the response is already committed
     */
    default void error(int status, String message) throws IOException {
        headers().set("X-Content-Type-Options", "nosniff");
        text(status, message + "\n");
    }

    /**
     * Sends a redirect to {@code location} (Go's {@code http.Redirect}). A relative location is
     * resolved against the request's path, so the client gets an absolute path.
     *
     * @param request the request being answered
     * @param location where to go: an absolute URL, an absolute path, or a relative path
     * @param status a 3xx code, usually 301, 302, 303, 307 or 308
     * @throws IOException if the client has gone away
     * @throws IllegalArgumentException if {@code status} is not 3xx or the location holds a
     *     control character
     * @throws IllegalStateException if the response is already committed
     */
    default void redirect(Request request, String location, int status) throws IOException {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("redirect status must be 3xx, got " + status);
        }
        String target = dev.spindle.http.internal.Redirects.resolve(request.path(), location);
        headers().set("Location", target);
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            String html = "<a href=\"" + dev.spindle.http.internal.Redirects.htmlEscape(target) + "\">"
                    + dev.spindle.http.internal.StatusText.of(status) + "</a>.\n";
            bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        } else {
            status(status);
            headers().set("Content-Length", "0");
        }
    }
}
