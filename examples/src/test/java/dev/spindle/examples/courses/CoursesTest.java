package dev.spindle.examples.courses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two course nodes in this JVM, on cluster ports 6100..6101, talked to over real HTTP. */
class CoursesTest {
    private static final int CLUSTER_PORT = 6100;
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static List<CourseNode> nodes = List.of();
    private static URI one;
    private static URI two;

    @BeforeAll
    static void start() throws Exception {
        var bytes = new ByteArrayOutputStream();
        nodes = Courses.startLocal("courses-test-" + UUID.randomUUID(), CLUSTER_PORT, 2, "127.0.0.1", 0,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        one = nodes.get(0).server().baseUri();
        two = nodes.get(1).server().baseUri();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("node-2 serves " + two);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(CourseNode::close);
    }

    @Test
    void hundredConcurrentEnrolmentsThroughTwoNodesFillACourseOfTwentyFiveExactly() throws Exception {
        String id = create(one, "Concurrency in practice", 25);
        List<TaskHandle<Integer>> answers = new ArrayList<>();
        try (TaskGroup group = TaskGroup.open()) {
            for (int i = 0; i < 100; i++) {
                URI node = i % 2 == 0 ? one : two;
                String student = "student-" + i;
                answers.add(group.go(() -> send("POST", node, "/courses/" + id + "/enrolments",
                        "{\"student\":\"" + student + "\"}").statusCode()));
            }
            group.await();
        }
        Map<Integer, Long> byStatus = answers.stream().map(TaskHandle::resultNow)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(201, 25L, 409, 75L));
        String course = send("GET", two, "/courses/" + id, null).body();
        assertThat(course).contains("\"capacity\":25", "\"enrolled\":25");
        assertThat(ID.matcher(course).results().count()).isEqualTo(1);
        assertThat(course.split("\"student-", -1)).hasSize(26);
    }

    @Test
    void createsListsRevisesAndDeletesCourses() throws Exception {
        String id = create(one, "Channels and select", 2);
        HttpResponse<String> got = send("GET", two, "/courses/" + id, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).contains("\"title\":\"Channels and select\"", "\"enrolled\":0", "\"students\":[]");
        assertThat(send("GET", two, "/courses", null).body()).contains("\"id\":\"" + id + "\"");

        String enrol = "/courses/" + id + "/enrolments";
        assertThat(send("POST", two, enrol, "{\"student\":\"ada\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", one, enrol, "{\"student\":\"ada\"}").statusCode()).isEqualTo(200);
        assertThat(send("POST", one, enrol, "{\"student\":\"grace\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> full = send("POST", two, enrol, "{\"student\":\"linus\"}");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("full");

        assertThat(send("PUT", one, "/courses/" + id, "{\"title\":\"Channels\",\"capacity\":1}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> revised = send("PUT", one, "/courses/" + id, "{\"title\":\"Channels\",\"capacity\":3}");
        assertThat(revised.statusCode()).isEqualTo(200);
        assertThat(revised.body()).contains("\"title\":\"Channels\"", "\"capacity\":3", "\"students\":[\"ada\",\"grace\"]");
        assertThat(send("POST", two, enrol, "{\"student\":\"linus\"}").statusCode()).isEqualTo(201);
        assertThat(send("DELETE", two, enrol + "/ada", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", two, enrol + "/ada", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", one, "/courses/" + id, null).body()).contains("\"students\":[\"grace\",\"linus\"]");

        assertThat(send("DELETE", one, "/courses/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", two, "/courses/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", one, "/courses/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", one, enrol, "{\"student\":\"ada\"}").statusCode()).isEqualTo(404);
        assertThat(send("PUT", one, "/courses/" + id, "{\"title\":\"x\",\"capacity\":3}").statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsA400WithTheReason() throws Exception {
        assertThat(send("POST", one, "/courses", "{\"title\":\"x\"").statusCode()).isEqualTo(400);
        HttpResponse<String> noCapacity = send("POST", one, "/courses", "{\"title\":\"x\"}");
        assertThat(noCapacity.statusCode()).isEqualTo(400);
        assertThat(noCapacity.body()).contains("capacity");
        assertThat(send("POST", one, "/courses", "{\"title\":\"x\",\"capacity\":0}").statusCode()).isEqualTo(400);
        assertThat(send("POST", one, "/courses", "{\"title\":\" \",\"capacity\":3}").statusCode()).isEqualTo(400);
        String id = create(two, "Valid", 1);
        assertThat(send("POST", one, "/courses/" + id + "/enrolments", "{\"name\":\"ada\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> malformed = send("POST", one, "/courses/" + id + "/enrolments", "not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("malformed JSON at line 1, column 1: Unrecognized token 'not'");
        HttpResponse<String> mistyped = send("POST", one, "/courses", "{\"title\":\"x\",\"capacity\":\"3\"}");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(mistyped.body()).startsWith("field 'capacity' must be an integer");
        assertThat(send("POST", one, "/courses", "[]").body()).startsWith("the body must be a JSON object");
    }

    private static String create(URI node, String title, int capacity) throws Exception {
        HttpResponse<String> created = send("POST", node, "/courses",
                "{\"title\":\"" + title + "\",\"capacity\":" + capacity + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher m = ID.matcher(created.body());
        assertThat(m.find()).as("id in %s", created.body()).isTrue();
        assertThat(created.headers().firstValue("Location")).hasValue("/courses/" + m.group(1));
        return m.group(1);
    }

    private static HttpResponse<String> send(String method, URI node, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return CLIENT.send(HttpRequest.newBuilder(node.resolve(path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
