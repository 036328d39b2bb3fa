package dev.spindle.http;

import dev.spindle.http.testkit.ResponseRecorder;
import dev.spindle.http.testkit.TestRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go 1.22 routing: the examples of Go's ServeMux documentation, precedence, conflicts, 404/405/301. */
class RouterTest {

    /** A handler that answers with its pattern and the given wildcard values. */
    private static Handler named(String name, String... wildcards) {
        return (req, res) -> {
            StringBuilder sb = new StringBuilder(name);
            for (String w : wildcards) {
                sb.append(' ').append(w).append('=').append(req.pathValue(w));
            }
            res.text(200, sb.toString());
        };
    }

    private static ResponseRecorder serve(Router router, TestRequest request) throws Exception {
        ResponseRecorder recorder = ResponseRecorder.create();
        router.serve(request.build(), recorder);
        return recorder;
    }

    private static String body(Router router, String method, String host, String target) throws Exception {
        ResponseRecorder r = serve(router, TestRequest.of(method, target).host(host));
        return r.status() + " " + r.bodyText().strip();
    }

    @Test
    void goDocumentationExamplesMatch() throws Exception {
        Router router = Router.create()
                .handle("/index.html", named("index"))
                .handle("GET /static/", named("static"))
                .handle("example.com/", named("example"))
                .handle("example.com/{$}", named("example-root"))
                .handle("/b/{bucket}/o/{objectname...}", named("object", "bucket", "objectname"));
        assertThat(body(router, "POST", "h", "/index.html")).isEqualTo("200 index");
        assertThat(body(router, "GET", "h", "/static/css/site.css")).isEqualTo("200 static");
        assertThat(body(router, "HEAD", "h", "/static/x")).isEqualTo("200 static");
        assertThat(body(router, "GET", "example.com", "/anything")).isEqualTo("200 example");
        assertThat(body(router, "GET", "example.com:8080", "/")).isEqualTo("200 example-root");
        assertThat(body(router, "GET", "h", "/b/my-bucket/o/a/b/c.txt"))
                .isEqualTo("200 object bucket=my-bucket objectname=a/b/c.txt");
    }

    @Test
    void wildcardValuesOfAFailedMethodTryDoNotLeakIntoTheNext() throws Exception {
        Router router = Router.create()
                .handle("GET /a/{x}/b", named("get", "x"))
                .handle("GET /h/{p}/{q}/x", named("get-h", "p", "q"))
                .handle("/a/{y}/c", named("any", "y"))
                .handle("/h/{r}/{s}/y", named("any-h", "r", "s"));
        assertThat(body(router, "GET", "h", "/a/1/c")).isEqualTo("200 any y=1");
        assertThat(body(router, "HEAD", "h", "/h/1/2/y")).isEqualTo("200 any-h r=1 s=2");
        assertThat(body(router, "GET", "h", "/a/1/b")).isEqualTo("200 get x=1");
    }

    @Test
    void mostSpecificPatternWins() throws Exception {
        Router router = Router.create()
                .handle("/images/", named("images"))
                .handle("/images/thumbnails/", named("thumbnails"))
                .handle("GET /posts/{id}", named("post", "id"))
                .handle("GET /posts/latest", named("latest"))
                .handle("/posts/{id}", named("any-method-post", "id"));
        assertThat(body(router, "GET", "h", "/images/a.png")).isEqualTo("200 images");
        assertThat(body(router, "GET", "h", "/images/thumbnails/a.png")).isEqualTo("200 thumbnails");
        assertThat(body(router, "GET", "h", "/posts/latest")).isEqualTo("200 latest");
        assertThat(body(router, "GET", "h", "/posts/7")).isEqualTo("200 post id=7");
        assertThat(body(router, "DELETE", "h", "/posts/7")).isEqualTo("200 any-method-post id=7");
    }

    @Test
    void hostPatternBeatsHostlessOne() throws Exception {
        Router router = Router.create()
                .handle("/x", named("any-host"))
                .handle("api.example.com/x", named("api"));
        assertThat(body(router, "GET", "API.example.com", "/x")).isEqualTo("200 api");
        assertThat(body(router, "GET", "other", "/x")).isEqualTo("200 any-host");
    }

    @Test
    void dollarMatchesOnlyTheTrailingSlashPath() throws Exception {
        Router router = Router.create()
                .handle("GET /posts/{$}", named("list"))
                .handle("GET /posts/{id}", named("post", "id"));
        assertThat(body(router, "GET", "h", "/posts/")).isEqualTo("200 list");
        assertThat(body(router, "GET", "h", "/posts/3")).isEqualTo("200 post id=3");
        assertThat(body(router, "GET", "h", "/posts/3/x")).startsWith("404");
    }

