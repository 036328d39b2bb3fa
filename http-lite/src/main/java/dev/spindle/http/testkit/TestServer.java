package dev.spindle.http.testkit;

import dev.spindle.http.Handler;
import dev.spindle.http.HttpServer;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A real {@link HttpServer} on 127.0.0.1 and an ephemeral port, for tests; Go's
 * {@code httptest.NewServer}.
 *
 * {@snippet :
 * try (TestServer server = TestServer.start(router)) {
 *     HttpResponse<String> response = HttpClient.newHttpClient().send(
 *             HttpRequest.newBuilder(server.uri("/items/1")).build(), BodyHandlers.ofString());
 * }
 * }
 *
 * <p>{@link #close()} shuts the server down with a short grace period, then closes it.
 *
 * @since 0.1.0
 */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;

    private TestServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a server for {@code handler} with the default limits.
     *
     * @param handler the handler
     * @return the running server
     */
    public static TestServer start(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        return start(HttpServer.builder().handler(handler));
    }

    /**
     * Starts a server from a configured builder, on 127.0.0.1 and an ephemeral port (the builder's
     * host and port are overridden).
     *
     * @param builder the builder, with at least a handler
     * @return the running server
     */
    public static TestServer start(HttpServer.Builder builder) {
        return new TestServer(builder.host("127.0.0.1").port(0).start());
    }

    /**
     * The base URI, e.g. {@code http://127.0.0.1:41233/}.
     *
     * @return the URI
     */
    public URI baseUri() {
        return server.baseUri();
    }

    /**
     * The URI of {@code path} on this server.
     *
     * @param path an absolute path, with query if wanted, e.g. {@code "/items/1?full=true"}
     * @return the URI
     */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return baseUri().resolve(path);
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * The server itself.
     *
     * @return the server
     */
    public HttpServer server() {
        return server;
    }

    /** Shuts the server down (1 s grace), then closes it. */
    @Override
    public void close() {
        try {
            server.shutdown(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
