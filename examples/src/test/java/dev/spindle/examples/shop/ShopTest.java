package dev.spindle.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.cluster.StaleTokenException;
import dev.spindle.cluster.Subscription;
import dev.spindle.examples.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Smoke test of the whole shop over real HTTP: one JVM, one embedded cluster member of a cluster
 * named for this run only, two instances of each service, the gateway on a free port. The failover
 * test crashes an instance, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ByteArrayOutputStream output = new ByteArrayOutputStream();
    static Shop shop;
    static URI gateway;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper ANSWERS = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    @BeforeAll
    static void startShop() throws Exception {
        shop = Shop.start(ShopOptions.parse("--cluster-name", uniqueName(), "--port", "0"),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        gateway = shop.gatewayUri();
    }

    @AfterAll
    static void stopShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    @Order(1)
    void printsWhatItStartedAndHowToTryIt() throws Exception {
        assertThat(printed()).contains(
                "shop: gateway  listening on " + gateway,
                "shop: users    instance users@127.0.0.1:",
                "shop: orders   instance orders@127.0.0.1:",
                "shop: events   subscribed to topic 'orders'",
                "curl " + gateway.resolve("/products"),
                "Ctrl-C to stop");
        assertThat(Launcher.class.getDeclaredField("EXAMPLES")).isNotNull();
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        Map<String, Object> services = map(map(json(index.body())).get("services"));
        for (String service : List.of("users", "products", "orders")) {
            assertThat((List<?>) services.get(service)).as(service).hasSize(2);
        }
    }

    @Test
    @Order(1)
    void flagsAreCheckedWithAMessage() {
        assertThat(ShopOptions.parse()).isEqualTo(new ShopOptions(EnumSet.allOf(ShopOptions.Role.class), "shop",
                "127.0.0.1", 5701, List.of(), 8080, 0, 2, false));
        assertThat(ShopOptions.parse("--role", "orders", "--members", "10.0.0.5:5701,10.0.0.6:5701"))
                .satisfies(o -> assertThat(o.roles()).containsExactly(ShopOptions.Role.ORDERS))
                .satisfies(o -> assertThat(o.members()).containsExactly("10.0.0.5:5701", "10.0.0.6:5701"))
                .satisfies(o -> assertThat(o.instances()).isEqualTo(1));
        assertThat(ShopOptions.parse("--role", "users,,orders", "--members", "10.0.0.5:5701", "--instances", "3",
                "--tls").roles()).containsExactly(ShopOptions.Role.USERS, ShopOptions.Role.ORDERS);
        assertThatThrownBy(() -> ShopOptions.parse("--bogus")).isInstanceOf(ParameterException.class)
                .hasMessage("Unknown option: '--bogus'");
        assertThatThrownBy(() -> ShopOptions.parse("--port")).isInstanceOf(ParameterException.class)
                .hasMessage("Missing required parameter for option '--port' (PORT)");
        assertThatThrownBy(() -> ShopOptions.parse("--role", "cart")).hasMessageContaining("unknown role 'cart'");
        assertThatThrownBy(() -> ShopOptions.parse("--port", "http"))
                .hasMessage("Invalid value for option '--port': 'http' is not a port number (0 to 65535)");
    }

    @Test
    @Order(2)
    void gatewayRoundRobinsOverInstances() throws Exception {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> products = get("/products");
            assertThat(products.statusCode()).isEqualTo(200);
            servedBy.add(products.headers().firstValue("X-Served-By").orElseThrow());
        }
        assertThat(servedBy).hasSize(2).allMatch(id -> id.startsWith("products@"));
    }

    @Test
    @Order(3)
    void userOrdersAndStockGoesDown() throws Exception {
        long user = createUser("Ada");
        List<?> products = (List<?>) json(get("/products").body());
        assertThat(products).extracting(p -> map(p).get("id")).contains("apple", "pear", "fig");
        long before = (Long) map(json(get("/products/apple").body())).get("stock");

        try (Subscription<OrderEvent> events = shop.cluster().<OrderEvent>topic("orders").subscribe()) {
            HttpResponse<String> placed = post("/orders",
                    "{\"userId\":" + user + ",\"productId\":\"apple\",\"quantity\":2}");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            Map<String, Object> order = map(json(placed.body()));
            long orderId = (Long) order.get("id");
            assertThat(order).containsEntry("productId", "apple").containsEntry("quantity", 2L)
                    .containsEntry("totalCents", 100L);
            assertThat(placed.headers().firstValue("Location")).hasValue("/orders/" + orderId);

            OrderEvent event = events.tryReceive(WAIT).orElseThrow();
            assertThat(event).isEqualTo(new OrderEvent(orderId, user, "apple", 2, (int) before - 2,
                    placed.headers().firstValue("X-Served-By").orElseThrow()));
            await().atMost(WAIT).until(() -> printed().contains("events: order " + orderId + " placed: 2 x apple"));

            assertThat(map(json(get("/products/apple").body()))).containsEntry("stock", before - 2);
            HttpResponse<String> stored = get("/orders/" + orderId);
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(map(json(stored.body()))).containsEntry("userId", user);
        }
    }

    @Test
    @Order(4)
    void badOrdersAreRefusedWithTheReason() throws Exception {
        long user = createUser("Grace");
        assertThat(post("/orders", "{\"userId\":" + user + ",\"productId\":\"durian\",\"quantity\":1}").statusCode())
                .isEqualTo(404);
        assertThat(post("/orders", "{\"userId\":999999,\"productId\":\"apple\",\"quantity\":1}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> zero = post("/orders", "{\"userId\":" + user + ",\"productId\":\"apple\",\"quantity\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("quantity");
        HttpResponse<String> malformed = post("/orders", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(malformed.body())).isEqualTo(Map.of("error", "malformed JSON at line 1, column 2: "
                + "Unexpected character ('n' (code 110)): was expecting double-quote to start property name"));
        HttpResponse<String> mistyped = post("/orders",
                "{\"userId\":\"" + user + "\",\"productId\":\"apple\",\"quantity\":1}");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(json(mistyped.body())).isEqualTo(Map.of("error", "field 'userId' must be an integer"));
        assertThat(json(post("/users", "{\"name\":\"Ada\"}").body()))
                .isEqualTo(Map.of("error", "field 'email' must be a non-empty string"));
        assertThat(post("/orders", "").statusCode()).isEqualTo(400);
        assertThat(get("/orders/123456789").statusCode()).isEqualTo(404);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> delete = client.send(HttpRequest.newBuilder(gateway.resolve("/orders/1")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    @Order(5)
    void concurrentOrdersNeverOversell() throws Exception {
        long user = createUser("Linus");
        HttpResponse<String> created = post("/products",
                "{\"id\":\"widget\",\"name\":\"Widget\",\"priceCents\":250,\"stock\":10}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(post("/products", "{\"id\":\"widget\",\"name\":\"Widget\",\"priceCents\":250,\"stock\":10}")
                .statusCode()).isEqualTo(409);

        List<Callable<HttpResponse<String>>> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(() -> post("/orders", "{\"userId\":" + user + ",\"productId\":\"widget\",\"quantity\":1}"));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpResponse<String>> f : threads.invokeAll(orders)) {
                answers.add(f.get());
            }
        }
        List<HttpResponse<String>> placed = answers.stream().filter(r -> r.statusCode() == 201).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 409).toList();
        assertThat(placed).as(answers.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString())
                .hasSize(10);
        assertThat(refused).hasSize(40);
        assertThat(refused.getFirst().body()).contains("left");
        assertThat(map(json(get("/products/widget").body()))).containsEntry("stock", 0L);
        // Each reservation was made under its own, larger fencing token; both instances took part.
        assertThat(placed.stream().map(r -> map(json(r.body())).get("fencingToken")).distinct()).hasSize(10);
        assertThat(placed.stream().map(r -> r.headers().firstValue("X-Served-By").orElseThrow()).distinct())
                .hasSize(2);
    }

    @Test
    @Order(5)
    void stockRefusesAStaleFencingToken() throws Exception {
        var stock = shop.cluster().map("stock", String.class, Stock.class);
        var lock = shop.cluster().lock("stock:kiwi");
        stock.set("kiwi", new Stock(5, 0));
        long old = lock.lock(Duration.ofSeconds(10));
        lock.unlock();
        long current = lock.lock(Duration.ofSeconds(10)); // a newer holder writes first
        try {
            assertThat(stock.update("kiwi", s -> s.reserve(1, current))).isEqualTo(new Stock(4, current));
        } finally {
            lock.unlock();
        }
        // The old holder wakes up from a long pause and tries to write with its token: refused.
        Stock after = stock.update("kiwi", s -> s.reserve(1, old));
        assertThat(after.reservedBy(old)).isFalse();
        assertThat(after).isEqualTo(new Stock(4, current));
        assertThatThrownBy(() -> lock.checkToken(old)).isInstanceOf(StaleTokenException.class);
    }

    @Test
    @Order(2)
    void aBrowserGetsThePageAndEveryoneElseKeepsTheJson() throws Exception {
        String chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        HttpResponse<String> page = get("/", chrome);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<meta name=\"viewport\"", "<script src=\"/shop.js\"",
                "id=\"feed\"", "id=\"order-form\"", "id=\"user-form\"").doesNotContain("http://", "https://");
        HttpResponse<String> script = get("/shop.js", "*/*");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("new EventSource(\"/events\")").doesNotContain("innerHTML");
        assertThat(get("/shop.css", "text/css,*/*;q=0.1").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");

        // curl's */*, no Accept at all, and JSON asked for by name: the JSON the README shows.
        for (String accept : new String[] {"*/*", null, "application/json", "application/json, text/html;q=0.5"}) {
            HttpResponse<String> json = get("/", accept);
            assertThat(json.statusCode()).as(accept).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
            assertThat(json.headers().firstValue("Vary")).hasValue("Accept");
            assertThat(map(json(json.body()))).as(accept).containsKey("services");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
        "TEXT/HTML                                                      | true",
        "text/html;level=1;q=0.7, application/json;q=0.7                | true",
        "text/html;q=0                                                  | false",
        "application/json, text/html;q=0.9                              | false",
        "*/*                                                            | false",
        "text/*                                                         | false",
        "text/html;q=oops                                               | false",
        "NONE                                                           | false",
    })
    void acceptDecidesBetweenPageAndJson(String accept, boolean html) {
        assertThat(ShopPage.wantsHtml(java.util.Optional.ofNullable(accept))).isEqualTo(html);
    }

    @Test
    @Order(2)
    void eventsStreamEveryOrderAsServerSentEvents() throws Exception {
        long user = createUser("Edsger");
        try (EventLines events = EventLines.open(client, gateway.resolve("/events"))) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            assertThat(events.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            HttpResponse<String> placed = post("/orders",
                    "{\"userId\":" + user + ",\"productId\":\"fig\",\"quantity\":1}");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            long orderId = (Long) map(json(placed.body())).get("id");
            String servedBy = placed.headers().firstValue("X-Served-By").orElseThrow();

            List<String> event = events.nextEvent(WAIT);
            assertThat(event).contains("event: order", "id: " + orderId);
            String data = event.stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
            assertThat(map(json(data))).containsEntry("orderId", orderId).containsEntry("userId", user)
                    .containsEntry("productId", "fig").containsEntry("quantity", 1L)
                    .containsEntry("placedBy", servedBy).containsKey("stockLeft");
        }
    }

    @Test
    @Order(2)
    void theDebugPageShowsTheShopsTaskGroup() throws Exception {
        HttpResponse<String> page = get("/debug/spindle", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<h2>Task groups</h2>")
                .containsPattern("<span class=\"label\">group \\d+ &#34;events&#34;</span> <span class=\"state\">running");
    }

    @Test
    @Order(6)
    void metricsArePrometheusText() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{", "uri=\"/orders\"", "uri=\"/products/{id}\"",
                "spindle_cluster_calls_seconds_count{", "primitive=\"lock\"");
    }

    @Test
    @Order(7)
    void gatewayFailsOverWhenAnInstanceDies() throws Exception {
        long user = createUser("Barbara");
        List<ServiceInstanceServer> orders = shop.instances("orders");
        ServiceInstanceServer dead = orders.get(0);
        dead.crash(); // still registered: the gateway learns by failing to connect
        assertThat(shop.cluster().registry().instances("orders")).hasSize(2);

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> placed = post("/orders",
                    "{\"userId\":" + user + ",\"productId\":\"pear\",\"quantity\":1}");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            assertThat(placed.headers().firstValue("X-Served-By")).hasValue(orders.get(1).id());
        }
        assertThat(printed()).contains("gateway: " + dead.id() + " refused the connection; trying the next orders instance");
        assertThat(get("/metrics").body()).contains("shop_gateway_failovers_total{service=\"orders\"");
    }

    @Test
    @Order(8)
    void servicesInOtherProcessesJoinTheCluster() throws Exception {
        // Two members in this JVM stand in for two processes: the same flags, over real sockets.
        String name = uniqueName();
        String member = "127.0.0.1:" + freePort();
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Shop services = Shop.start(ShopOptions.parse("--role", "users,products,orders", "--cluster-name", name,
                "--cluster-port", member.split(":")[1], "--members", member), out);
             Shop edge = Shop.start(ShopOptions.parse("--role", "gateway,events", "--cluster-name", name,
                     "--members", member, "--port", "0", "--tls"), out)) {
            assertThat(services.cluster().members()).hasSize(2);
            assertThat(services.instances("orders")).hasSize(1);
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(edge.tls())).build();
            URI base = edge.gatewayUri();
            assertThat(base.getScheme()).isEqualTo("https");
            await().atMost(WAIT).until(() -> edge.cluster().registry().instances("orders").size() == 1);
            // The page's feed on this process's gateway; the order service is in the other process.
            try (EventLines events = EventLines.open(https, base.resolve("/events"))) {
                HttpResponse<String> user = https.send(HttpRequest.newBuilder(base.resolve("/users"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ken\",\"email\":\"ken@example.com\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
                HttpResponse<String> order = https.send(HttpRequest.newBuilder(base.resolve("/orders"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":1,\"productId\":\"fig\",\"quantity\":3}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
                List<String> event = events.nextEvent(WAIT);
                assertThat(event).contains("event: order", "id: 1");
                assertThat(String.join("\n", event)).contains("\"placedBy\":\""
                        + services.instances("orders").getFirst().id() + "\"");
            }
            await().atMost(WAIT).until(() -> bytes.toString(StandardCharsets.UTF_8)
                    .contains("events: order 1 placed: 3 x fig by user 1 (97 left)"));
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("CA=" + edge.tls().certificate(),
                    "curl --cacert $CA " + base.resolve("/products"));
        }
    }

    private static long createUser(String name) throws Exception {
        HttpResponse<String> created = post("/users",
                "{\"name\":\"" + name + "\",\"email\":\"" + name.toLowerCase() + "@example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (Long) map(json(created.body())).get("id");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(gateway.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(gateway.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads an answer as the page's JavaScript does: objects, arrays, strings, numbers (as Long here). */
    private static Object json(String text) {
        return ANSWERS.readValue(text, Object.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    private static String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static String uniqueName() {
        return "shop-test-" + UUID.randomUUID();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SSLContext trusting(SelfSignedTls tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(tls.certificate())) {
            trust.setCertificateEntry("shop", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
