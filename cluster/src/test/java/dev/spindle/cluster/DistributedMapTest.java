package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class DistributedMapTest {
    private static TestClusters three;

    record Product(String name, int stock) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** Holds a field that is not serializable. */
    static final class NotSerializable {
        final Object lock = new Object();
    }

    @BeforeAll
    static void start() throws Exception {
        three = TestClusters.start(5730, 3);
    }

    @AfterAll
    static void stop() {
        three.close();
    }

    @Test
    void writesOnOneMemberAreReadOnTheOthers() {
        DistributedMap<String, Product> a = three.member(0).map("products");
        DistributedMap<String, Product> b = three.member(1).map("products");
        assertThat(a.put("apple", new Product("apple", 3))).isNull();
        assertThat(b.get("apple")).isEqualTo(new Product("apple", 3));
        assertThat(b.putIfAbsent("apple", new Product("x", 0))).isEqualTo(new Product("apple", 3));
        assertThat(b.replace("apple", new Product("apple", 3), new Product("apple", 2))).isTrue();
        assertThat(b.replace("apple", new Product("apple", 3), new Product("apple", 1))).isFalse();
        assertThat(three.member(2).<String, Product>map("products").remove("apple")).isEqualTo(new Product("apple", 2));
        assertThat(a.containsKey("apple")).isFalse();
    }

    @Test
    void updateIsAtomicUnderConcurrentCallersOnEveryMember() throws Exception {
        three.member(0).<String, Integer>map("counts").set("n", 0);
        int perThread = 50;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 9; t++) {
                DistributedMap<String, Integer> m = three.member(t % 3).map("counts");
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        m.update("n", v -> v + 1);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(three.member(1).<String, Integer>map("counts").get("n")).isEqualTo(9 * perThread);
    }

    @Test
    void anUpdateThatThrowsLeavesTheEntryUnchanged() {
        DistributedMap<String, Product> m = three.member(0).map("stock");
        m.put("pear", new Product("pear", 1));
        assertThatThrownBy(() -> m.update("pear", p -> {
            if (p.stock() < 2) {
                throw new IllegalStateException("out of stock");
            }
            return new Product(p.name(), p.stock() - 2);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of stock");
        assertThat(three.member(2).<String, Product>map("stock").get("pear").stock()).isEqualTo(1);
        assertThat(m.update("pear", p -> null)).isNull();
        assertThat(m.containsKey("pear")).isFalse();
    }

    @Test
    void entriesWithATtlExpire() {
        DistributedMap<String, String> m = three.member(0).map("sessions");
        m.put("s1", "alice", Duration.ofSeconds(1));
        m.put("s2", "bob");
        assertThat(m.get("s1")).isEqualTo("alice");
        await().atMost(Duration.ofSeconds(15)).until(() -> m.get("s1") == null);
        assertThat(m.get("s2")).isEqualTo("bob");
        assertThatThrownBy(() -> m.put("s3", "x", Duration.ZERO)).hasMessageContaining("ttl");
    }

    @Test
    void watchDeliversChangesAsAChannel() throws Exception {
        DistributedMap<String, Integer> m0 = three.member(0).map("watched");
        try (Subscription<EntryChange<String, Integer>> changes = three.member(1).<String, Integer>map("watched").watch()) {
            m0.put("a", 1);
            m0.put("a", 2);
            m0.remove("a");
            List<EntryChange<String, Integer>> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(changes.tryReceive(Duration.ofSeconds(10)).orElseThrow());
            }
            assertThat(got).extracting(EntryChange::kind).containsExactly(
                    EntryChange.Kind.ADDED, EntryChange.Kind.UPDATED, EntryChange.Kind.REMOVED);
            assertThat(got.get(1).oldValue()).isEqualTo(1);
            assertThat(got.get(1).value()).isEqualTo(2);
        }
    }

    @Test
    void badInputIsRejectedAndNothingIsWritten() {
        DistributedMap<String, Object> m = three.member(0).map("bad");
        assertThatThrownBy(() -> m.put(null, "v")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("map 'bad': put: key is null");
        assertThatThrownBy(() -> m.put("k", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value is null");
        assertThatThrownBy(() -> m.put("k", new NotSerializable())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("map 'bad': put").hasMessageContaining("NotSerializable");
        assertThat(m.containsKey("k")).isFalse();
        assertThatThrownBy(() -> m.update("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTypedMapNamesTheWrongType() {
        three.member(0).<String, Object>map("typed").put("n", "not a number");
        DistributedMap<String, Integer> typed = three.member(1).map("typed", String.class, Integer.class);
        assertThatThrownBy(() -> typed.get("n")).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("map 'typed'").hasMessageContaining("java.lang.String");
        @SuppressWarnings({"unchecked", "rawtypes"})
        DistributedMap<String, Object> raw = (DistributedMap) typed;
        assertThatThrownBy(() -> raw.put("m", "text")).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("not a java.lang.Integer");
        assertThat(typed.containsKey("m")).isFalse();
    }

    @Test
    void behavesLikeAHashMapForRandomOperations() {
        DistributedMap<Integer, Integer> m = three.member(2).map("model");
        Gen<List<int[]>> ops = SourceDSL.lists().of(SourceDSL.integers().between(0, 3)
                .zip(SourceDSL.integers().between(0, 7), SourceDSL.integers().between(0, 99),
                        (op, k, v) -> new int[] {op, k, v}))
                .ofSizeBetween(1, 30);
        QuickTheory.qt().withExamples(40).forAll(ops).checkAssert(seq -> {
            m.clear();
            Map<Integer, Integer> model = new HashMap<>();
            for (int[] o : seq) {
                switch (o[0]) {
                    case 0 -> assertThat(m.put(o[1], o[2])).isEqualTo(model.put(o[1], o[2]));
                    case 1 -> assertThat(m.remove(o[1])).isEqualTo(model.remove(o[1]));
                    case 2 -> assertThat(m.putIfAbsent(o[1], o[2])).isEqualTo(model.putIfAbsent(o[1], o[2]));
                    default -> assertThat(m.update(o[1], v -> v == null ? 1 : v + 1))
                            .isEqualTo(model.merge(o[1], 1, Integer::sum));
                }
            }
            assertThat(m.getAll(Set.copyOf(model.keySet()))).isEqualTo(model);
            assertThat(m.size()).isEqualTo(model.size());
        });
    }

    @Test
    void acknowledgedWritesSurviveTheLossOfAMember() throws Exception {
        try (TestClusters t = TestClusters.start(5740, 3)) {
            DistributedMap<Integer, Integer> m = t.member(0).map("durable");
            for (int i = 0; i < 1000; i++) {
                m.set(i, i * i);
            }
            t.member(1).close();
            DistributedMap<Integer, Integer> survivor = t.member(2).map("durable");
            await().atMost(Duration.ofSeconds(30)).until(() -> t.member(2).members().size() == 2);
            for (int i = 0; i < 1000; i++) {
                assertThat(survivor.get(i)).as("key %d", i).isEqualTo(i * i);
            }
        }
    }
}
