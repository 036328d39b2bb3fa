package dev.spindle.http;

import dev.spindle.core.Context;
import dev.spindle.http.testkit.ResponseRecorder;
import dev.spindle.http.testkit.TestRequest;
import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit itself, and middleware composed through the builder. */
class TestkitTest {

    @Test
    void recorderCapturesStatusHeadersAndBody() throws Exception {
        Handler h = (req, res) -> {
            res.headers().set("X-Query", req.queryParam("q").orElse("-"));
            res.json(201, ("{\"body\":\"" + new String(req.body().readAllBytes(), StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        };
        ResponseRecorder r = ResponseRecorder.create();
        h.serve(TestRequest.of("POST", "/x?q=a+b%21").body("hi").build(), r);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().firstOrNull("X-Query")).isEqualTo("a b!");
        assertThat(r.headers().firstOrNull("Content-Type")).isEqualTo("application/json");
        assertThat(r.bodyText()).isEqualTo("{\"body\":\"hi\"}");
        assertThat(r.isCommitted()).isTrue();
        assertThatThrownBy(() -> r.status(500)).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
        assertThatThrownBy(() -> r.headers().set("X", "y")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorAndRedirectHelpers() throws Exception {
        ResponseRecorder err = ResponseRecorder.create();
        err.error(418, "short and stout");
        assertThat(err.status()).isEqualTo(418);
        assertThat(err.bodyText()).isEqualTo("short and stout\n");
        assertThat(err.headers().firstOrNull("X-Content-Type-Options")).isEqualTo("nosniff");

        ResponseRecorder redirect = ResponseRecorder.create();
        redirect.redirect(TestRequest.get("/a/b/c").build(), "../d?x=1", 303);
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.headers().firstOrNull("Location")).isEqualTo("/a/d?x=1");
        assertThatThrownBy(() -> ResponseRecorder.create().redirect(TestRequest.get("/").build(), "/x", 200))
                .hasMessageContaining("3xx");
    }

    @Test
    void headersRejectInjectionNamingTheCulprit() {
        Headers h = new Headers();
        assertThatThrownBy(() -> h.set("X-Evil", "a\r\nSet-Cookie: b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Evil");
        assertThatThrownBy(() -> h.add("Bad Name", "v")).hasMessageContaining("Bad Name");
        h.add("Accept", "a").add("accept", "b");
        assertThat(h.all("ACCEPT")).containsExactly("a", "b");
        h.set("Accept", "c");
        assertThat(h.all("accept")).containsExactly("c");
    }

    @Test
    void pathValuesCanBeSetWithoutARouter() throws Exception {
        ResponseRecorder r = ResponseRecorder.create();
        Handler h = (req, res) -> res.text(200, "id=" + req.pathValue("id") + " other=" + req.pathValue("other"));
        h.serve(TestRequest.get("/items/7").pathValue("id", "7").build(), r);
        assertThat(r.bodyText()).isEqualTo("id=7 other=null");
    }

    @Test
    void requestCarriesTheGivenContext() throws Exception {
        try (var ctx = Context.background().withCancel()) {
            Request r = TestRequest.get("/").context(ctx).build();
            ctx.cancel();
            assertThat(r.context().isDone()).isTrue();
        }
    }

    @Test
    void testServerGivesABaseUriAndMiddlewareIsComposedOutermostFirst() throws Exception {
        Middleware a = next -> (req, res) -> {
            res.headers().add("X-Order", "a");
            next.serve(req, res);
        };
        Middleware b = next -> (req, res) -> {
            res.headers().add("X-Order", "b");
            next.serve(req, res);
        };
        HttpServer.Builder builder = HttpServer.builder().middleware(a, b)
                .handler((req, res) -> res.text(200, "ok"));
        try (TestServer s = TestServer.start(builder)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.uri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("ok");
            assertThat(r.headers().allValues("x-order")).containsExactly("a", "b");
        }
    }

    @Test
    void middlewareReturningNullIsNamed() {
        Middleware broken = next -> null;
        assertThatThrownBy(() -> HttpServer.builder().middleware(broken).handler((req, res) -> { }).start())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("middleware 0");
    }
}
