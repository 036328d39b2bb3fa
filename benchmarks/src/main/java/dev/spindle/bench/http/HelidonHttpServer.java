package dev.spindle.bench.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * Helidon 4 SE (its own web server: a virtual thread per connection, blocking reads) serving the
 * plaintext hello of {@code benchmarks/http/run.sh} from a plain routing handler, default settings.
 */
public final class HelidonHttpServer {
    private HelidonHttpServer() {
    }

    /**
     * Starts the server on 127.0.0.1 and returns (Helidon's threads keep the JVM up).
     *
     * @param args the port
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        byte[] hello = Hello.BODY;
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r.get("/", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, Hello.CONTENT_TYPE);
                    res.send(hello);
                }))
                .build()
                .start();
        System.out.println("helidon listening on 127.0.0.1:" + server.port());
    }
}
