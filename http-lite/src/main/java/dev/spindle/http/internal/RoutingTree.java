package dev.spindle.http.internal;

import dev.spindle.http.Handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing tree, host -&gt; method -&gt; path segments; our form of Go's
 * {@code net/http/routing_tree.go}.
 *
 * <p>Matching tries, at each level, the most specific choice first and backtracks: a host-specific
 * subtree before the any-host one; the request's method, then GET for HEAD, then any-method; for a
 * segment, the literal child, then the single wildcard, then the multi wildcard. Because
 * conflicting patterns are refused at registration, the first match found this way is the most
 * specific one, as Go's precedence rules require. No regex and no linear scan of patterns: the
 * cost is proportional to the number of path segments.
 *
 * <p>Immutable once built (the {@code Router} builds a new tree per registration and publishes it
 * through a volatile field), so matching needs no lock.
 */
public final class RoutingTree {
    /**
     * A registered route.
     *
     * @param pattern the pattern
     * @param handler its handler
     */
    public record Route(Pattern pattern, Handler handler) {
        /** The match of this route with no wildcard values, shared (a record nobody changes). */
        Match withoutValues() {
            return new Match(this, List.of());
        }
    }

    /**
     * The result of a match.
     *
     * @param route the route
     * @param values the wildcard values, in the order of {@link Pattern#wildcardNames()}
     */
    public record Match(Route route, List<String> values) {
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4); // literal segments, hosts, or methods
        Node wild;   // single-segment wildcard
        Node multi;  // multi wildcard (always a leaf)
        Route route; // set if a pattern ends here
        Match bare;  // route's match without wildcard values, shared; set with route
    }

    private final Node root = new Node();

    /**
     * Adds a route. The caller has already checked it conflicts with no other.
     *
     * @param route the route
     */
    public void add(Route route) {
        Pattern p = route.pattern();
        Node node = root.children.computeIfAbsent(p.host(), k -> new Node());
        node = node.children.computeIfAbsent(p.method(), k -> new Node());
        for (Pattern.Segment s : p.segments()) {
            if (s.multi()) {
                if (node.multi == null) {
                    node.multi = new Node();
                }
                node = node.multi;
            } else if (s.wild()) {
                if (node.wild == null) {
                    node.wild = new Node();
                }
                node = node.wild;
            } else {
                node = node.children.computeIfAbsent(s.s(), k -> new Node());
            }
        }
        node.route = route;
        node.bare = route.withoutValues();
    }

    /**
     * Finds the most specific route for a request.
     *
     * @param host the request's host, port included or not
     * @param method the method
     * @param path the raw (escaped) path, starting with {@code '/'}
     * @return the match, or {@code null}
     */
    public Match match(String host, String method, String path) {
        String h = hostRoutes() ? normalizeHost(host) : "";
        if (!h.isEmpty()) {
            Match m = matchMethodAndPath(root.children.get(h), method, path);
            if (m != null) {
                return m;
            }
        }
        return matchMethodAndPath(root.children.get(""), method, path);
    }

    private Match matchMethodAndPath(Node hostNode, String method, String path) {
        if (hostNode == null) {
            return null;
        }
        Match m = matchPath(hostNode.children.get(method), path, null);
        if (m == null && method.equals("HEAD")) {
            m = matchPath(hostNode.children.get("GET"), path, null);
        }
        if (m == null) {
            m = matchPath(hostNode.children.get(""), path, null);
        }
        return m;
    }

    /**
     * Matches {@code path} below {@code node}. {@code values} holds the wildcard values taken so far,
     * or is {@code null} while there are none (a match without wildcards allocates nothing: it is the
     * route's shared {@code bare} match); a failed attempt leaves {@code values} as it found it.
     */
    private Match matchPath(Node node, String path, List<String> values) {
        if (node == null) {
            return null;
        }
        if (path.isEmpty()) {
            return node.route == null ? null : values == null || values.isEmpty() ? node.bare : new Match(node.route, values);
        }
        String seg;
        String rest;
        if (path.equals("/")) {
            seg = "/";
            rest = "";
        } else {
            int i = path.indexOf('/', 1);
            if (i < 0) {
                i = path.length();
            }
            seg = QueryParser.decode(path.substring(1, i), false);
            rest = path.substring(i);
        }
        Match m = matchPath(node.children.get(seg), rest, values);
        if (m != null) {
            return m;
        }
        if (!seg.equals("/") && node.wild != null) {
            List<String> v = values == null ? new ArrayList<>(2) : values;
            int size = v.size();
            v.add(seg);
            m = matchPath(node.wild, rest, v);
            if (m != null) {
                return m;
            }
            v.subList(size, v.size()).clear();
        }
        if (node.multi != null && node.multi.route != null) {
            if (node.multi.route.pattern().last().s().isEmpty()) {
                return values == null || values.isEmpty() ? node.multi.bare : new Match(node.multi.route, values);
            }
            List<String> v = values == null ? new ArrayList<>(1) : values;
            v.add(QueryParser.decode(path.substring(1), false));
            return new Match(node.multi.route, v);
        }
        return null;
    }

    /**
     * The methods for which some route matches host and path (for a 405's {@code Allow}); HEAD is
     * added when GET is there, as in Go.
     *
     * @param host the host
     * @param path the raw path
     * @return the sorted methods; empty if none
     */
    public List<String> allowedMethods(String host, String path) {
        TreeSet<String> methods = new TreeSet<>();
        collectMethods(host, path, methods);
        if (!path.endsWith("/")) {
            collectMethods(host, path + "/", methods);
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return new ArrayList<>(methods);
    }

    private void collectMethods(String host, String path, Set<String> into) {
        String h = normalizeHost(host);
        if (!h.isEmpty()) {
            collectMethods(root.children.get(h), path, into);
        }
        collectMethods(root.children.get(""), path, into);
    }

    private void collectMethods(Node hostNode, String path, Set<String> into) {
        if (hostNode == null) {
            return;
        }
        for (Map.Entry<String, Node> e : hostNode.children.entrySet()) {
            if (!e.getKey().isEmpty() && matchPath(e.getValue(), path, null) != null) {
                into.add(e.getKey());
            }
        }
    }

    /** Whether any route names a host; if none does, matching skips normalizing the Host. */
    private boolean hostRoutes() {
        int n = root.children.size();
        return n > 1 || (n == 1 && !root.children.containsKey(""));
    }

    /** Strips the port and lower-cases, as the router matches hosts case-insensitively. */
    static String normalizeHost(String host) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
