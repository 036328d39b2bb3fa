package com.example.consumer;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;
import dev.spindle.core.CancellableContext;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterConfig;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.http.HttpServer;
import dev.spindle.http.Router;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.spindle.core.Context;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;

import java.time.Duration;

/** Uses the public API only; fails (non-zero exit) if anything is off. */
public final class Main {
    public static void main(String[] args) throws Exception {
        int sum = 0;
        try (CancellableContext ctx = Context.background().withTimeout(Duration.ofSeconds(30));
             TaskGroup group = TaskGroup.open(ctx)) {
            TaskHandle<Integer> a = group.go(() -> 20);
            TaskHandle<Integer> b = group.go(() -> 22);
            group.await();
            sum = a.resultNow() + b.resultNow();
        }
        if (sum != 42) {
            throw new AssertionError("expected 42, got " + sum);
        }
        // The internal package must not be readable from a user's module.
        Module core = TaskGroup.class.getModule();
        if (!core.isNamed() || core.isExported("dev.spindle.core.internal")) {
            throw new AssertionError("dev.spindle.core.internal must not be exported; module " + core);
        }
        // Channels: a producer task, a select, range over the channel.
        Channel<Integer> ch = Channel.buffered(4);
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            group.go(() -> {
                for (int i = 1; i <= 3; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            int first = Select.select(ch.onReceive(v -> v), Select.onTimeout(Duration.ofSeconds(30), () -> -1));
            int rest = 0;
            for (int v : ch) {
                rest += v;
            }
            if (first + rest != 6) {
                throw new AssertionError("expected 6 from the channel, got " + (first + rest));
            }
        }
        Module channels = Channel.class.getModule();
        if (!channels.isNamed() || channels.isExported("dev.spindle.channels.internal")
                || core.isExported("dev.spindle.core.internal", channels) == false) {
            throw new AssertionError("module boundaries of " + channels + " are wrong");
        }
        Router router = Router.create()
                .handle("GET /hello/{name}", (req, res) -> res.text(200, "Hello, " + req.pathValue("name") + "!"));
        HttpServer server = HttpServer.builder().port(0).handler(router).start();
        String body;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/hello/consumer")).build(),
                    HttpResponse.BodyHandlers.ofString());
            body = r.body();
            if (r.statusCode() != 200 || !body.equals("Hello, consumer!")) {
                throw new AssertionError("unexpected response " + r.statusCode() + " " + body);
            }
        } finally {
            server.shutdown(Duration.ofSeconds(1));
        }
        Module http = HttpServer.class.getModule();
        if (!http.isNamed() || http.isExported("dev.spindle.http.internal")) {
            throw new AssertionError("dev.spindle.http.internal must not be exported; module " + http);
        }
        try (Cluster cluster = Cluster.embedded(ClusterConfig.builder()
                .name("consumer-check-" + ProcessHandle.current().pid()).port(5990).build())) {
            DistributedMap<String, Integer> map = cluster.map("answers");
            map.put("answer", 41);
            int answer = map.update("answer", v -> v + 1);
            Module clusterModule = Cluster.class.getModule();
            if (answer != 42 || !clusterModule.isNamed() || clusterModule.isExported("dev.spindle.cluster.internal")) {
                throw new AssertionError("cluster: answer " + answer + ", module " + clusterModule);
            }
            System.out.println("consumer-check OK: cluster answer=" + answer + " module=" + clusterModule.getName());
        }
        // Two members: entry processors (the lock's fencing token, counters, update backups) are
        // serialized to the other member and created there by Hazelcast on the module path.
        String pair = "consumer-pair-" + ProcessHandle.current().pid();
        ClusterConfig.Builder both = ClusterConfig.builder().name(pair).members("127.0.0.1:5993", "127.0.0.1:5994");
        try (Cluster a = Cluster.embedded(both.port(5993).build());
                var joined = a.membership();
                Cluster b = Cluster.embedded(ClusterConfig.builder().name(pair)
                        .members("127.0.0.1:5993", "127.0.0.1:5994").port(5994).build())) {
            if (a.members().size() < 2 && joined.tryReceive(Duration.ofSeconds(60)).isEmpty()) {
                throw new AssertionError("the second member did not join");
            }
            long total = 0;
            for (int i = 0; i < 20; i++) { // 20 names: most are owned by the other member
                total += b.counter("c" + i).incrementAndGet();
                long token = b.lock("l" + i).lock();
                b.lock("l" + i).unlock();
                long next = b.lock("l" + i).lock();
                b.lock("l" + i).unlock();
                if (token <= 0 || next <= token) {
                    throw new AssertionError("lock l" + i + ": tokens " + token + " then " + next);
                }
                total += 1; // tokens are large (cluster time in their high bits): only their order is checked
                DistributedMap<String, Integer> m = b.map("m");
                m.put("k" + i, i);
                total += m.update("k" + i, v -> v + 1);
            }
            if (total != 20 + 20 + 210) {
                throw new AssertionError("two members: unexpected total " + total);
            }
            System.out.println("consumer-check OK: two members on the module path, total=" + total);
        }
        System.out.println("consumer-check OK: http=" + body + " module=" + http.getName());
        System.out.println("consumer-check OK: sum=" + sum + " module=" + core.getName() + " channels=" + channels.getName());
    }
}
