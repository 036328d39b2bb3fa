package dev.spindle.examples.courses;

import dev.spindle.cluster.Cluster;
import dev.spindle.examples.BadRequest;
import dev.spindle.examples.JsonBody;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.Router;
import java.io.IOException;
import java.util.List;

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
 * Bad JSON, a missing or mistyped field or a capacity outside 1..{@value Course#MAX_CAPACITY} answer
 * 400 with the reason ({@link JsonBody#read}). Bodies are records: {@link CourseForm} and
 * {@link Enrolment} in, {@link CourseView} out.
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
        CourseForm form = JsonBody.read(req, CourseForm.class);
        Course course = catalogue.create(form.title(), form.capacity().intValue());
        res.headers().set("Location", "/courses/" + course.id());
        JsonBody.write(res, 201, CourseView.of(course));
    }

    private void list(Request req, ResponseWriter res) throws IOException {
        JsonBody.write(res, 200, catalogue.list().stream().map(CourseView::of).toList());
    }

    private void get(Request req, ResponseWriter res) throws IOException {
        String id = req.pathValue("id");
        var course = catalogue.get(id);
        if (course.isEmpty()) {
            res.error(404, "no course " + id);
        } else {
            JsonBody.write(res, 200, CourseView.of(course.get()));
        }
    }

    private void revise(Request req, ResponseWriter res) throws IOException {
        CourseForm form = JsonBody.read(req, CourseForm.class);
        JsonBody.write(res, 200, CourseView.of(catalogue.revise(req.pathValue("id"), form.title(),
                form.capacity().intValue())));
    }

    private void delete(Request req, ResponseWriter res) throws IOException {
        if (catalogue.delete(req.pathValue("id"))) {
            res.status(204);
        } else {
            res.error(404, "no course " + req.pathValue("id"));
        }
    }

    private void enrol(Request req, ResponseWriter res) throws IOException {
        String student = JsonBody.read(req, Enrolment.class).student();
        try {
            JsonBody.write(res, 201, CourseView.of(catalogue.enrol(req.pathValue("id"), student)));
        } catch (Refused refused) {
            if (refused.reason() != Refused.Reason.ALREADY_ENROLLED) {
                throw refused;
            }
            var course = catalogue.get(req.pathValue("id"));
            if (course.isEmpty()) {
                throw new Refused(Refused.Reason.NO_SUCH_COURSE, "no course " + req.pathValue("id"));
            }
            JsonBody.write(res, 200, CourseView.of(course.get()));
        }
    }

    private void withdraw(Request req, ResponseWriter res) {
        catalogue.withdraw(req.pathValue("id"), req.pathValue("student"));
        res.status(204);
    }

    /**
     * The body of {@code POST /courses} and {@code PUT /courses/{id}}.
     * Its constructor throws {@link BadRequest} naming the field, if either is missing or out of range.
     *
     * @param title the title, not blank
     * @param capacity the capacity, 1..{@value Course#MAX_CAPACITY}
     */
    record CourseForm(String title, Long capacity) {
        CourseForm {
            if (title == null || title.isBlank()) {
                throw new BadRequest("\"title\" must be a non-blank string");
            }
            if (capacity == null || capacity < 1 || capacity > Course.MAX_CAPACITY) {
                throw new BadRequest("\"capacity\" must be an integer in 1.." + Course.MAX_CAPACITY);
            }
        }
    }

    /**
     * The body of {@code POST /courses/{id}/enrolments}.
     * Its constructor throws {@link BadRequest} if it is missing or blank.
     *
     * @param student the student's id, not blank
     */
    record Enrolment(String student) {
        Enrolment {
            if (student == null || student.isBlank()) {
                throw new BadRequest("\"student\" must be a non-blank string");
            }
        }
    }

    /**
     * A course as every answer shows it.
     *
     * @param id its id
     * @param title its title
     * @param capacity how many students it takes
     * @param enrolled how many are enrolled
     * @param students the enrolled students, in enrolment order
     */
    record CourseView(String id, String title, int capacity, int enrolled, List<String> students) {
        static CourseView of(Course course) {
            return new CourseView(course.id(), course.title(), course.capacity(), course.students().size(),
                    course.students());
        }
    }
}
