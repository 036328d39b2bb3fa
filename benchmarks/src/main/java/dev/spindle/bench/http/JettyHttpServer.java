package dev.spindle.bench.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 (core API, no servlets) serving the plaintext hello of {@code benchmarks/http/run.sh}.
 * The thread pool is given a virtual-thread executor, so Jetty runs the (blocking) handler on
 * virtual threads, as its documentation describes for virtual-thread support.
 */
public final class JettyHttpServer {
    private JettyHttpServer() {
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
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024); // as http-lite's default backlog
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, Hello.CONTENT_TYPE);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, hello.length);
                response.write(true, ByteBuffer.wrap(hello), callback);
                return true;
            }
        });
        server.start();
        System.out.println("jetty listening on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }
}