    @Test
    void wildcardValuesAreUnescapedPerSegment() throws Exception {
        Router router = Router.create().handle("/a/{x}/c", named("x", "x"));
        assertThat(body(router, "GET", "h", "/a/b%2Fd/c")).isEqualTo("200 x x=b/d");
        assertThat(body(router, "GET", "h", "/a/hello%20world/c")).isEqualTo("200 x x=hello world");
    }

    @Test
    void unknownPathIs404() throws Exception {
        Router router = Router.create().handle("GET /a", named("a"));
        ResponseRecorder r = serve(router, TestRequest.get("/b"));
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        Router router = Router.create()
                .handle("GET /items/{id}", named("get"))
                .handle("DELETE /items/{id}", named("delete"))
                .handle("POST /items/", named("post-subtree"));
        ResponseRecorder r = serve(router, TestRequest.of("PUT", "/items/3"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().firstOrNull("Allow")).isEqualTo("DELETE, GET, HEAD, POST");
    }

    @Test
    void subtreeRootWithoutSlashIsRedirected() throws Exception {
        Router router = Router.create().handle("/images/", named("images"));
        ResponseRecorder r = serve(router, TestRequest.get("/images?size=2"));
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.headers().firstOrNull("Location")).isEqualTo("/images/?size=2");
    }

    @Test
    void separateRegistrationWithoutSlashOverridesTheRedirect() throws Exception {
        Router router = Router.create().handle("/images/", named("images")).handle("/images", named("exact"));
        assertThat(body(router, "GET", "h", "/images")).isEqualTo("200 exact");
    }

    @Test
    void uncleanPathIsRedirectedToItsCleanForm() throws Exception {
        Router router = Router.create().handle("/a/b", named("ab"));
        ResponseRecorder r = serve(router, TestRequest.get("/a/x/../b"));
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.headers().firstOrNull("Location")).isEqualTo("/a/b");
        ResponseRecorder r2 = serve(router, TestRequest.get("/a//b"));
        assertThat(r2.headers().firstOrNull("Location")).isEqualTo("/a/b");
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "/posts/{id}|/{resource}/latest",
            "GET /|/index.html",
            "/a/{x}|/a/{y}",
            "GET /a|GET /a",
            "/{x...}|/",
            "POST /a/{x}|/a/b",
            "example.com/a|example.com/a",
    })
    void conflictsAreRejectedAtRegistrationNamingBoth(String first, String second) {
        Router router = Router.create().handle(first, named("first"));
        assertThatThrownBy(() -> router.handle(second, named("second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + first + "\"")
                .hasMessageContaining("\"" + second + "\"");
    }

    @ParameterizedTest(name = "\"{0}\" and \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "/images/|/images/thumbnails/",
            "GET /posts/{id}|GET /posts/latest",
            "GET /a|POST /a",
            "/a|example.com/a",
            "GET /x|HEAD /x",
            "/a/{$}|/a/",
            "/a|/a/",
    })
    void nonConflictingPatternsRegister(String first, String second) {
        Router router = Router.create().handle(first, named("first")).handle(second, named("second"));
        assertThat(router.patterns()).containsExactly(first, second);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "GET|missing /",
            "/b_{bucket}|must start with '{'",
            "/{x...}/y|not at end",
            "/{$}/y|not at end",
            "/{x}/{x}|duplicate wildcard name",
            "/{}|empty wildcard",
            "/{1x}|bad wildcard name",
            "/a/../b|non-canonical",
            "G@T /a|invalid method",
    })
    void invalidPatternsAreRejected(String pattern, String message) {
        assertThatThrownBy(() -> Router.create().handle(pattern, named("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void patternIsVisibleToTheHandler() throws Exception {
        Router router = Router.create().handle("GET /items/{id}", (req, res) -> res.text(200, req.pattern()));
        assertThat(serve(router, TestRequest.get("/items/9")).bodyText()).isEqualTo("GET /items/{id}");
    }

    @Test
    void routersNest() throws Exception {
        Router api = Router.create().handle("GET /api/v1/users/{id}", named("user", "id"));
        Router root = Router.create().handle("/api/", api).handle("/", named("site"));
        assertThat(body(root, "GET", "h", "/api/v1/users/5")).isEqualTo("200 user id=5");
        assertThat(body(root, "GET", "h", "/about")).isEqualTo("200 site");
    }
}
