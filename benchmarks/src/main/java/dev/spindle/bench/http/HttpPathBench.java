package dev.spindle.bench.http;

import dev.spindle.http.Router;
import dev.spindle.http.internal.ServerConfig;
import dev.spindle.http.internal.ServerCore;
import dev.spindle.http.internal.ServerObserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * http-lite's request path without sockets (issue 13): parse, route, handler, response write, as
 * the server's own connection loop runs them ({@code ServerCore.serve}), over an in-memory socket.
 * One invocation serves {@value #REQUESTS} keep-alive requests of the plaintext benchmark
 * ({@code GET /} with the Host wrk sends; {@code 200 text/plain "Hello, World!"}, a fixed-length
 * response with no request body) on one connection, then the connection ends; the score is per
 * request. The input hands out at most {@value #READ_SIZE} bytes a read, so requests arrive in
 * batches as they would from a socket; the output counts the bytes and drops them. Run it with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per request (the
 * connection's set-up and tear-down, spread over the {@value #REQUESTS} requests, included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class HttpPathBench {
    /** Requests per invocation (one connection). */
    static final int REQUESTS = 10_000;
    /** The most bytes one read of the in-memory socket returns. */
    static final int READ_SIZE = 4096;
    private static final byte[] REQUEST =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private ServerCore server;
    private MemorySocket socket;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] hello = Hello.BODY;
        Router router = Router.create().handle("GET /", (req, res) -> res.bytes(200, Hello.CONTENT_TYPE, hello));
        // The defaults of HttpServer.Builder.
        ServerConfig config = new ServerConfig(8 * 1024, 32 * 1024, 8192, 10L * 1024 * 1024, 20_000,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));
        server = new ServerCore(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1, router,
                config, ServerObserver.NONE);
        socket = new MemorySocket();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    /**
     * Serves {@value #REQUESTS} requests on one in-memory connection.
     *
     * @return the bytes written, so the work cannot be eliminated
     * @throws IOException never (the check that every response was written)
     */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long request() throws IOException {
        socket.reset();
        server.serve(socket);
        if (socket.requestsLeft != 0 || socket.written == 0) {
            throw new IOException("the connection ended early: " + socket.requestsLeft + " requests unread");
        }
        return socket.written;
    }

    /** A socket whose input is {@value #REQUESTS} copies of the request and whose output counts. */
    static final class MemorySocket extends Socket {
        int requestsLeft;
        int offset;
        long written;
        private final InputStream in = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                int max = Math.min(len, READ_SIZE);
                while (n < max && requestsLeft > 0) {
                    int k = Math.min(max - n, REQUEST.length - offset);
                    System.arraycopy(REQUEST, offset, b, off + n, k);
                    n += k;
                    offset += k;
                    if (offset == REQUEST.length) {
                        offset = 0;
                        requestsLeft--;
                    }
                }
                return n == 0 ? -1 : n;
            }
        };
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written += len;
            }
        };

        void reset() {
            requestsLeft = REQUESTS;
            offset = 0;
            written = 0;
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setSoTimeout(int timeout) {
        }

        @Override
        public int getSoTimeout() {
            return 0;
        }

        @Override
        public void shutdownInput() {
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        }
    }
}
