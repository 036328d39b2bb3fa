package dev.spindle.http;

import dev.spindle.http.internal.ServerConfig;
import dev.spindle.http.internal.ServerCore;
import dev.spindle.http.internal.ServerObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A small, strict HTTP/1.1 server on virtual threads; Go's {@code http.Server}.
 *
 * {@snippet :
 * Router router = Router.create();
 * router.handle("GET /hello/{name}", (req, res) -> res.text(200, "Hello, " + req.pathValue("name")));
 * try (HttpServer server = HttpServer.builder().port(8080).handler(router).start()) {
 *     server.await(); // until another thread calls shutdown(...) or close()
 * }
 * }
 *
 * <p>One virtual thread per connection. HTTP/1.1 with keep-alive and pipelining (responses in
 * order), chunked request and response bodies, {@code Expect: 100-continue}, HEAD, HTTP/1.0 with
 * and without keep-alive, absolute-form targets, {@code OPTIONS *}. No HTTP/2, no upgrades, no
 * CONNECT (501).
 *
 * <p>Limits and timeouts are on by default and set per server on the {@link Builder}. Bad input
 * never reaches a handler: a malformed request is answered with the RFC 9112 status (400, or 408,
 * 413, 414, 417, 431, 501, 505) and its connection closed, without answering anything sent after
 * it.
 *
 * <p>Contract under failure: a handler's exception becomes a 500 (or a closed connection if the
 * response was committed) and is logged once on the {@code dev.spindle.http} {@link System.Logger};
 * nothing a client or handler does stops the accept loop or affects another connection.
 *
 * @since 0.1.0
 */
public final class HttpServer implements AutoCloseable {
    private final ServerCore core;
    private final boolean secure;

    private HttpServer(ServerCore core, boolean secure) {
        this.core = core;
        this.secure = secure;
    }

