package dev.spindle.http.internal;

import dev.spindle.core.Context;
import dev.spindle.http.Headers;
import dev.spindle.http.Request;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A request as seen by the handler of a matched route: the original request plus the pattern and
 * the wildcard values. Everything else is delegated.
 *
 * <p>The first router to match a request the server made records its match on that request itself
 * and passes it on unwrapped (Go 1.22's {@code ServeMux} sets {@code r.Pattern} and the path values
 * on the same {@code *Request}), so the common case allocates no wrapper; see {@link #of}. A
 * request routed again (nested routers) or built by someone else is wrapped in this class.
 *
 * <p>Invariant: {@code names} and {@code values} have the same length, in path order.
 */
public final class RoutedRequest implements Request {
    /** Implemented by requests that record the matched pattern for metrics. */
    public interface PatternSink {
        /**
         * Records the pattern that matched.
         *
         * @param pattern the pattern text
         */
        void matchedPattern(String pattern);
    }

    private final Request delegate;
    private final Pattern pattern;
    private final List<String> names;
    private final List<String> values;

    /**
     * The request the matched route's handler gets: {@code request} itself when it is the server's
     * own request not yet routed (the match is recorded on it), else a new wrapper.
     *
     * @param request the request being routed
     * @param pattern the matched pattern
     * @param values the wildcard values, in the order of {@link Pattern#wildcardNames()}
     * @return the routed request
     */
    public static Request of(Request request, Pattern pattern, List<String> values) {
        if (request instanceof ServerRequest server && server.route(pattern, values)) {
            return server;
        }
        return new RoutedRequest(request, pattern, values);
    }

    /**
     * Wraps {@code delegate} and records the pattern on the innermost request.
     *
     * @param delegate the request
     * @param pattern the matched pattern
     * @param values the wildcard values, in the order of {@link Pattern#wildcardNames()}
     */
    public RoutedRequest(Request delegate, Pattern pattern, List<String> values) {
        this.delegate = delegate;
        this.pattern = pattern;
        this.names = pattern.wildcardNames();
        this.values = values;
        if (innermost(delegate) instanceof PatternSink sink) {
            sink.matchedPattern(pattern.text());
        }
    }

    /**
     * The request under every router level's wrapper: the server's request, or whatever the outermost
     * caller passed in.
     *
     * @param request any request
     * @return the innermost request
     */
    static Request innermost(Request request) {
        Request base = request;
        while (base instanceof RoutedRequest r) {
            base = r.delegate;
        }
        return base;
    }

    /**
     * The value of the trailing {@code {name...}} wildcard of the matched pattern, if it has one.
     *
     * @param request any request
     * @return the decoded rest of the path, or {@code null}
     */
    public static String restValue(Request request) {
        Pattern matched = request instanceof RoutedRequest r ? r.pattern
                : request instanceof ServerRequest s ? s.routedBy() : null;
        if (matched != null) {
            Pattern.Segment last = matched.last();
            if (last.multi() && !last.s().isEmpty()) {
                return request.pathValue(last.s());
            }
        }
        return null;
    }

    /**
     * The value of wildcard {@code name} given a pattern's names and the values matched.
     *
     * @param names the pattern's wildcard names
     * @param values the values, in the same order
     * @param name the wildcard asked for
     * @return the value, or {@code null}
     */
    static String valueOf(List<String> names, List<String> values, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    @Override
    public String pathValue(String name) {
        return valueOf(names, values, name);
    }

    @Override
    public String pattern() {
        return pattern.text();
    }

    @Override
    public String method() {
        return delegate.method();
    }

    @Override
    public String target() {
        return delegate.target();
    }

    @Override
    public String path() {
        return delegate.path();
    }

    @Override
    public String rawQuery() {
        return delegate.rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return delegate.queryParams();
    }

    @Override
    public String protocol() {
        return delegate.protocol();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public Headers headers() {
        return delegate.headers();
    }

    @Override
    public InputStream body() {
        return delegate.body();
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public Headers trailers() {
        return delegate.trailers();
    }

    @Override
    public Context context() {
        return delegate.context();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return delegate.remoteAddress();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String toString() {
        return delegate + " (" + pattern.text() + ")";
    }
}
