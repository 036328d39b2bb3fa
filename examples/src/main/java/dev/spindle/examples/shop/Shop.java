package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterConfig;
import dev.spindle.cluster.ClusterMetrics;
import dev.spindle.cluster.Subscription;
import dev.spindle.core.TaskFailedException;
import dev.spindle.core.TaskGroup;
import dev.spindle.examples.shop.ShopOptions.Role;
import dev.spindle.http.Router;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The flagship example: a small e-commerce system as microservices on one Spindle cluster.
 *
 * <pre>
 *   client ── HTTP(S) ──▶ gateway ──round-robin, failover──▶ users ×2 · products ×2 · orders ×2
 *                            │                                   │
 *                            └────────── one Hazelcast cluster ──┘
 *        ServiceRegistry (who is up) · maps users/products/stock/orders · lock per product
 *        (fencing token) · counters for ids · topic "orders" ──▶ events (prints each order)
 *                                                          └──▶ gateway GET /events ──SSE──▶ shop page
 * </pre>
 *
 * <p>By default everything runs in this JVM on one embedded cluster member; with {@code --role} and
 * {@code --members} each part runs in its own process, on this host or others, and they find each
 * other through the cluster ({@link ShopCommand} has the flags; {@code ./spindle run shop --help}
 * lists them). The services hold no state of their own: all of it is in the cluster, so any
 * instance can serve any request and instances can come and go.
 */
public final class Shop implements AutoCloseable {
    private final ShopOptions options;
    private final PrintStream out;
    private final Cluster cluster;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<ServiceInstanceServer> instances = new ArrayList<>();
    private Subscription<OrderEvent> events;
    /** The event printer's group ({@code "events"} on the debug page); open while it prints. */
    private TaskGroup printer;
    private Gateway gateway;
    private SelfSignedTls tls;
    /** Serializes {@link #stop(boolean)}, which blocks (drains, leaves the cluster): not {@code synchronized}. */
    private final ReentrantLock stopping = new ReentrantLock();

    private Shop(ShopOptions options, PrintStream out, Cluster cluster) {
        this.options = options;
        this.out = out;
        this.cluster = cluster;
    }

    /**
     * Starts what {@code options.roles()} names, printing what it does to {@code out}; on failure,
     * stops whatever had started and throws.
     */
    public static Shop start(ShopOptions options, PrintStream out) throws Exception {
        out.println("shop: starting cluster member of '" + options.clusterName() + "' on " + options.host()
                + (options.members().isEmpty() ? "" : ", joining " + String.join(", ", options.members())));
        Cluster cluster = Cluster.embedded(ClusterConfig.builder()
                .name(options.clusterName())
                .host(options.host())
                .port(options.clusterPort())
                .members(options.members())
                .build());
        Shop shop = new Shop(options, out, cluster);
        try {
            shop.startRoles();
            return shop;
        } catch (Exception | Error e) {
            shop.close();
            throw e;
        }
    }

    private void startRoles() throws Exception {
        out.println("shop: cluster member " + cluster.localMember().address() + " up; "
                + cluster.members().size() + " member(s) in the cluster");
        ClusterMetrics.of(cluster).bindTo(metrics);
        var roles = options.roles();
        startService(Role.USERS, UserService.NAME, c -> new UserService(c).router());
        startService(Role.PRODUCTS, ProductService.NAME, c -> new ProductService(c).router());
        startService(Role.ORDERS, OrderService.NAME, c -> new OrderService(c).router());
        if (roles.contains(Role.EVENTS)) {
            startEventPrinter();
        }
        if (roles.contains(Role.GATEWAY)) {
            startGateway();
        } else {
            out.println("shop: ready (no gateway in this process: start one with --role gateway and the same"
                    + " --members)");
        }
    }

    private void startService(Role role, String name, Function<Cluster, Router> service) {
        if (!options.roles().contains(role)) {
            return;
        }
        for (int i = 0; i < options.instances(); i++) {
            int port = options.servicePort() == 0 ? 0 : options.servicePort() + instances.size();
            ServiceInstanceServer instance = ServiceInstanceServer.start(cluster, name, options.host(), port,
                    service.apply(cluster));
            instances.add(instance);
            out.printf("shop: %-8s instance %s registered%n", name, instance.id());
        }
    }

