package dev.spindle.http.internal;

/**
 * A parsed and validated request head (RFC 9112 sections 2 to 6). Everything here has passed the
 * parser's checks: a handler never sees a head that failed them.
 *
 * @param method the method token, case preserved
 * @param target the raw request-target
 * @param path the raw (still percent-encoded) path; {@code "*"} for the asterisk-form
 * @param rawQuery the raw query after {@code '?'}, or {@code null} if the target has none
 * @param http11 {@code true} for HTTP/1.1 (and 1.x, x &gt; 1), {@code false} for HTTP/1.0
 * @param fields the header fields, name0, value0, name1, ...: an array nobody changes, which may be
 *     shared with other requests of the connection (see {@link FieldTable})
 * @param host the authority the request is for: the absolute-form target's, else the Host field
 * @param contentLength the body length; -1 if chunked; 0 if there is no body
 * @param chunked whether the body is chunked
 * @param keepAlive whether the client allows the connection to stay open after this exchange
 * @param expectContinue whether the client waits for {@code 100 Continue} before the body
 */
// fields: an array never changed once built (FieldTable), shared on purpose; equals() is not used
@SuppressWarnings("ArrayRecordComponent")
public record RequestHead(
        String method,
        String target,
        String path,
        String rawQuery,
        boolean http11,
        String[] fields,
        String host,
        long contentLength,
        boolean chunked,
        boolean keepAlive,
        boolean expectContinue) {

    /**
     * The protocol as written in a status line: {@code "HTTP/1.1"} or {@code "HTTP/1.0"}.
     *
     * @return the protocol
     */
    public String protocol() {
        return http11 ? "HTTP/1.1" : "HTTP/1.0";
    }
}
