package dev.spindle.examples;

import dev.spindle.http.HttpServer;
import dev.spindle.http.Router;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hello, web: {@code GET /} answers "Hello World", {@code GET /{name}} answers "Hello, {name}!".
 * Ctrl-C shuts the server down gracefully (in-flight requests get 10 s to finish). Run with
 * {@code ./spindle run hello [PORT]} (default 8080).
 */
@Command(name = "hello", description = "GET / answers \"Hello World\", GET /{name} answers \"Hello, {name}!\"; "
        + "Ctrl-C shuts the server down gracefully.")
public final class Hello implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PORT", defaultValue = "8080", converter = FlagTypes.Port.class,
            description = "the port (default: ${DEFAULT-VALUE}; 0: any free one)")
    private int port;

    private Hello() {
    }

    @Override
    public Integer call() throws Exception {
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
        return 0;
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
