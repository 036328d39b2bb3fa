package dev.spindle.http;

import dev.spindle.core.Context;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as a handler sees it; Go's {@code *http.Request}.
 *
 * <p>A request that reaches a handler has passed every check of the server's parser (RFC 9112):
 * its method is a token, its target is well formed, its framing is unambiguous. Strings from the
 * wire are ISO-8859-1 decoded (one char per byte); {@link #path()} and {@link #rawQuery()} are
 * still percent-encoded, {@link #queryParams()} and {@link #pathValue(String)} are decoded.
 *
 * <p>A request belongs to the thread that runs its handler; it is not thread-safe, except
 * {@link #context()}, which may be passed to other threads.
 *
 * @since 0.1.0
 */
public interface Request {

    /**
     * The method, e.g. {@code "GET"}; case-sensitive, as sent.
     *
     * @return the method
     */
    String method();

    /**
     * The request-target exactly as sent in the request line (origin-form, absolute-form or
     * {@code "*"}).
     *
     * @return the raw target
     */
    String target();

    /**
     * The path of the target, still percent-encoded; {@code "/"} for an absolute-form target
     * without a path, {@code "*"} for {@code OPTIONS *}.
     *
     * @return the raw path
     */
    String path();

    /**
     * The query of the target after {@code '?'}, still percent-encoded.
     *
     * @return the raw query, or {@code null} if the target has no {@code '?'}
     */
    String rawQuery();

    /**
     * The query parameters, decoded ({@code application/x-www-form-urlencoded} rules: {@code '+'} is
     * a space); malformed pairs are kept as written.
     *
     * @return name to values, in order; empty if there is no query
     */
    Map<String, List<String>> queryParams();

    /**
     * The first value of the query parameter {@code name}.
     *
     * @param name the parameter name
     * @return the decoded value, or empty
     */
    default Optional<String> queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The protocol of the request: {@code "HTTP/1.1"} or {@code "HTTP/1.0"}.
     *
     * @return the protocol
     */
    String protocol();

    /**
     * The host the request is for: the authority of an absolute-form target, else the Host field,
     * port included if sent; {@code ""} if an HTTP/1.0 client sent neither.
     *
     * @return the host
     */
    String host();

    /**
     * The header fields, read-only.
     *
     * @return the headers
     */
    Headers headers();

    /**
     * The first value of the header field {@code name}.
     *
     * @param name the field name, any case
     * @return the value, or empty
     */
    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /**
     * The value of the wildcard {@code name} in the pattern that matched this request (Go 1.22's
     * {@code r.PathValue}), decoded: for {@code "GET /items/{id}"} and {@code /items/a%20b},
     * {@code pathValue("id")} is {@code "a b"}.
     *
     * @param name the wildcard's name
     * @return the value; {@code null} if the request was not routed by a {@link Router} or the
     *     matched pattern has no wildcard of that name
     */
    String pathValue(String name);

    /**
     * The {@link Router} pattern that matched this request, as registered, e.g.
     * {@code "GET /items/{id}"}.
     *
     * @return the pattern, or {@code null} if none matched (yet)
     */
    String pattern();

    /**
     * The body. Reading it the first time sends {@code 100 Continue} if the client asked for it.
     * It ends at the end of the body, never at the connection's next request.
     *
     * <p>Contract under failure: a malformed or oversized body throws an {@link java.io.IOException}
     * and the server answers the request with 400 or 413 (if the response is not yet committed)
     * and closes the connection, whatever the handler does with the exception; a client that goes
     * away throws an {@link java.io.IOException}; the server's body-read timeout throws a
     * {@link java.net.SocketTimeoutException}.
     *
     * @return the body stream; an empty stream if there is no body
     */
    InputStream body();

    /**
     * The declared length of the body.
     *
     * @return the Content-Length; 0 if there is no body; -1 if the body is chunked
     */
    long contentLength();

    /**
     * The trailer fields of a chunked body; empty until the body has been read to its end, and
     * for any other body.
     *
     * @return the trailers, read-only
     */
    Headers trailers();

    /**
     * The request's context: cancelled when the client goes away (detected while the handler runs,
     * once the body has been read), when the server shuts down past its grace period or is closed,
     * and after the response is complete. Pass it to blocking work that should stop when nobody
     * waits for the answer.
     *
     * @return the context
     */
    Context context();

    /**
     * The address of the client (or of the proxy in front of the server).
     *
     * @return the remote address; for a request built by the test kit, a fixed loopback address
     */
    InetSocketAddress remoteAddress();

    /**
     * Whether the request came over TLS.
     *
     * @return {@code true} for HTTPS
     */
    boolean isSecure();
}
