package dev.spindle.http;

import dev.spindle.http.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Graceful shutdown and immediate close. */
class ShutdownTest {

    @Test
    void shutdownDrainsInFlightRequestsUnderLoadAndRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowStarted = new AtomicInteger();
        Handler h = (req, res) -> {
            if (req.path().equals("/slow")) {
                slowStarted.incrementAndGet();
                release.await();
            }
            res.text(200, "done " + req.path());
        };
        HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).handler(h).start();
        int port = server.port();
        int slow = 8;
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<RawClient.Response>> inFlight = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> request(port, "/slow"), clients));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slowStarted.get() == slow);

        // background load on keep-alive connections: every answer must be complete or cleanly absent
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger fastOk = new AtomicInteger();
        AtomicInteger garbled = new AtomicInteger();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            load.add(CompletableFuture.runAsync(() -> loadLoop(port, loading, fastOk, garbled), clients));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fastOk.get() > 20);

        try (RawClient idle = new RawClient(port)) {
            assertThat(idle.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.shutdown(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, clients);
            assertThat(idle.closedByServer()).as("an idle connection is closed at once").isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
            assertThat(shutdown).isNotDone();
            release.countDown();
            assertThat(shutdown.get(20, TimeUnit.SECONDS)).as("drained within the grace period").isTrue();
        }
        loading.set(false);
        CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (CompletableFuture<RawClient.Response> f : inFlight) {
            RawClient.Response r = f.get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("done /slow");
            assertThat(r.header("Connection")).isEqualTo("close");
        }
        assertThat(garbled).as("partial or malformed responses").hasValue(0);
        assertThat(server.openConnections()).isZero();
        clients.close();
    }

    private static RawClient.Response request(int port, String path) {
        try (RawClient c = new RawClient(port)) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void loadLoop(int port, AtomicBoolean loading, AtomicInteger ok, AtomicInteger garbled) {
        while (loading.get()) {
            try (RawClient c = new RawClient(port)) {
                for (int i = 0; i < 50 && loading.get(); i++) {
                    RawClient.Response r;
                    try {
                        r = c.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n").read();
                    } catch (IOException closedBeforeAnswer) {
                        break;
                    }
                    if (r.status() != 200 || !r.body().equals("done /fast")) {
                        garbled.incrementAndGet();
                    }
                    ok.incrementAndGet();
                    if ("close".equals(r.header("Connection"))) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException refused) {
                if (!(refused instanceof ConnectException) && !(refused instanceof IOException)) {
                    garbled.incrementAndGet();
                }
            }
        }
    }

    @Test
    void shutdownPastItsGraceClosesTheRestAndCancelsTheirContexts() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Handler h = (req, res) -> {
            started.countDown();
            req.context().await();
            cause.complete(req.context().cause());
        };
        HttpServer server = HttpServer.builder().port(0).handler(h).start();
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.shutdown(Duration.ofMillis(200))).isFalse();
            assertThat(cause.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void closeIsImmediate() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        HttpServer server = HttpServer.builder().port(0).handler((req, res) -> {
            started.countDown();
            never.await(30, TimeUnit.SECONDS);
        }).start();
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            server.close();
            assertThat(c.readToEnd()).isEmpty();
        } finally {
            never.countDown();
        }
        server.close(); // idempotent
    }

    @Test
    void awaitReturnsOnceTheServerIsClosed() throws Exception {
        HttpServer server = HttpServer.builder().port(0).handler((req, res) -> res.text(200, "x")).start();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                server.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        assertThat(waiting).isNotDone();
        assertThat(server.shutdown(Duration.ofSeconds(1))).isTrue();
        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void portZeroPicksAFreePortAndReportsIt() {
        try (TestServer s = TestServer.start((req, res) -> res.text(200, "x"))) {
            assertThat(s.port()).isPositive();
            assertThat(s.baseUri().toString()).isEqualTo("http://127.0.0.1:" + s.port() + "/");
        }
    }
}