    /** Prints every order event published anywhere in the cluster, as it arrives. */
    private void startEventPrinter() throws InterruptedException {
        events = cluster.<OrderEvent>topic(OrderService.TOPIC).subscribe();
        printer = TaskGroup.open().named("events");
        printer.go(() -> {
            for (OrderEvent event : events) {
                out.println("events: " + event);
            }
        });
        out.printf("shop: %-8s subscribed to topic '%s'%n", "events", OrderService.TOPIC);
    }

    private void startGateway() throws Exception {
        tls = options.tls() ? SelfSignedTls.create() : null;
        gateway = Gateway.start(cluster, options.host(), options.gatewayPort(), tls == null ? null : tls.context(),
                metrics, out);
        URI base = gateway.baseUri();
        out.printf("shop: %-8s listening on %s%n", "gateway", base);
        String curl = tls == null ? "curl" : "curl --cacert $CA";
        String b = base.toString().substring(0, base.toString().length() - 1); // without the final '/'
        out.println();
        out.println("Open " + base + " in a browser: products with live stock, forms to add a user and order,"
                + " and the order events as they happen (GET /events).");
        out.println("Try it:");
        if (tls != null) {
            out.println("  CA=" + tls.certificate() + "   # the gateway's self-signed certificate");
        }
        out.println("  " + curl + " " + b + "/                 # services and their healthy instances");
        out.println("  " + curl + " -i " + b + "/products      # run twice: X-Served-By alternates");
        out.println("  " + curl + " " + b + "/users -d '{\"name\":\"Ada\",\"email\":\"ada@example.com\"}'");
        out.println("  " + curl + " " + b + "/orders -d '{\"userId\":1,\"productId\":\"apple\",\"quantity\":2}'");
        out.println("  " + curl + " " + b + "/orders/1");
        out.println("  " + curl + " " + b + "/products/apple   # stock went down");
        out.println("  " + curl + " " + b + "/metrics");
        out.println("  " + curl + " '" + b + "/debug/spindle?format=text'   # what every task waits on (a page in a browser)");
        out.println("Ctrl-C to stop");
    }

    /** The gateway's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI gatewayUri() {
        if (gateway == null) {
            throw new IllegalStateException("this process runs no gateway (roles " + options.roles() + ")");
        }
        return gateway.baseUri();
    }

    /** The cluster this process is a member of. */
    public Cluster cluster() {
        return cluster;
    }

    /** The gateway's self-signed TLS identity with {@code --tls}, else null. */
    SelfSignedTls tls() {
        return tls;
    }

    /** The running instances of {@code service} in this process. */
    List<ServiceInstanceServer> instances(String service) {
        return instances.stream().filter(i -> i.service().equals(service)).toList();
    }

    /** {@link #stop(boolean) Stops} at once, without handing this member's data to others. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops in order: the gateway (no new requests), the service instances (deregistered, in-flight
     * requests drained), the event printer, then this process's cluster member: gracefully (its
     * partitions migrate to the other members first, so stopping processes one at a time loses
     * nothing) or at once (what backups survive). Idempotent.
     */
    public void stop(boolean graceful) {
        stopping.lock();
        try {
            if (gateway != null) {
                gateway.close();
                gateway = null;
            }
            for (ServiceInstanceServer instance : instances) {
                instance.close();
            }
            instances.clear();
            if (events != null) {
                events.close(); // ends the printer's loop
            }
            if (printer != null) {
                closePrinter();
            }
            if (graceful) {
                cluster.shutdown();
            } else {
                cluster.close();
            }
        } finally {
            stopping.unlock();
        }
    }

    /** Waits for the event printer to end; a failure of its subscription is printed, not thrown. */
    private void closePrinter() {
        try {
            printer.close();
        } catch (TaskFailedException e) {
            out.println("events: the order events stopped: " + e.getCause());
        }
        printer = null;
    }
}
