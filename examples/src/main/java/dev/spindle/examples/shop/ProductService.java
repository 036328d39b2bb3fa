package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.examples.BadRequest;
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
        List<Listing> all = products.getAll(products.keySet()).values().stream()
                .sorted(Comparator.comparing(Product::id))
                .map(p -> Listing.of(p, units.get(p.id())))
                .toList();
        Api.json(response, 200, all);
    }

    private void get(Request request, ResponseWriter response) throws Exception {
        String id = request.pathValue("id");
        Product product = products.get(id);
        if (product == null) {
            Api.error(response, 404, "no product " + id);
        } else {
            Api.json(response, 200, Listing.of(product, stock.get(id)));
        }
    }

    private void create(Request request, ResponseWriter response) throws Exception {
        NewProduct body = Api.body(request, NewProduct.class);
        Product product = new Product(body.id(), body.name(), body.priceCents());
        if (products.putIfAbsent(product.id(), product) != null) {
            Api.error(response, 409, "product " + product.id() + " exists");
            return;
        }
        // Its stock may be read a moment after the product appears: orders in between see none left.
        Stock units = new Stock(body.stock().intValue(), 0);
        stock.set(product.id(), units);
        response.headers().set("Location", "/products/" + product.id());
        Api.json(response, 201, Listing.of(product, units));
    }

    /**
     * A product with its stock, as every answer shows it.
     *
     * @param id the product's id
     * @param name its display name
     * @param priceCents its unit price in cents
     * @param stock units left (0 if the product has no stock entry)
     */
    record Listing(String id, String name, long priceCents, int stock) {
        static Listing of(Product product, Stock stock) {
            return new Listing(product.id(), product.name(), product.priceCents(),
                    stock == null ? 0 : stock.available());
        }
    }

    /**
     * The body of {@code POST /products}.
     * Its constructor throws {@link BadRequest} naming the field, if one is missing or bad.
     *
     * @param id a slug: 1 to 40 of a-z, 0-9 and '-'
     * @param name the display name, not blank
     * @param priceCents the unit price in cents, 0 to 10,000,000
     * @param stock the units to sell, 0 to 1,000,000
     */
    record NewProduct(String id, String name, Long priceCents, Long stock) {
        NewProduct {
            id = Api.text(id, "id");
            if (!id.matches("[a-z0-9-]{1,40}")) {
                throw new BadRequest("field 'id' must be 1 to 40 of a-z, 0-9 and '-'");
            }
            name = Api.text(name, "name");
            Api.number(priceCents, "priceCents", 0, 10_000_000);
            Api.number(stock, "stock", 0, 1_000_000);
        }
    }
}
