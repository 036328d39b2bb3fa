package dev.spindle.examples.courses;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.Json;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One node of the course service: an HTTP server in front of an embedded member, serving the
 * shared {@link Catalogue}.
 *
 * <pre>
 * POST   /courses                         {"title":"...","capacity":25} -> 201 the course, Location
 * GET    /courses                         200 every course, a JSON array
 * GET    /courses/{id}                    200 the course; 404
 * PUT    /courses/{id}                    {"title":"...","capacity":30} -> 200; 404; 409 if the
 *                                         capacity is below the students enrolled
 * DELETE /courses/{id}                    204; 404
 * POST   /courses/{id}/enrolments         {"student":"ada"} -> 201 enrolled, 200 already enrolled,
 *                                         409 full, 404 no such course
 * DELETE /courses/{id}/enrolments/{student}  204; 404 not enrolled or no such course
 * </pre>
 *
 * Bad JSON, a missing field or a capacity outside 1..{@value Course#MAX_CAPACITY} answer 400 with
 * the reason.
 */
public final class CourseNode implements AutoCloseable {
    private final String name;
    private final Cluster cluster;
    private final Catalogue catalogue;
    private final HttpServer server;

    private CourseNode(String name, Cluster cluster, String host, int port) {
        this.name = name;
        this.cluster = cluster;
        this.catalogue = new Catalogue(cluster);
        Router router = Router.create()
                .handle("POST /courses", this::create)
                .handle("GET /courses", this::list)
                .handle("GET /courses/{id}", this::get)
                .handle("PUT /courses/{id}", this::revise)
                .handle("DELETE /courses/{id}", this::delete)
                .handle("POST /courses/{id}/enrolments", this::enrol)
                .handle("DELETE /courses/{id}/enrolments/{student}", this::withdraw);
        this.server = HttpServer.builder().host(host).port(port).handler((req, res) -> {
            try {
                router.serve(req, res);
            } catch (IllegalArgumentException badInput) {
                res.error(400, badInput.getMessage());
            } catch (Refused refused) {
                res.error(status(refused.reason()), refused.getMessage());
            }
        }).start();
    }

    /**
     * Starts the HTTP server of a node in front of {@code cluster}; the node owns the member from
     * then on.
     *
     * @param name the node's name
     * @param cluster its member
     * @param host the HTTP host
     * @param port the HTTP port (0 = any free one)
     * @return the node
     */
    public static CourseNode start(String name, Cluster cluster, String host, int port) {
        try {
            return new CourseNode(name, cluster, host, port);
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

    /** Closes the HTTP server and terminates the member. */
    @Override
    public void close() {
        server.close();
        cluster.close();
    }

    private static int status(Refused.Reason reason) {
        return switch (reason) {
            case NO_SUCH_COURSE, NOT_ENROLLED -> 404;
            case FULL, ALREADY_ENROLLED -> 409;
        };
    }

    private void create(Request req, ResponseWriter res) throws IOException {
        Map<String, Object> in = body(req);
        Course course = catalogue.create(string(in, "title"), capacity(in));
        res.headers().set("Location", "/courses/" + course.id());
        json(res, 201, course.toJson());
    }

    private void list(Request req, ResponseWriter res) throws IOException {
        json(res, 200, catalogue.list().stream().map(Course::toJson).collect(Collectors.joining(",", "[", "]")));
    }

    private void get(Request req, ResponseWriter res) throws IOException {
        String id = req.pathValue("id");
        var course = catalogue.get(id);
        if (course.isEmpty()) {
            res.error(404, "no course " + id);
        } else {
            json(res, 200, course.get().toJson());
        }
    }

    private void revise(Request req, ResponseWriter res) throws IOException {
        Map<String, Object> in = body(req);
        json(res, 200, catalogue.revise(req.pathValue("id"), string(in, "title"), capacity(in)).toJson());
    }

    private void delete(Request req, ResponseWriter res) throws IOException {
        if (catalogue.delete(req.pathValue("id"))) {
            res.status(204);
        } else {
            res.error(404, "no course " + req.pathValue("id"));
        }
    }

    private void enrol(Request req, ResponseWriter res) throws IOException {
        String student = string(body(req), "student");
        try {
            json(res, 201, catalogue.enrol(req.pathValue("id"), student).toJson());
        } catch (Refused refused) {
            if (refused.reason() != Refused.Reason.ALREADY_ENROLLED) {
                throw refused;
            }
            json(res, 200, catalogue.get(req.pathValue("id")).map(Course::toJson).orElse("{}"));
        }
    }

    private void withdraw(Request req, ResponseWriter res) {
        catalogue.withdraw(req.pathValue("id"), req.pathValue("student"));
        res.status(204);
    }

    private static Map<String, Object> body(Request req) throws IOException {
        return Json.parseObject(new String(req.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String string(Map<String, Object> in, String field) {
        if (!(in.get(field) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-blank string");
        }
        return s;
    }

    private static int capacity(Map<String, Object> in) {
        if (!(in.get("capacity") instanceof Long n) || n < 1 || n > Course.MAX_CAPACITY) {
            throw new IllegalArgumentException("\"capacity\" must be an integer in 1.." + Course.MAX_CAPACITY);
        }
        return n.intValue();
    }

    private static void json(ResponseWriter res, int status, String json) throws IOException {
        res.json(status, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
