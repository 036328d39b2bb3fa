package dev.spindle.bench.http;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * Undertow (default IO and worker threads) serving the plaintext hello of
 * {@code benchmarks/http/run.sh} from its IO threads, as Undertow's own plaintext examples do.
 */
public final class UndertowHttpServer {
    private UndertowHttpServer() {
    }

    /**
     * Starts the server on 127.0.0.1 and returns (Undertow's threads keep the JVM up).
     *
     * @param args the port
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        ByteBuffer hello = ByteBuffer.allocateDirect(Hello.BODY.length).put(Hello.BODY).flip();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Hello.CONTENT_TYPE);
                    exchange.getResponseSender().send(hello.duplicate());
                })
                .build();
        server.start();
        System.out.println("undertow listening on 127.0.0.1:" + port);
    }
}
