package dev.spindle.http;

import dev.spindle.http.internal.Paths;
import dev.spindle.http.internal.Pattern;
import dev.spindle.http.internal.RoutedRequest;
import dev.spindle.http.internal.RoutingTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Routes requests to handlers by Go 1.22 patterns; Go's {@code http.ServeMux}.
 *
 * {@snippet :
 * Router router = Router.create();
 * router.handle("GET /items/{id}", (req, res) -> res.text(200, "item " + req.pathValue("id")));
 * router.handle("POST /items", createItem);
 * router.handle("GET /static/{path...}", Handler.files(Path.of("public")));
 * router.handle("example.com/", exampleSite);
 * }
 *
 * <p>Patterns are {@code [METHOD ][HOST]/[PATH]}. A pattern without a method matches every
 * method, and {@code GET} also matches HEAD. A pattern without a host matches every host; host
 * matching ignores the port and case. A path segment {@code {name}} matches one segment,
 * {@code {name...}} the rest of the path, and a final {@code {$}} only the path ending in a slash;
 * a path ending in {@code /} matches every path under it. Wildcard values are read with
 * {@link Request#pathValue(String)}; segments are unescaped before matching, so {@code %2F} stays
 * inside one segment.
 *
 * <p>Precedence: the most specific pattern wins (one that matches a strict subset of another's
 * requests); a pattern with a host beats one without. Two patterns where neither is more specific
 * but some request matches both conflict, and {@link #handle(String, Handler)} refuses the second
 * with a message naming both, e.g. {@code "GET /posts/{id}"} and {@code "/posts/latest"}.
 *
 * <p>Requests that match nothing get 404; those whose path matches only with other methods get 405
 * with {@code Allow}; a request for a subtree root without its slash ({@code /images} when only
 * {@code /images/} is registered) is redirected (301) to the slash form; a path with {@code .},
 * {@code ..} or repeated slashes is redirected (301) to its clean form.
 *
 * <p>Thread-safe: routes may be added while serving (each registration publishes a new immutable
 * tree); usually all are added before the server starts.
 *
 * @since 0.1.0
 */
public final class Router implements Handler {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<RoutingTree.Route> routes = new ArrayList<>();
    private volatile RoutingTree tree = new RoutingTree();

    private Router() {
    }

    /**
     * Creates an empty router.
     *
     * @return the router
     */
    public static Router create() {
        return new Router();
    }

    /**
     * Registers {@code handler} for {@code pattern}.
     *
     * @param pattern a Go 1.22 pattern
     * @param handler the handler
     * @return this router
     * @throws IllegalArgumentException if the pattern is invalid, or conflicts with a registered
     *     one (the message names both)
     */
    public Router handle(String pattern, Handler handler) {
        Objects.requireNonNull(handler, () -> "handler for pattern " + pattern);
        Pattern p = Pattern.parse(pattern);
        lock.lock();
        try {
            for (RoutingTree.Route r : routes) {
                if (p.conflictsWith(r.pattern())) {
                    throw new IllegalArgumentException(conflict(p, r.pattern()));
                }
            }
            routes.add(new RoutingTree.Route(p, handler));
            RoutingTree next = new RoutingTree();
            for (RoutingTree.Route r : routes) {
                next.add(r);
            }
            tree = next;
        } finally {
            lock.unlock();
        }
        return this;
    }

    private static String conflict(Pattern p, Pattern existing) {
        String why = p.compareMethodsAndPaths(existing) == Pattern.Relation.EQUIVALENT
                ? "they match exactly the same requests"
                : "some requests match both, and neither is more specific than the other";
        return "pattern \"" + p.text() + "\" conflicts with registered pattern \"" + existing.text() + "\": " + why;
    }

    /**
     * The registered patterns, in registration order.
     *
     * @return the patterns
     */
    public List<String> patterns() {
        lock.lock();
        try {
            return routes.stream().map(r -> r.pattern().text()).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routes the request: the matched route's handler, or a 301, 404 or 405.
     *
     * @param request the request
     * @param response the response
     * @throws Exception whatever the matched handler throws
     */
    @Override
    public void serve(Request request, ResponseWriter response) throws Exception {
        String path = request.path();
        if (path.equals("*")) {
            response.error(400, "400 bad request");
            return;
        }
        RoutingTree t = tree;
        String host = request.host();
        String method = request.method();
        RoutingTree.Match match = t.match(host, method, path);
        if (!exact(match, path) && !path.endsWith("/")) {
            RoutingTree.Match slash = t.match(host, method, path + "/");
            if (exact(slash, path + "/")) {
                redirect(request, response, Paths.clean(path) + "/");
                return;
            }
        }
        if (!Paths.isClean(path)) {
            redirect(request, response, Paths.clean(path));
            return;
        }
        if (match == null) {
            notFoundOrNotAllowed(t, request, response);
            return;
        }
        RoutingTree.Route route = match.route();
        route.handler().serve(RoutedRequest.of(request, route.pattern(), match.values()), response);
    }

    /** Go's exactMatch: the pattern matches the path without a non-empty multi-wildcard remainder. */
    private static boolean exact(RoutingTree.Match match, String path) {
        if (match == null) {
            return false;
        }
        Pattern p = match.route().pattern();
        if (!p.last().multi()) {
            return true;
        }
        if (!path.endsWith("/")) {
            return false;
        }
        return p.segments().size() == slashes(path);
    }

    private static int slashes(String path) {
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    private static void redirect(Request request, ResponseWriter response, String location) throws java.io.IOException {
        String q = request.rawQuery();
        response.redirect(request, q == null ? location : location + "?" + q, 301);
    }

    private static void notFoundOrNotAllowed(RoutingTree t, Request request, ResponseWriter response)
            throws java.io.IOException {
        List<String> allowed = t.allowedMethods(request.host(), request.path());
        if (allowed.isEmpty()) {
            response.error(404, "404 page not found");
            return;
        }
        response.headers().set("Allow", String.join(", ", allowed));
        response.error(405, "Method Not Allowed");
    }
}
