package dev.spindle.examples;

import dev.spindle.http.HttpServer;
import dev.spindle.http.Router;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Hello, web: {@code GET /} answers "Hello World", {@code GET /{name}} answers "Hello, {name}!".
 * Ctrl-C shuts the server down gracefully (in-flight requests get 10 s to finish). Run with
 * {@code ./spindle run hello [port]} (default 8080).
 */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = start(port, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutting down gracefully...");
            try {
                server.shutdown(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                server.close();
            }
        }, "hello-shutdown"));
        server.await();
    }

    /** Starts the server on {@code port} (0 = any free port) and prints how to try it. */
    static HttpServer start(int port, PrintStream out) {
        Router router = Router.create()
                .handle("GET /{$}", (req, res) -> res.text(200, "Hello World"))
                .handle("GET /{name}", (req, res) -> res.text(200, "Hello, " + req.pathValue("name") + "!"));
        HttpServer server = HttpServer.builder().port(port).handler(router).start();
        out.println("hello: listening on " + server.baseUri());
        out.println("  curl " + server.baseUri());
        out.println("  curl " + server.baseUri().resolve("/gopher"));
        out.println("Ctrl-C to stop");
        return server;
    }
}
