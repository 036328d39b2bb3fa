package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.core.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public operation of every cluster primitive, called after {@link Cluster#close()}: one row
 * per operation. A row is either {@code CLOSED} (must throw {@link ClusterClosedException} whose
 * message starts with the primitive and its name, and nothing else) or {@code LOCAL} (touches no
 * cluster state, so it must return normally). {@link #theTableCoversEveryPublicOperation()} fails
 * when a primitive gains a public method that has no row.
 */
class ClosedClusterTest {
    private static final int PORT = 5890;

    /** Handles made while the cluster was open; the rows use them after it is closed. */
    record Handles(Cluster cluster, DistributedMap<String, String> map, DistributedLock lock,
            DistributedChannel<String> channel, DistributedTopic<String> topic, ServiceRegistry registry,
            LeaderElection election, LeaderElection.Candidacy candidacy, DistributedCounter counter,
            DistributedCounter eventualCounter, IdGenerator ids, RateLimiter limiter, ClusterTaskGroup group,
            ClusterTaskGroup groupToAwait, ClusterTaskGroup groupToCancel, ClusterTaskGroup groupToClose) {}

    enum Outcome { CLOSED, LOCAL }

    @FunctionalInterface
    interface Call {
        Object run(Handles h) throws Throwable;
    }

    /**
     * One operation: its class and erased signature (for the coverage check), the expected outcome,
     * the message prefix that names the primitive (for {@code CLOSED}; null for the cluster's own
     * calls, named "cluster '<its name>'"), and the call.
     */
    record Row(Class<?> type, String signature, Outcome outcome, String primitive, Call call) {
        @Override
        public String toString() {
            return type.getSimpleName() + "." + signature + " -> " + outcome;
        }
    }

    private static Handles h;
    private static String clusterLabel;

    @BeforeAll
    static void openEverythingThenClose() {
        Cluster cluster = Cluster.embedded(ClusterConfig.builder().name("closed-" + System.nanoTime()).port(PORT).build());
        try {
            h = new Handles(cluster, cluster.map("m"), cluster.lock("l"), cluster.channel("c", 4), cluster.topic("t"),
                    cluster.registry(), cluster.election("e"), cluster.election("e").campaign("me"),
                    cluster.counter("n"), cluster.eventualCounter("ev"), cluster.idGenerator("i"),
                    cluster.rateLimiter("r", 10, 5), cluster.taskGroup(Context.background()),
                    cluster.taskGroup(Context.background()), cluster.taskGroup(Context.background()),
                    cluster.taskGroup(Context.background()));
            clusterLabel = "cluster '" + cluster.name() + "'";
        } finally {
            cluster.close();
        }
    }

    @AfterAll
    static void closeAll() {
        if (h != null) {
            h.cluster().close();
            h.group().close();
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Context bg = Context.background();
        Duration second = Duration.ofSeconds(1);

        // Cluster itself: its cluster-wide calls (named "cluster '<its name>'"), its factories, its lifecycle.
        String c = null;
        rows.add(closed(Cluster.class, "members()", c, x -> x.cluster().members()));
        rows.add(closed(Cluster.class, "localMember()", c, x -> x.cluster().localMember()));
        rows.add(closed(Cluster.class, "membership()", c, x -> x.cluster().membership()));
        rows.add(closed(Cluster.class, "map(String)", "map 'm2'", x -> x.cluster().map("m2")));
        rows.add(closed(Cluster.class, "map(String,Class,Class)", "map 'm3'",
                x -> x.cluster().map("m3", String.class, String.class)));
        rows.add(closed(Cluster.class, "lock(String)", "lock 'l2'", x -> x.cluster().lock("l2")));
        rows.add(closed(Cluster.class, "channel(String,int)", "channel 'c2'", x -> x.cluster().channel("c2", 4)));
        rows.add(closed(Cluster.class, "topic(String)", "topic 't2'", x -> x.cluster().topic("t2")));
        rows.add(closed(Cluster.class, "registry()", "registry", x -> x.cluster().registry()));
        rows.add(closed(Cluster.class, "election(String)", "election 'e2'", x -> x.cluster().election("e2")));
        rows.add(closed(Cluster.class, "counter(String)", "counter 'n2'", x -> x.cluster().counter("n2")));
        rows.add(closed(Cluster.class, "eventualCounter(String)", "counter 'ev2'",
                x -> x.cluster().eventualCounter("ev2")));
        rows.add(closed(Cluster.class, "idGenerator(String)", "idGenerator 'i2'", x -> x.cluster().idGenerator("i2")));
        rows.add(closed(Cluster.class, "rateLimiter(String,double,long)", "rateLimiter 'r2'",
                x -> x.cluster().rateLimiter("r2", 10, 5)));
        rows.add(closed(Cluster.class, "taskGroup(Context)", "taskGroup", x -> x.cluster().taskGroup(bg)));
        rows.add(local(Cluster.class, "hazelcast()", x -> x.cluster().hazelcast()));
        rows.add(local(Cluster.class, "name()", x -> x.cluster().name()));
        rows.add(local(Cluster.class, "isClient()", x -> x.cluster().isClient()));
        rows.add(local(Cluster.class, "isClosed()", x -> x.cluster().isClosed()));
        rows.add(local(Cluster.class, "close()", x -> run(() -> x.cluster().close())));
        rows.add(local(Cluster.class, "shutdown()", x -> run(() -> x.cluster().shutdown())));
        rows.add(local(Cluster.class, "toString()", x -> x.cluster().toString()));

        String m = "map 'm'";
        rows.add(closed(DistributedMap.class, "get(Object)", m, x -> x.map().get("k")));
        rows.add(closed(DistributedMap.class, "put(Object,Object)", m, x -> x.map().put("k", "v")));
        rows.add(closed(DistributedMap.class, "put(Object,Object,Duration)", m, x -> x.map().put("k", "v", second)));
        rows.add(closed(DistributedMap.class, "set(Object,Object)", m, x -> run(() -> x.map().set("k", "v"))));
        rows.add(closed(DistributedMap.class, "putIfAbsent(Object,Object)", m, x -> x.map().putIfAbsent("k", "v")));
        rows.add(closed(DistributedMap.class, "putIfAbsent(Object,Object,Duration)", m,
                x -> x.map().putIfAbsent("k", "v", second)));
        rows.add(closed(DistributedMap.class, "remove(Object)", m, x -> x.map().remove("k")));
        rows.add(closed(DistributedMap.class, "remove(Object,Object)", m, x -> x.map().remove("k", "v")));
        rows.add(closed(DistributedMap.class, "replace(Object,Object)", m, x -> x.map().replace("k", "v")));
        rows.add(closed(DistributedMap.class, "replace(Object,Object,Object)", m, x -> x.map().replace("k", "v", "w")));
        rows.add(closed(DistributedMap.class, "update(Object,Update)", m, x -> x.map().update("k", v -> v)));
        rows.add(closed(DistributedMap.class, "containsKey(Object)", m, x -> x.map().containsKey("k")));
        rows.add(closed(DistributedMap.class, "getAll(Set)", m, x -> x.map().getAll(Set.of("k"))));
        rows.add(closed(DistributedMap.class, "keySet()", m, x -> x.map().keySet()));
        rows.add(closed(DistributedMap.class, "size()", m, x -> x.map().size()));
        rows.add(closed(DistributedMap.class, "clear()", m, x -> run(() -> x.map().clear())));
        rows.add(closed(DistributedMap.class, "watch()", m, x -> x.map().watch()));
        rows.add(local(DistributedMap.class, "name()", x -> x.map().name()));
        rows.add(local(DistributedMap.class, "toString()", x -> x.map().toString()));

        String l = "lock 'l'";
        rows.add(closed(DistributedLock.class, "lock()", l, x -> x.lock().lock()));
        rows.add(closed(DistributedLock.class, "lock(Duration)", l, x -> x.lock().lock(second)));
        rows.add(closed(DistributedLock.class, "lock(Context,Duration)", l, x -> x.lock().lock(bg, second)));
        rows.add(closed(DistributedLock.class, "tryLock()", l, x -> x.lock().tryLock()));
        rows.add(closed(DistributedLock.class, "tryLock(Duration,Duration)", l, x -> x.lock().tryLock(second, second)));
        rows.add(closed(DistributedLock.class, "unlock()", l, x -> run(() -> x.lock().unlock())));
        rows.add(closed(DistributedLock.class, "isLocked()", l, x -> x.lock().isLocked()));
        rows.add(closed(DistributedLock.class, "forceUnlock()", l, x -> run(() -> x.lock().forceUnlock())));
        rows.add(closed(DistributedLock.class, "currentToken()", l, x -> x.lock().currentToken()));
        rows.add(closed(DistributedLock.class, "isCurrent(long)", l, x -> x.lock().isCurrent(1)));
        rows.add(closed(DistributedLock.class, "checkToken(long)", l, x -> run(() -> x.lock().checkToken(1))));
        rows.add(local(DistributedLock.class, "name()", x -> x.lock().name()));
        rows.add(local(DistributedLock.class, "toString()", x -> x.lock().toString()));

        String ch = "channel 'c'";
        rows.add(closed(DistributedChannel.class, "len()", ch, x -> x.channel().len()));
        rows.add(closed(DistributedChannel.class, "send(Object)", ch, x -> run(() -> x.channel().send("v"))));
        rows.add(closed(DistributedChannel.class, "send(Object,Context)", ch,
                x -> run(() -> x.channel().send("v", bg))));
        rows.add(closed(DistributedChannel.class, "trySend(Object)", ch, x -> x.channel().trySend("v")));
        rows.add(closed(DistributedChannel.class, "trySend(Object,Duration)", ch, x -> x.channel().trySend("v", second)));
        rows.add(closed(DistributedChannel.class, "receive()", ch, x -> x.channel().receive()));
        rows.add(closed(DistributedChannel.class, "receive(Context)", ch, x -> x.channel().receive(bg)));
        rows.add(closed(DistributedChannel.class, "receiveOrClosed()", ch, x -> x.channel().receiveOrClosed()));
        rows.add(closed(DistributedChannel.class, "receiveOrClosed(Context)", ch, x -> x.channel().receiveOrClosed(bg)));
        rows.add(closed(DistributedChannel.class, "tryReceive()", ch, x -> x.channel().tryReceive()));
        rows.add(closed(DistributedChannel.class, "tryReceive(Duration)", ch, x -> x.channel().tryReceive(second)));
        rows.add(closed(DistributedChannel.class, "close()", ch, x -> x.channel().close()));
        rows.add(closed(DistributedChannel.class, "destroy()", ch, x -> run(() -> x.channel().destroy())));
        rows.add(closed(DistributedChannel.class, "receiver(Context)", ch, x -> x.channel().receiver(bg)));
        rows.add(local(DistributedChannel.class, "name()", x -> x.channel().name()));
        rows.add(local(DistributedChannel.class, "cap()", x -> x.channel().cap()));
        rows.add(local(DistributedChannel.class, "isClosed()", x -> x.channel().isClosed())); // this process's cache
        rows.add(local(DistributedChannel.class, "toString()", x -> x.channel().toString()));

        String t = "topic 't'";
        rows.add(closed(DistributedTopic.class, "publish(Object)", t, x -> run(() -> x.topic().publish("v"))));
        rows.add(closed(DistributedTopic.class, "subscribe()", t, x -> x.topic().subscribe()));
        rows.add(closed(DistributedTopic.class, "subscribe(int)", t, x -> x.topic().subscribe(4)));
        rows.add(local(DistributedTopic.class, "name()", x -> x.topic().name()));
        rows.add(local(DistributedTopic.class, "toString()", x -> x.topic().toString()));

        String r = "registry";
        URI uri = URI.create("http://127.0.0.1:1");
        rows.add(closed(ServiceRegistry.class, "register(String,URI)", r, x -> x.registry().register("s", uri)));
        rows.add(closed(ServiceRegistry.class, "register(String,String,URI,Duration,Map)", r,
                x -> x.registry().register("s", "id", uri, Duration.ofSeconds(3), Map.of())));
        rows.add(closed(ServiceRegistry.class, "instances(String)", r, x -> x.registry().instances("s")));
        rows.add(closed(ServiceRegistry.class, "watch(String)", r, x -> x.registry().watch("s")));
        rows.add(local(ServiceRegistry.class, "close()", x -> run(() -> x.registry().close()))); // idempotent

        String e = "election 'e'";
        rows.add(closed(LeaderElection.class, "campaign(String)", e, x -> x.election().campaign("other")));
        rows.add(closed(LeaderElection.class, "leader()", e, x -> x.election().leader()));
        rows.add(closed(LeaderElection.class, "watch()", e, x -> x.election().watch()));
        rows.add(closed(LeaderElection.class, "checkTerm(long)", e, x -> run(() -> x.election().checkTerm(1))));
        rows.add(local(LeaderElection.class, "name()", x -> x.election().name()));
        rows.add(local(LeaderElection.class, "toString()", x -> x.election().toString()));
        rows.add(closed(LeaderElection.Candidacy.class, "awaitLeadership(Context)", e,
                x -> x.candidacy().awaitLeadership(bg)));
        rows.add(local(LeaderElection.Candidacy.class, "candidate()", x -> x.candidacy().candidate()));
        rows.add(local(LeaderElection.Candidacy.class, "isLeader()", x -> x.candidacy().isLeader()));
        rows.add(local(LeaderElection.Candidacy.class, "term()", x -> x.candidacy().term()));
        rows.add(local(LeaderElection.Candidacy.class, "close()", x -> run(() -> x.candidacy().close())));

        for (boolean exact : new boolean[] {true, false}) {
            String n = exact ? "counter 'n'" : "counter 'ev'";
            CounterOf k = x -> exact ? x.counter() : x.eventualCounter();
            rows.add(closed(DistributedCounter.class, "addAndGet(long)", n, x -> k.of(x).addAndGet(2)));
            rows.add(closed(DistributedCounter.class, "incrementAndGet()", n, x -> k.of(x).incrementAndGet()));
            rows.add(closed(DistributedCounter.class, "decrementAndGet()", n, x -> k.of(x).decrementAndGet()));
            rows.add(closed(DistributedCounter.class, "get()", n, x -> k.of(x).get()));
            rows.add(local(DistributedCounter.class, "name()", x -> k.of(x).name()));
            rows.add(local(DistributedCounter.class, "isExact()", x -> k.of(x).isExact()));
            rows.add(local(DistributedCounter.class, "toString()", x -> k.of(x).toString()));
        }

        rows.add(closed(IdGenerator.class, "newId()", "idGenerator 'i'", x -> x.ids().newId()));
        rows.add(local(IdGenerator.class, "name()", x -> x.ids().name()));

        String rl = "rateLimiter 'r'";
        rows.add(closed(RateLimiter.class, "tryAcquire()", rl, x -> x.limiter().tryAcquire()));
        rows.add(closed(RateLimiter.class, "tryAcquire(long)", rl, x -> x.limiter().tryAcquire(2)));
        rows.add(closed(RateLimiter.class, "acquire(long,Context)", rl, x -> run(() -> x.limiter().acquire(2, bg))));
        rows.add(local(RateLimiter.class, "name()", x -> x.limiter().name()));

        // A task group's own lifecycle is local (like TaskGroup's); only starting a task needs the cluster.
        rows.add(closed(ClusterTaskGroup.class, "go(ClusterTask)", "taskGroup", x -> x.group().go(() -> 1)));
        rows.add(local(ClusterTaskGroup.class, "context()", x -> x.group().context()));
        rows.add(local(ClusterTaskGroup.class, "await()", x -> run(() -> x.groupToAwait().await())));
        rows.add(local(ClusterTaskGroup.class, "cancel(Throwable)",
                x -> run(() -> x.groupToCancel().cancel(new RuntimeException("test")))));
        rows.add(local(ClusterTaskGroup.class, "close()", x -> run(() -> x.groupToClose().close())));

        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void afterCloseEveryOperationFailsNamingThePrimitiveOrStaysLocal(Row row) {
        if (row.outcome() == Outcome.LOCAL) {
            assertThatCode(() -> row.call().run(h)).as(row.toString()).doesNotThrowAnyException();
            return;
        }
        String primitive = row.primitive() == null ? clusterLabel : row.primitive();
        assertThatThrownBy(() -> row.call().run(h)).as(row.toString())
                .isExactlyInstanceOf(ClusterClosedException.class)
                .hasMessageStartingWith(primitive)
                .hasMessageContaining("is closed");
    }

    @Test
    void theTableCoversEveryPublicOperation() {
        Set<String> covered = rows().map(r -> r.type().getSimpleName() + "." + r.signature())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = new TreeSet<>();
        for (Class<?> type : List.of(Cluster.class, DistributedMap.class, DistributedLock.class,
                DistributedChannel.class, DistributedTopic.class, ServiceRegistry.class, LeaderElection.class,
                LeaderElection.Candidacy.class, DistributedCounter.class, IdGenerator.class, RateLimiter.class,
                ClusterTaskGroup.class)) {
            for (Method method : type.getDeclaredMethods()) {
                int mod = method.getModifiers();
                if (Modifier.isPublic(mod) && !Modifier.isStatic(mod) && !method.isSynthetic() && !method.isBridge()) {
                    declared.add(type.getSimpleName() + "." + signature(method));
                }
            }
        }
        assertThat(covered).as("rows of ClosedClusterTest vs public operations of the primitives")
                .containsExactlyElementsOf(declared);
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static Row closed(Class<?> type, String signature, String primitive, Call call) {
        return new Row(type, signature, Outcome.CLOSED, primitive, call);
    }

    private static Row local(Class<?> type, String signature, Call call) {
        return new Row(type, signature, Outcome.LOCAL, null, call);
    }

    @FunctionalInterface
    interface CounterOf {
        DistributedCounter of(Handles h);
    }

    @FunctionalInterface
    interface Action {
        void run() throws Throwable;
    }

    private static Object run(Action action) throws Throwable {
        action.run();
        return null;
    }
}