    /**
     * A builder with the defaults: 127.0.0.1, port 8080, no TLS, and the default limits listed on
     * each setter.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address the server listens on, with the actual port (useful after port 0).
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return core.address();
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return core.address().getPort();
    }

    /**
     * The base URI, e.g. {@code http://127.0.0.1:41233/}; for a server on a wildcard address, the
     * loopback address is used.
     *
     * @return the URI
     */
    public URI baseUri() {
        InetSocketAddress a = core.address();
        InetAddress ip = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        String host = ip.getHostAddress().contains(":") ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + a.getPort() + "/");
    }

    /**
     * The number of open connections.
     *
     * @return the count
     */
    public int openConnections() {
        return core.openConnections();
    }

    /**
     * Shuts down gracefully (Go's {@code Server.Shutdown}): stops accepting, closes idle
     * connections, lets in-flight requests finish (their responses carry
     * {@code Connection: close}) within {@code grace}, then closes whatever is left and cancels every
     * request's context. Open {@link EventStream}s, which never finish by themselves, are told at
     * once: their contexts are cancelled when shutdown starts, so their handlers can end them
     * cleanly instead of holding shutdown until {@code grace} runs out.
     *
     * @param grace the longest time to wait for in-flight requests
     * @return {@code true} if every request finished within {@code grace}
     * @throws InterruptedException if interrupted while waiting; the server is closed anyway
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        Objects.requireNonNull(grace, "grace");
        return core.shutdown(grace);
    }

    /**
     * Blocks until the server is closed, by {@link #close()} or at the end of
     * {@link #shutdown(Duration)} on another thread; for a {@code main} that only serves (Go's
     * blocking {@code ListenAndServe}).
     *
     * @throws InterruptedException if interrupted while waiting; the server keeps running
     */
    public void await() throws InterruptedException {
        core.awaitTermination();
    }

    /**
     * Closes the server at once (Go's {@code Server.Close}): the listener and every connection,
     * in-flight or not; request contexts are cancelled. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Configures and starts an {@link HttpServer}. Setters validate at once and name the culprit.
     * Not thread-safe.
     */
    public static final class Builder {
        /** The default of {@link #maxHeaderCount(int)}. */
        public static final int DEFAULT_MAX_HEADER_COUNT = 8192;

        private String host = "127.0.0.1";
        private int port = 8080;
        private int backlog = 1024;
        private Handler handler;
        private final List<Middleware> middlewares = new ArrayList<>();
        private SSLContext ssl;
        private ServerObserver observer = ServerObserver.NONE;
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderBytes = 32 * 1024;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private int maxConnections = 20_000;
        private Duration readHeaderTimeout = Duration.ofSeconds(10);
        private Duration bodyReadTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * The host or IP to listen on; default {@code 127.0.0.1}; {@code "0.0.0.0"} for every
         * interface.
         *
         * @param host the host
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port; 0 picks a free one (read it back with {@link HttpServer#port()}). Default 8080.
         *
         * @param port 0..65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The handler for every request, usually a {@link Router}. Required.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Adds middleware around the handler; the first added is the outermost. Composed once, at
         * {@link #start()}.
         *
         * @param middleware the middleware
         * @return this builder
         */
        public Builder middleware(Middleware... middleware) {
            for (int i = 0; i < middleware.length; i++) {
                middlewares.add(Objects.requireNonNull(middleware[i], "middleware[" + i + "]"));
            }
            return this;
        }

        /**
         * Serves HTTPS with this TLS context (its key managers hold the server's key).
         *
         * @param context the TLS context
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.ssl = Objects.requireNonNull(context, "tls context");
            return this;
        }

        /**
         * Records Micrometer metrics (needs Micrometer on the class path).
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(HttpMetrics metrics) {
            this.observer = Objects.requireNonNull(metrics, "metrics").observer();
            return this;
        }

        /**
         * Longest request line, in bytes; longer gets 414. Default 8 KiB.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder maxRequestLineBytes(int bytes) {
            this.maxRequestLineBytes = atLeast("maxRequestLineBytes", bytes, 64);
            return this;
        }

        /**
         * Largest header section (and trailer section), in bytes; larger gets 431. Default 32 KiB.
         *
         * @param bytes at least 256
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = atLeast("maxHeaderBytes", bytes, 256);
            return this;
        }

        /**
         * Most header fields in a request; more gets 431. Default {@value #DEFAULT_MAX_HEADER_COUNT}:
         * no cap a real client meets (a browser with many cookies or a request through a chain of
         * proxies carries dozens of fields), so the byte limit of {@link #maxHeaderBytes(int)} is
         * the one that bounds a header section, as in Go, Jetty and Netty; at the default 32 KiB,
         * only fields of about 4 bytes each could reach this count.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = atLeast("maxHeaderCount", count, 1);
            return this;
        }

        /**
         * Largest request body, in bytes; larger gets 413 and the connection closed. Default 10 MiB.
         *
         * @param bytes at least 0
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Most open connections; a connection above it gets 503 and is closed. Default 20,000.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = atLeast("maxConnections", count, 1);
            return this;
        }

        /**
         * Time from a request's first byte (or from accept, for the first request, TLS handshake
         * included) until its header section is read; past it the client gets 408 (if it sent
         * anything) and the connection closes. Bounds slow clients: a client sending a byte a second
         * is cut off at this deadline. Default 10 s; zero disables it.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder readHeaderTimeout(Duration timeout) {
            this.readHeaderTimeout = nonNegative("readHeaderTimeout", timeout);
            return this;
        }

        /**
         * Time from the handler's first body read until the whole body is read; past it reads
         * throw {@link java.net.SocketTimeoutException} and the connection closes. Default 30 s;
         * zero disables it.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder bodyReadTimeout(Duration timeout) {
            this.bodyReadTimeout = nonNegative("bodyReadTimeout", timeout);
            return this;
        }

        /**
         * Time from a response's commit until it is fully written; past it the connection is
         * closed (a client that stops reading cannot hold a thread forever). For an
         * {@link EventStream} it bounds each event's write instead (from its start to its flush), so
         * a stream may stay open for as long as its client reads. Default 30 s; zero disables it
         * (for long streams written without {@code EventStream}).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = nonNegative("writeTimeout", timeout);
            return this;
        }

        /**
         * How long a keep-alive connection may wait for its next request. Default 60 s; zero
         * disables it.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative("idleTimeout", timeout);
            return this;
        }

        /**
         * Binds the address and starts serving.
         *
         * @return the running server
         * @throws IllegalStateException if no handler was set
         * @throws UncheckedIOException if the address cannot be bound
         */
        public HttpServer start() {
            if (handler == null) {
                throw new IllegalStateException("HttpServer.builder(): no handler set; call handler(...) first");
            }
            Handler composed = Middleware.apply(middlewares, handler);
            ServerConfig config = new ServerConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                    maxBodyBytes, maxConnections, readHeaderTimeout, bodyReadTimeout, writeTimeout, idleTimeout);
            try {
                ServerCore core = new ServerCore(new InetSocketAddress(host, port), ssl, backlog, composed,
                        config, observer);
                core.start();
                return new HttpServer(core, ssl != null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }

        private static Duration nonNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
