package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedCounter;
import dev.spindle.cluster.DistributedLock;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.cluster.DistributedTopic;
import dev.spindle.examples.BadRequest;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The order service: places orders without overselling, from any number of instances in any number
 * of processes.
 *
 * <pre>
 * POST /orders       {"userId": 1, "productId": "apple", "quantity": 2}
 *                    -> 201 the order; 409 out of stock; 404 unknown user or product;
 *                       503 the product's lock stayed busy (retry)
 * GET  /orders       -> 200 every order, by id
 * GET  /orders/{id}  -> 200 the order, or 404
 * </pre>
 *
 * <h2>Placing an order</h2>
 * <ol>
 *   <li>Take the product's {@link DistributedLock} {@code stock:<product>}, waiting up to
 *       {@link #LOCK_WAIT}, with a lease of {@link #LOCK_LEASE} (freed even if this process hangs),
 *       and get its fencing token.</li>
 *   <li>Reserve the units with {@code stock.update(...)}: on the entry's owner, atomically,
 *       {@link Stock#reserve} checks the token against the last one written (the fence) and that
 *       enough units are left, or leaves the stock unchanged (then 409).</li>
 *   <li>Store the {@link Order} (id from the cluster counter {@code orders.ids}), unlock, publish an
 *       {@link OrderEvent} on the topic {@code orders}.</li>
 * </ol>
 * The lock makes concurrent orders for one product take turns, so N units sell exactly N times;
 * the fence makes a holder that outlived its lease harmless. Orders for different products do not
 * wait for each other. Not handled (a real shop would): a crash between reserving and storing the
 * order leaves units reserved with no order (an outbox or a saga fixes that).
 */
final class OrderService {
    static final String NAME = "orders";
    static final String TOPIC = "orders";
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    static final Duration LOCK_LEASE = Duration.ofSeconds(10);

    private final Cluster cluster;
    private final DistributedMap<Long, User> users;
    private final DistributedMap<String, Product> products;
    private final DistributedMap<String, Stock> stock;
    private final DistributedMap<Long, Order> orders;
    private final DistributedCounter ids;
    private final DistributedTopic<OrderEvent> events;

    OrderService(Cluster cluster) {
        this.cluster = cluster;
        this.users = cluster.map("users", Long.class, User.class);
        this.products = cluster.map("products", String.class, Product.class);
        this.stock = cluster.map("stock", String.class, Stock.class);
        this.orders = cluster.map("orders", Long.class, Order.class);
        this.ids = cluster.counter("orders.ids");
        this.events = cluster.topic(TOPIC);
    }

    Router router() {
        return Router.create()
                .handle("POST /orders", this::place)
                .handle("GET /orders", this::list)
                .handle("GET /orders/{id}", this::get);
    }

    private void place(Request request, ResponseWriter response) throws Exception {
        NewOrder body = Api.body(request, NewOrder.class);
        long userId = body.userId();
        String productId = body.productId();
        int quantity = body.quantity().intValue();
        if (users.get(userId) == null) {
            Api.error(response, 404, "no user " + userId);
            return;
        }
        Product product = products.get(productId);
        if (product == null) {
            Api.error(response, 404, "no product " + productId);
            return;
        }
        DistributedLock lock = cluster.lock("stock:" + productId);
        OptionalLong token = lock.tryLock(LOCK_WAIT, LOCK_LEASE);
        if (token.isEmpty()) {
            Api.error(response, 503, "stock of " + productId + " is busy; try again");
            return;
        }
        long fence = token.getAsLong();
        Order order;
        Stock left;
        try {
            left = stock.update(productId, reserve(quantity, fence));
            if (left == null || !left.reservedBy(fence)) {
                Api.error(response, 409, refusal(productId, left, fence));
                return;
            }
            order = new Order(ids.incrementAndGet(), userId, productId, quantity,
                    quantity * product.priceCents(), fence, response.headers().firstOrNull("X-Served-By"),
                    Instant.now());
            orders.set(order.id(), order);
        } finally {
            unlock(lock);
        }
        events.publish(new OrderEvent(order.id(), userId, productId, quantity, left.available(), order.placedBy()));
        response.headers().set("Location", "/orders/" + order.id());
        Api.json(response, 201, order);
    }

    /**
     * The update that runs on the stock entry's owner; static, so the lambda captures only its two
     * numbers (it is serialized and sent there). No entry: stays none.
     */
    private static DistributedMap.Update<Stock> reserve(int quantity, long token) {
        return current -> current == null ? null : current.reserve(quantity, token);
    }

    private static String refusal(String productId, Stock stock, long token) {
        if (stock == null) {
            return "no stock of " + productId;
        }
        if (stock.lastToken() > token) {
            return "lost the lock on " + productId + " (token " + token + " < " + stock.lastToken() + "); try again";
        }
        return "only " + stock.available() + " x " + productId + " left";
    }

    private static void unlock(DistributedLock lock) {
        try {
            lock.unlock();
        } catch (IllegalMonitorStateException e) {
            // The lease ran out first: someone else may hold it now, and the fence protected the stock.
            System.getLogger(OrderService.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    private void list(Request request, ResponseWriter response) throws Exception {
        List<Order> all = orders.getAll(orders.keySet()).values().stream()
                .sorted(Comparator.comparingLong(Order::id))
                .toList();
        Api.json(response, 200, all);
    }

    private void get(Request request, ResponseWriter response) throws Exception {
        long id = Api.id(request, "id");
        Order order = orders.get(id);
        if (order == null) {
            Api.error(response, 404, "no order " + id);
        } else {
            Api.json(response, 200, order);
        }
    }

    /**
     * The body of {@code POST /orders}.
     * Its constructor throws {@link BadRequest} naming the field, if one is missing or out of range.
     *
     * @param userId who orders, at least 1
     * @param productId what, not blank
     * @param quantity how many units, 1 to 1000
     */
    record NewOrder(Long userId, String productId, Long quantity) {
        NewOrder {
            Api.number(userId, "userId", 1, Long.MAX_VALUE);
            productId = Api.text(productId, "productId");
            Api.number(quantity, "quantity", 1, 1000);
        }
    }
}
