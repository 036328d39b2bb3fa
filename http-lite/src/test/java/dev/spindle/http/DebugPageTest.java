package dev.spindle.http;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.core.TaskGroup;
import dev.spindle.http.testkit.TestServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link Debug#handler()} over a real socket, with a real task group whose task is blocked in a
 * channel receive: the page is read with an HTML5 parser that reports parse errors (jsoup), the JSON
 * with Jackson.
 */
class DebugPageTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestServer server;
    private HttpClient client;

    @BeforeEach
    void start() {
        server = TestServer.start(Router.create().handle("/debug/spindle", Debug.handler()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void thePageShowsTheGroupAndItsBlockedTaskAndParsesAsHtml() throws Exception {
        Channel<String> never = Channel.<String>unbuffered().named("never");
        TaskGroup group = TaskGroup.open().named("debug-test");
        try {
            group.go(() -> receiveUntilClosed(never));
            JsonNode task = awaitBlockedTask("debug-test");
            String taskName = task.get("name").asString();
            String label = "group " + groupNode("debug-test").orElseThrow().get("id").asLong() + " \"debug-test\"";

            HttpResponse<String> response = get("/debug/spindle");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).startsWith("default-src 'none'"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            Document page = parseStrictly(response.body());

            assertThat(page.title()).isEqualTo("Spindle tasks");
            assertThat(Integer.parseInt(page.getElementById("group-count").text())).isGreaterThanOrEqualTo(1);
            assertThat(Integer.parseInt(page.getElementById("blocked-count").text())).isGreaterThanOrEqualTo(1);
            assertThat(page.getElementById("json-link").attr("href")).isEqualTo("?format=json");
            assertThat(page.getElementById("text-link").attr("href")).isEqualTo("?format=text");

            Element row = blockedRow(page, taskName);
            assertThat(row.selectFirst("td.group").text()).isEqualTo(label);
            assertThat(row.selectFirst("td.on").text()).matches("chan receive channel#\\d+ \"never\" unbuffered.*");
            assertThat(row.selectFirst("td.for").text()).matches("\\d+(ms|s| minutes).*");

            Element groupItem = page.select("#groups li.group").stream()
                    .filter(g -> g.selectFirst("summary .label").text().equals(label))
                    .findFirst().orElseThrow(() -> new AssertionError("no group " + label + " in\n" + page));
            assertThat(groupItem.selectFirst("summary").text()).contains("running");
            Element taskItem = groupItem.select("ul.tasks > li.task").stream()
                    .filter(t -> t.selectFirst(".name").text().equals(taskName))
                    .findFirst().orElseThrow(() -> new AssertionError("no task " + taskName + " under " + label));
            assertThat(taskItem.selectFirst(".wait").text()).matches("chan receive channel#\\d+ \"never\".*");
            Element stack = taskItem.selectFirst("details.stack");
            assertThat(stack.hasAttr("open")).as("stacks start collapsed").isFalse();
            assertThat(stack.selectFirst("pre").text()).contains("DebugPageTest");
            assertThat(page.text()).containsPattern("chan receive channel#\\d+ \"never\"");
            assertThat(page.getElementById("others")).isNotNull();
            assertThat(page.getElementById("deadlock")).isNotNull();
        } finally {
            never.close();
            group.close();
        }
        assertThat(groupNode("debug-test")).as("the group is gone once closed").isEmpty();
    }

    @Test
    void jsonAndTextFormsAreTheDumps() throws Exception {
        Channel<String> never = Channel.<String>unbuffered().named("never");
        TaskGroup group = TaskGroup.open().named("debug-test");
        try {
            group.go(() -> receiveUntilClosed(never));
            JsonNode task = awaitBlockedTask("debug-test");
            JsonNode on = task.get("waiting").get("on");
            assertThat(on.get("kind").asString()).isEqualTo("ChannelReceive");
            assertThat(on.get("channel").get("name").asString()).isEqualTo("never");
            assertThat(on.get("channel").get("capacity").asInt()).isZero();

            HttpResponse<String> json = get("/debug/spindle?format=json");
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");

            HttpResponse<String> text = get("/debug/spindle?format=text");
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(text.body()).startsWith("spindle task dump at ")
                    .containsPattern("group \\d+ \"debug-test\": running")
                    .containsPattern("task " + task.get("name").asString() + " \\[chan receive channel#\\d+ \"never\"");
        } finally {
            never.close();
            group.close();
        }
    }

    @Test
    void namesFromTheApplicationAreEscaped() throws Exception {
        String script = "<script>alert(1)</script>";
        Channel<String> hostile = Channel.<String>unbuffered().named(script);
        TaskGroup group = TaskGroup.open().named("<b onmouseover=\"alert(2)\">debug-test-escaped</b>");
        try {
            group.go(() -> receiveUntilClosed(hostile));
            JsonNode task = awaitBlockedTask("<b onmouseover=\"alert(2)\">debug-test-escaped</b>");

            String html = get("/debug/spindle").body();
            assertThat(html).doesNotContain(script).doesNotContain("<b onmouseover")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            Document page = parseStrictly(html);
            assertThat(page.select("script")).isEmpty();
            assertThat(page.select("[onmouseover]")).isEmpty();
            Element row = blockedRow(page, task.get("name").asString());
            assertThat(row.selectFirst("td.on").text()).contains("\"" + script + "\"");
            assertThat(row.selectFirst("td.group").text()).endsWith("\"<b onmouseover=\"alert(2)\">debug-test-escaped</b>\"");
        } finally {
            hostile.close();
            group.close();
        }
    }

    @Test
    void headIsGetWithoutBodyOtherMethodsAre405AndUnknownFormats400() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.uri("/debug/spindle"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(head.body()).isEmpty();

        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(server.uri("/debug/spindle"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
        }

        HttpResponse<String> unknown = get("/debug/spindle?format=xml");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown format \"xml\"");
    }

    /** What the group's task does: wait on {@code channel} until the test closes it. */
    private static void receiveUntilClosed(Channel<String> channel) throws InterruptedException {
        try {
            channel.receive();
        } catch (ChannelClosedException expected) {
            // the test closes the channel to end the task
        }
    }

    /** Polls the JSON form until the group named {@code groupName} has a task blocked in Spindle. */
    private JsonNode awaitBlockedTask(String groupName) {
        return await().atMost(WAIT).until(() -> groupNode(groupName)
                        .flatMap(g -> stream(g.get("tasks")).filter(t -> !t.get("waiting").isNull()).findFirst())
                        .orElse(null),
                task -> task != null);
    }

    private Optional<JsonNode> groupNode(String name) throws Exception {
        HttpResponse<String> response = get("/debug/spindle?format=json");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> groups = new ArrayList<>();
        collectGroups(JSON.readTree(response.body()).get("groups"), groups);
        return groups.stream().filter(g -> name.equals(g.get("name").stringValue(null))).findFirst();
    }

    private static void collectGroups(JsonNode groups, List<JsonNode> into) {
        for (JsonNode g : groups) {
            into.add(g);
            collectGroups(g.get("children"), into);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Parses with jsoup's HTML5 tree builder and fails on any parse error it reports. */
    static Document parseStrictly(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document page = Jsoup.parse(html, "", parser);
        assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
        return page;
    }

    private static Element blockedRow(Document page, String taskName) {
        return page.select("table#blocked tr.blocked-task").stream()
                .filter(r -> r.selectFirst("td.name").text().equals(taskName))
                .findFirst().orElseThrow(() -> new AssertionError("no blocked row for " + taskName + " in\n"
                        + page.select("table#blocked")));
    }
}
