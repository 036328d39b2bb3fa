package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedCounter;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.examples.BadRequest;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.util.Comparator;
import java.util.List;

/**
 * The user service: customers in the cluster map {@code users}, ids from the cluster counter
 * {@code users.ids}. Stateless itself, so any number of instances can serve at once.
 *
 * <pre>
 * POST /users        {"name": "Ada", "email": "ada@example.com"}  -> 201 the user
 * GET  /users        -> 200 every user, by id
 * GET  /users/{id}   -> 200 the user, or 404
 * </pre>
 */
final class UserService {
    static final String NAME = "users";

    private final DistributedMap<Long, User> users;
    private final DistributedCounter ids;

    UserService(Cluster cluster) {
        this.users = cluster.map("users", Long.class, User.class);
        this.ids = cluster.counter("users.ids");
    }

    Router router() {
        return Router.create()
                .handle("POST /users", this::create)
                .handle("GET /users", this::list)
                .handle("GET /users/{id}", this::get);
    }

    private void create(Request request, ResponseWriter response) throws Exception {
        NewUser body = Api.body(request, NewUser.class);
        User user = new User(ids.incrementAndGet(), body.name(), body.email());
        users.set(user.id(), user);
        response.headers().set("Location", "/users/" + user.id());
        Api.json(response, 201, user);
    }

    private void list(Request request, ResponseWriter response) throws Exception {
        List<User> all = users.getAll(users.keySet()).values().stream()
                .sorted(Comparator.comparingLong(User::id))
                .toList();
        Api.json(response, 200, all);
    }

    private void get(Request request, ResponseWriter response) throws Exception {
        long id = Api.id(request, "id");
        User user = users.get(id);
        if (user == null) {
            Api.error(response, 404, "no user " + id);
        } else {
            Api.json(response, 200, user);
        }
    }

    /**
     * The body of {@code POST /users}.
     * Its constructor throws {@link BadRequest} naming the field, if either is missing or bad.
     *
     * @param name the display name, not blank (stripped)
     * @param email an email address (stripped)
     */
    record NewUser(String name, String email) {
        NewUser {
            name = Api.text(name, "name");
            email = Api.text(email, "email");
            if (!email.contains("@")) {
                throw new BadRequest("field 'email' must be an email address");
            }
        }
    }
}
