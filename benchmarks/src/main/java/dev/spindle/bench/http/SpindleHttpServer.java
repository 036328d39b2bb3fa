package dev.spindle.bench.http;

import dev.spindle.http.HttpServer;
import dev.spindle.http.Router;

/**
 * Spindle http-lite serving the plaintext hello of {@code benchmarks/http/run.sh}: {@code GET /}
 * answers 200, {@code Content-Type: text/plain}, the 13-byte body {@code Hello, World!}, keep-alive.
 * Default server settings (limits and timeouts on), one virtual thread per connection.
 */
public final class SpindleHttpServer {
    private SpindleHttpServer() {
    }

    /**
     * Starts the server on 127.0.0.1 and blocks.
     *
     * @param args the port
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] hello = Hello.BODY;
        HttpServer server = HttpServer.builder()
                .host("127.0.0.1")
                .port(port)
                .handler(Router.create().handle("GET /", (req, res) -> res.bytes(200, Hello.CONTENT_TYPE, hello)))
                .start();
        System.out.println("spindle http-lite listening on " + server.baseUri());
        server.await();
    }
}
