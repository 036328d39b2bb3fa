package dev.spindle.examples.cache;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterMember;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.examples.JsonBody;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of the distributed cache: an HTTP server in front of an embedded cluster member. Every
 * node serves every key, whichever member owns it: the entries live in the {@link DistributedMap}
 * {@value #MAP}, partitioned over the members with one backup each, so when a node dies its
 * entries are still served by the others (from the backups, promoted to owners).
 *
 * <pre>
 * PUT    /cache/{key}[?ttl=30s]   body = value; 201 created, 200 replaced, 400 bad ttl
 * GET    /cache/{key}             200 value, 404 none (or expired)
 * DELETE /cache/{key}             204 removed, 404 none
 * GET    /cache                   200 the keys, a JSON array
 * GET    /cluster                 200 this node and the members it sees, JSON
 * </pre>
 *
 * A TTL can also come as the header {@code Cache-TTL}; both accept {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}). Every answer names the node in the header
 * {@code X-Cache-Node}.
 */
public final class CacheNode implements AutoCloseable {
    /** The cluster-wide map holding the entries. */
    public static final String MAP = "cache";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String name;
    private final Cluster cluster;
    private final DistributedMap<String, byte[]> entries;
    private final HttpServer server;

    private CacheNode(String name, Cluster cluster, String host, int httpPort) {
        this.name = name;
        this.cluster = cluster;
        this.entries = cluster.map(MAP);
        Router router = Router.create()
                .handle("PUT /cache/{key}", this::put)
                .handle("GET /cache/{key}", this::get)
                .handle("DELETE /cache/{key}", this::delete)
                .handle("GET /cache", this::keys)
                .handle("GET /cluster", this::members);
        this.server = HttpServer.builder().host(host).port(httpPort).handler((req, res) -> {
            res.headers().set("X-Cache-Node", name);
            router.serve(req, res);
        }).start();
    }

    /**
     * Starts the HTTP server of a node in front of {@code cluster}, a running member; the node owns
     * it from then on and closes it with itself.
     *
     * @param name the node's name, e.g. {@code node-1}
     * @param cluster its member
     * @param host the HTTP host to bind
     * @param httpPort the HTTP port (0 = any free one)
     * @return the node
     */
    public static CacheNode start(String name, Cluster cluster, String host, int httpPort) {
        try {
            return new CacheNode(name, cluster, host, httpPort);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Returns the node's name.
     *
     * @return the node's name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the HTTP server.
     *
     * @return the HTTP server
     */
    public HttpServer server() {
        return server;
    }

    /**
     * Returns the member.
     *
     * @return the member
     */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * Stops the node at once, as a crash would: the HTTP server closes its connections and the member
     * terminates without handing over its partitions (the others promote their backups).
     */
    @Override
    public void close() {
        server.close();
        cluster.close();
    }

    private void put(Request req, ResponseWriter res) throws IOException {
        Optional<String> ttlText = req.queryParam("ttl").or(() -> req.header("Cache-TTL"));
        Duration ttl;
        try {
            ttl = ttlText.map(CacheNode::parseDuration).orElse(null);
        } catch (IllegalArgumentException e) {
            res.error(400, e.getMessage());
            return;
        }
        String key = req.pathValue("key");
        byte[] value = req.body().readAllBytes();
        byte[] previous = ttl == null ? entries.put(key, value) : entries.put(key, value, ttl);
        String how = ttl == null ? "" : " (ttl " + ttlText.get() + ")";
        if (previous == null) {
            res.text(201, "created " + key + how + "\n");
        } else {
            res.text(200, "replaced " + key + how + "\n");
        }
    }

    private void get(Request req, ResponseWriter res) throws IOException {
        byte[] value = entries.get(req.pathValue("key"));
        if (value == null) {
            res.error(404, "no entry " + req.pathValue("key"));
        } else {
            res.bytes(200, "application/octet-stream", value);
        }
    }

    private void delete(Request req, ResponseWriter res) throws IOException {
        if (entries.remove(req.pathValue("key")) == null) {
            res.error(404, "no entry " + req.pathValue("key"));
        } else {
            res.status(204);
        }
    }

    private void keys(Request req, ResponseWriter res) throws IOException {
        JsonBody.write(res, 200, entries.keySet().stream().sorted().toList());
    }

    private void members(Request req, ResponseWriter res) throws IOException {
        List<String> members = cluster.members().stream().map(ClusterMember::address).toList();
        JsonBody.write(res, 200, new ClusterView(name, cluster.localMember().address(), members));
    }

    /**
     * The answer to {@code GET /cluster}.
     *
     * @param node the answering node's name
     * @param member its member's address
     * @param members the addresses of the members it sees, itself included
     */
    record ClusterView(String node, String member, List<String> members) {}

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}).
     *
     * @param text the text
     * @return a positive duration
     * @throws IllegalArgumentException if it is none of those or not positive
     */
    static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad ttl '" + text + "': use 500ms, 30s, 5m, 1h or PT30S");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("bad ttl '" + text + "': must be positive");
        }
        return d;
    }
}
