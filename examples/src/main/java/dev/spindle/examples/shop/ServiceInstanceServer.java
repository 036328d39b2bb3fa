package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ServiceRegistration;
import dev.spindle.cluster.ServiceRegistry;
import dev.spindle.examples.BadRequest;
import dev.spindle.http.Handler;
import dev.spindle.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One running instance of a service: an HTTP server registered in the cluster's
 * {@link ServiceRegistry} under the service's name, so the gateway can find it.
 *
 * <p>Every answer carries {@code X-Served-By: <instance id>} (so round-robin is visible through the
 * gateway), and a {@link BadRequest} thrown by a handler becomes a 400 here. {@link #close()}
 * deregisters first, so the gateway stops sending new requests, then lets in-flight ones finish.
 */
final class ServiceInstanceServer implements AutoCloseable {
    /** How long an instance stays listed if its process hangs and stops its heartbeat. */
    static final Duration REGISTRATION_TTL = Duration.ofSeconds(10);

    private final String service;
    private final String id;
    private final HttpServer server;
    private final ServiceRegistration registration;

    private ServiceInstanceServer(String service, String id, HttpServer server, ServiceRegistration registration) {
        this.service = service;
        this.id = id;
        this.server = server;
        this.registration = registration;
    }

    /**
     * Starts {@code handler} on {@code host:port} (port 0: any free one) and registers it as an
     * instance of {@code service}.
     */
    static ServiceInstanceServer start(Cluster cluster, String service, String host, int port, Handler handler) {
        String[] idHolder = new String[1]; // the id is known once the server has its port
        Handler withConventions = (request, response) -> {
            response.headers().set("X-Served-By", idHolder[0]);
            try {
                handler.serve(request, response);
            } catch (BadRequest e) {
                if (!response.isCommitted()) {
                    Api.error(response, 400, e.getMessage());
                }
            }
        };
        HttpServer server = HttpServer.builder().host(host).port(port).handler(withConventions).start();
        URI address = server.baseUri();
        String id = service + "@" + address.getHost() + ":" + address.getPort();
        idHolder[0] = id;
        ServiceRegistration registration = cluster.registry()
                .register(service, id, address, REGISTRATION_TTL, Map.of("pid", Long.toString(ProcessHandle.current().pid())));
        return new ServiceInstanceServer(service, id, server, registration);
    }

    String service() {
        return service;
    }

    /** The instance id in the registry, e.g. {@code orders@127.0.0.1:40123}. */
    String id() {
        return id;
    }

    URI address() {
        return server.baseUri();
    }

    /**
     * Stops answering at once but stays registered, as a process that crashed looks until the
     * cluster notices: what the gateway's failover is for. (For demos and tests.)
     */
    void crash() {
        server.close();
    }

    /** Deregisters, then shuts the server down, giving in-flight requests up to 5 s. */
    @Override
    public void close() {
        registration.close();
        try {
            server.shutdown(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
        }
    }
}
