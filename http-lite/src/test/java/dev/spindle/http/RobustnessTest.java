package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated and random requests (a fixed seed, so failures reproduce): every answer is a
 * well-formed status line or nothing, and the server keeps serving afterwards.
 */
class RobustnessTest {
    private static final String[] PIECES = {
            "GET", "POST", " ", "/", "/a?b=c", "HTTP/1.1", "HTTP/1.0", "\r\n", "\n", "\r", "Host: a",
            "Content-Length: 5", "Content-Length: -1", "Transfer-Encoding: chunked", ":", "\t", "\0",
            "5\r\nhello\r\n", "0\r\n\r\n", "ffffffffffffffffffff\r\n", "Expect: 100-continue", "%zz", "\u00ff",
    };

    @Test
    void randomAndMutatedInputNeverBreaksTheServer() throws IOException {
        HttpServer.Builder builder = HttpServer.builder()
                .handler((req, res) -> res.bytes(200, "text/plain", req.body().readAllBytes()))
                .readHeaderTimeout(Duration.ofMillis(300))
                .bodyReadTimeout(Duration.ofMillis(300));
        try (TestServer s = TestServer.start(builder)) {
            Random random = new Random(20261121L);
            for (int i = 0; i < 300; i++) {
                byte[] input = i % 3 == 0 ? randomBytes(random) : mutated(random);
                try (RawClient c = new RawClient(s.port())) {
                    c.socket.setSoTimeout(5_000);
                    c.send(input);
                    c.socket.shutdownOutput();
                    String answer = c.readToEnd();
                    assertThat(answer.isEmpty() || answer.matches("(?s)HTTP/1\\.1 [1-5]\\d\\d .*"))
                            .as("answer to input #%d %s: %s", i, printable(input), answer).isTrue();
                }
            }
            try (RawClient c = new RawClient(s.port())) {
                RawClient.Response r = c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok").read();
                assertThat(r.body()).isEqualTo("ok");
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutated(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + random.nextInt(14);
        for (int i = 0; i < n; i++) {
            out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
