package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HelloTest {
    @Test
    void answersHelloAndHelloName() throws Exception {
        var bytes = new ByteArrayOutputStream();
        HttpServer server = Hello.start(0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> root = client.send(HttpRequest.newBuilder(server.baseUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).isEqualTo("Hello World");
            HttpResponse<String> named = client.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/gopher")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(named.body()).isEqualTo("Hello, gopher!");
            HttpResponse<String> deeper = client.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/a/b")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deeper.statusCode()).isEqualTo(404);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("listening on " + server.baseUri());
        } finally {
            assertThat(server.shutdown(Duration.ofSeconds(5))).isTrue();
        }
    }
}
