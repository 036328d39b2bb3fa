package dev.spindle.http.internal;

import dev.spindle.core.Context;
import dev.spindle.http.Headers;
import dev.spindle.http.Request;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The server's {@link Request}: a validated {@link RequestHead}, its body, and a lazily created
 * context (a request whose handler never asks for its context costs no context and no
 * disconnect watcher) and {@link Headers} (made from the head's field array on first use).
 *
 * <p>One instance per exchange, never reused: a handler may keep it after it returns and still
 * read what it read before (the head, its field array and the match are immutable or set once).
 *
 * <p>Invariants: {@code pattern} is set at most once per router level, by
 * {@link RoutedRequest.PatternSink#matchedPattern}, and read by the metrics after the handler
 * returns; {@code routedBy} and {@code values} are set together, at most once, by the first router
 * that matches this request ({@link RoutedRequest#of}); null until then.
 */
public final class ServerRequest implements Request, RoutedRequest.PatternSink {
    private final RequestHead head;
    private final RequestBody body;
    private final Connection connection;
    private final ResponseOutput response;
    private Map<String, List<String>> query;
    /** The header fields as {@link Headers}, made on the first call of {@link #headers()}; null until then. */
    private Headers headers;
    private String pattern;
    private Pattern routedBy;
    private List<String> values;
    private Context context;

    ServerRequest(RequestHead head, RequestBody body, Connection connection, ResponseOutput response) {
        this.head = head;
        this.body = body;
        this.connection = connection;
        this.response = response;
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String target() {
        return head.target();
    }

    @Override
    public String path() {
        return head.path();
    }

    @Override
    public String rawQuery() {
        return head.rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = QueryParser.parse(head.rawQuery());
        }
        return query;
    }

    @Override
    public String protocol() {
        return head.protocol();
    }

    @Override
    public String host() {
        return head.host();
    }

    @Override
    public Headers headers() {
        if (headers == null) {
            headers = FieldTable.toHeaders(head.fields(), "request headers are read-only");
        }
        return headers;
    }

    @Override
    public String pathValue(String name) {
        return routedBy == null ? null : RoutedRequest.valueOf(routedBy.wildcardNames(), values, name);
    }

    /**
     * Records the first router match on this request.
     *
     * @param matched the matched pattern
     * @param matchedValues its wildcard values
     * @return {@code false} if a router matched this request before (the caller wraps it instead)
     */
    boolean route(Pattern matched, List<String> matchedValues) {
        if (routedBy != null) {
            return false;
        }
        routedBy = matched;
        values = matchedValues;
        pattern = matched.text();
        return true;
    }

    /** The pattern recorded by {@link #route}, or {@code null}. */
    Pattern routedBy() {
        return routedBy;
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public void matchedPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public long contentLength() {
        return head.contentLength();
    }

    @Override
    public Headers trailers() {
        if (body instanceof ChunkedBody chunked && chunked.isFinished()) {
            return chunked.trailers();
        }
        return EMPTY_HEADERS;
    }

    @Override
    public Context context() {
        if (context == null) {
            context = connection.requestContext(body);
        }
        return context;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    RequestHead head() {
        return head;
    }

    /** The server's response to this request (under any wrapper a middleware put around it). */
    ResponseOutput response() {
        return response;
    }

    ServerCore server() {
        return connection.server();
    }

    Connection connection() {
        return connection;
    }

    private static final Headers EMPTY_HEADERS = lockedEmpty();

    private static Headers lockedEmpty() {
        Headers h = new Headers();
        h.lock("trailers are read-only");
        return h;
    }

    @Override
    public String toString() {
        return head.method() + " " + head.target() + " " + head.protocol();
    }
}
