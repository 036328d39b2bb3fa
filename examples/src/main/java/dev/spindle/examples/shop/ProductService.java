package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The product service: the catalogue in the cluster map {@code products} and, read-only here, the
 * units left in the map {@code stock} (the order service writes stock, under a lock). Every instance
 * seeds the catalogue at start with {@code putIfAbsent}, so starting more instances, or restarting
 * one, never resets stock.
 *
 * <pre>
 * GET  /products       -> 200 every product with its stock, by id
 * GET  /products/{id}  -> 200 the product with its stock, or 404
 * POST /products       {"id": "kiwi", "name": "Kiwi", "priceCents": 40, "stock": 10} -> 201, or 409 if it exists
 * </pre>
 */
final class ProductService {
    static final String NAME = "products";

    /** The catalogue every shop starts with. */
    static final List<Product> SEED = List.of(
            new Product("apple", "Apple", 50),
            new Product("pear", "Pear", 75),
            new Product("fig", "Fig", 120));
    static final int SEED_STOCK = 100;

    private final DistributedMap<String, Product> products;
    private final DistributedMap<String, Stock> stock;

    ProductService(Cluster cluster) {
        this.products = cluster.map("products", String.class, Product.class);
        this.stock = cluster.map("stock", String.class, Stock.class);
        for (Product p : SEED) {
            stock.putIfAbsent(p.id(), new Stock(SEED_STOCK, 0));
            products.putIfAbsent(p.id(), p);
        }
    }

    Router router() {
        return Router.create()
                .handle("GET /products", this::list)
                .handle("GET /products/{id}", this::get)
                .handle("POST /products", this::create);
    }

    private void list(Request request, ResponseWriter response) throws Exception {
        Map<String, Stock> units = stock.getAll(products.keySet());
        List<Map<String, Object>> all = products.getAll(products.keySet()).values().stream()
                .sorted(Comparator.comparing(Product::id))
                .map(p -> p.json(units.get(p.id())))
                .toList();
        Api.json(response, 200, all);
    }

    private void get(Request request, ResponseWriter response) throws Exception {
        String id = request.pathValue("id");
        Product product = products.get(id);
        if (product == null) {
            Api.error(response, 404, "no product " + id);
        } else {
            Api.json(response, 200, product.json(stock.get(id)));
        }
    }

    private void create(Request request, ResponseWriter response) throws Exception {
        Map<String, Object> body = Api.body(request);
        String id = Api.string(body, "id");
        if (!id.matches("[a-z0-9-]{1,40}")) {
            throw new Api.BadRequest("field 'id' must be 1 to 40 of a-z, 0-9 and '-'");
        }
        Product product = new Product(id, Api.string(body, "name"), Api.number(body, "priceCents", 0, 10_000_000));
        int units = (int) Api.number(body, "stock", 0, 1_000_000);
        if (products.putIfAbsent(id, product) != null) {
            Api.error(response, 409, "product " + id + " exists");
            return;
        }
        // Its stock may be read a moment after the product appears: orders in between see none left.
        stock.set(id, new Stock(units, 0));
        response.headers().set("Location", "/products/" + id);
        Api.json(response, 201, product.json(new Stock(units, 0)));
    }
}
