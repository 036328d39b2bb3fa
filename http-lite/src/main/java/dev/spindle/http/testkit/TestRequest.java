package dev.spindle.http.testkit;

import dev.spindle.core.Context;
import dev.spindle.http.Headers;
import dev.spindle.http.Request;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an in-memory {@link Request} for unit tests of handlers; Go's
 * {@code httptest.NewRequest}.
 *
 * {@snippet :
 * ResponseRecorder recorder = ResponseRecorder.create();
 * router.serve(TestRequest.get("/items/42").build(), recorder);
 * assertThat(recorder.bodyText()).isEqualTo("item 42");
 * }
 *
 * <p>The request is not parsed from bytes, so the server's checks do not apply to it; its target
 * must still be an absolute path (with an optional query).
 *
 * @since 0.1.0
 */
public final class TestRequest {
    private final String method;
    private final String target;
    private final Headers headers = new Headers();
    private byte[] body = new byte[0];
    private Context context = Context.background();
    private String host = "example.com";
    private String protocol = "HTTP/1.1";
    private final Map<String, String> pathValues = new java.util.LinkedHashMap<>();

    private TestRequest(String method, String target) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target must be an absolute path, got \"" + target + "\"");
        }
    }

    /**
     * A request with the given method and target.
     *
     * @param method the method, e.g. {@code "POST"}
     * @param target the path with an optional query, e.g. {@code "/items?page=2"}
     * @return the builder
     */
    public static TestRequest of(String method, String target) {
        return new TestRequest(method, target);
    }

    /**
     * A GET request.
     *
     * @param target the path with an optional query
     * @return the builder
     */
    public static TestRequest get(String target) {
        return of("GET", target);
    }

    /**
     * Adds a header field.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * Sets the body.
     *
     * @param bytes the body
     * @return this builder
     */
    public TestRequest body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /**
     * Sets a UTF-8 text body.
     *
     * @param text the body
     * @return this builder
     */
    public TestRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the host; default {@code example.com}.
     *
     * @param host the host
     * @return this builder
     */
    public TestRequest host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * Sets the context; default {@link Context#background()}.
     *
     * @param context the context
     * @return this builder
     */
    public TestRequest context(Context context) {
        this.context = Objects.requireNonNull(context, "context");
        return this;
    }

    /**
     * Sets the protocol; default {@code HTTP/1.1}.
     *
     * @param protocol {@code "HTTP/1.1"} or {@code "HTTP/1.0"}
     * @return this builder
     */
    public TestRequest protocol(String protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /**
     * Sets a path value, as a {@code Router} would for a wildcard (Go's {@code SetPathValue}), to
     * test a handler without its router.
     *
     * @param name the wildcard name
     * @param value its value
     * @return this builder
     */
    public TestRequest pathValue(String name, String value) {
        pathValues.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Builds the request. Its body can be read once.
     *
     * @return the request
     */
    public Request build() {
        if (!headers.contains("Host")) {
            headers.set("Host", host);
        }
        Headers frozen = new Headers();
        headers.forEach(frozen::add);
        frozen.lock("request headers are read-only");
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        return new Built(method, target, path, query, protocol, host, frozen, body, context, Map.copyOf(pathValues));
    }

    // bytes is the body as given; Built is never compared or hashed, so array identity is moot.
    @SuppressWarnings("ArrayRecordComponent")
    private record Built(String method, String target, String path, String rawQuery, String protocol,
                         String host, Headers headers, byte[] bytes, Context context, Map<String, String> values,
                         InputStream stream)
            implements Request {
        Built(String method, String target, String path, String rawQuery, String protocol, String host,
              Headers headers, byte[] bytes, Context context, Map<String, String> values) {
            this(method, target, path, rawQuery, protocol, host, headers, bytes, context, values,
                    new ByteArrayInputStream(bytes));
        }

        @Override
        public Map<String, List<String>> queryParams() {
            return dev.spindle.http.internal.QueryParser.parse(rawQuery);
        }

        @Override
        public String pathValue(String name) {
            return values.get(name);
        }

        @Override
        public String pattern() {
            return null;
        }

        @Override
        public InputStream body() {
            return stream;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public Headers trailers() {
            Headers h = new Headers();
            h.lock("trailers are read-only");
            return h;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }
}
