package dev.spindle.http;

import dev.spindle.http.internal.ConnectionProbe;
import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** HTTPS from an SSLContext, with a self-signed key made by the JDK's keytool in the test. */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void makeKey() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        Certificate cert = ks.getCertificate("server");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    @Test
    void servesHttpsToHttpClient() throws Exception {
        Handler h = (req, res) -> res.text(200, "secure=" + req.isSecure() + " body=" + new String(req.body().readAllBytes(), StandardCharsets.UTF_8));
        try (TestServer s = TestServer.start(HttpServer.builder().handler(h).tls(serverContext))) {
            assertThat(s.baseUri().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().sslContext(clientContext).version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(s.uri("/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("over tls")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("secure=true body=over tls");
            HttpResponse<String> again = client.send(HttpRequest.newBuilder(s.uri("/y")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.body()).isEqualTo("secure=true body=");
        }
    }

    @Test
    void requestContextWatchKeepsTlsConnectionsUsable() throws Exception {
        Handler h = (req, res) -> {
            boolean live = !req.context().isDone(); // starts the disconnect watch on the TLS socket
            // the subject: the watch's timed read on the TLS socket gives up at least once while
            // the handler runs, and the connection must stay usable after it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> ConnectionProbe.watchPollTimedOut(req));
            res.text(200, "live=" + live);
        };
        try (TestServer s = TestServer.start(HttpServer.builder().handler(h).tls(serverContext))) {
            HttpClient client = HttpClient.newBuilder().sslContext(clientContext).version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(s.uri("/" + i)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("live=true");
            }
            assertThat(s.server().openConnections()).isEqualTo(1);
        }
    }

    @Test
    void badRequestOverTlsIsRejectedLikeOverPlainText() throws Exception {
        try (TestServer s = TestServer.start(HttpServer.builder().handler((req, res) -> res.text(200, "x")).tls(serverContext));
             SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void plainTextClientOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        try (TestServer s = TestServer.start(HttpServer.builder().handler((req, res) -> res.text(200, "x")).tls(serverContext));
             RawClient c = new RawClient(s.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readToEnd()).doesNotContain("HTTP/1.1 200");
        }
    }
}
