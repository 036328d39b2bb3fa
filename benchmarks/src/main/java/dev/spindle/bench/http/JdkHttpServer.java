package dev.spindle.bench.http;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The JDK's {@code com.sun.net.httpserver} with a virtual-thread-per-task executor, serving the
 * plaintext hello of {@code benchmarks/http/run.sh} (fixed length, keep-alive).
 */
public final class JdkHttpServer {
    private JdkHttpServer() {
    }

    /**
     * Starts the server on 127.0.0.1 and returns (the server's dispatcher thread keeps the JVM up).
     *
     * @param args the port
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] hello = Hello.BODY;
        // Backlog 1024, as http-lite's default.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", Hello.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, hello.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(hello);
            }
        });
        server.start();
        System.out.println("jdk httpserver listening on 127.0.0.1:" + server.getAddress().getPort());
    }
}
