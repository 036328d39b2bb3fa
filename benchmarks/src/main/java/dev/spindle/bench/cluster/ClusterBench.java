package dev.spindle.bench.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.crdt.pncounter.PNCounter;
import com.hazelcast.map.IMap;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedChannel;
import dev.spindle.cluster.DistributedCounter;
import dev.spindle.cluster.DistributedLock;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.cluster.internal.AddProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Spindle's cluster primitives beside the raw Hazelcast 5.7.0 call each one wraps, in one run: the
 * same three members in one JVM ({@link Trio}), the same calling member, the same partition (owned
 * by another member, so every call crosses loopback), the same single benchmark thread and the same
 * JVM flags for every implementation (Hazelcast's {@code --add-opens}, needed by both).
 *
 * <h2>Operations and their twins</h2>
 * One op is one call (or the pair named), timed on average (us/op):
 * <ul>
 *   <li>{@code get}, {@code set}, {@code put}: {@link DistributedMap} vs {@link IMap} on the
 *       <em>same</em> map and key ({@code Long} values, the key present).</li>
 *   <li>{@code getNearCached}: the same get on a map the calling member keeps a near cache of, so the
 *       call never leaves the JVM: what is left is the wrapper's own local work (checks, the
 *       closed check, the call's lambda) beside the raw near-cache hit. A diagnostic: it measures
 *       in nanoseconds what the remote calls above hide in their noise.</li>
 *   <li>{@code lockUnlock}: {@code long t = lock.lock(); lock.unlock();} on a {@link DistributedLock}
 *       (one entry processor that grants the lock and issues its fencing token, then one that
 *       releases it) vs {@code IMap.lock(key); IMap.unlock(key);} with the same key in another
 *       map ({@code raw}, the target's twin). A third line, {@code rawLockAndIncrement}, does by hand
 *       what the fenced lock did before it granted and issued in one call ({@code IMap.lock},
 *       {@code executeOnKey} with {@link RawIncrement} on a fence map, {@code IMap.unlock}): the cost of
 *       a token in its own round trip. A fourth, {@code rawTwoProcessors}, is two {@link RawIncrement}
 *       calls on one key: the floor of any lock made of two entry-processor round trips (with their
 *       synchronous backups), so Spindle's own cost can be told from the cost of entry processors
 *       beside {@code IMap.lock}'s operations.</li>
 *   <li>{@code increment}: {@link Cluster#counter} {@code incrementAndGet} (an entry processor) vs
 *       {@code IMap.executeOnKey} with {@link RawIncrement}, the same add-1-to-a-Long ({@code raw}).
 *       A diagnostic third line, {@code rawAddProcessor}, sends Spindle's own internal
 *       {@code AddProcessor(1)} through the raw {@code IMap}: the same processor without the wrapper,
 *       to tell the wrapper's cost from the processor's (serialization, backup).</li>
 *   <li>{@code incrementEventual}: {@link Cluster#eventualCounter} {@code incrementAndGet} vs
 *       {@link PNCounter#incrementAndGet()} ({@code raw}); both CRDTs answer from the local replica.</li>
 *   <li>{@code sendReceive}: {@code ch.send(v); ch.receive();} on a {@link DistributedChannel} of
 *       capacity {@value #CAPACITY} vs {@code offer(v); poll();} on an {@link IQueue} with the same
 *       max size and backup count ({@code raw}, the twin), and vs {@code put(v);
 *       poll(250 ms)} ({@code rawBlocking}), the blocking calls Spindle makes underneath, to tell the
 *       wrapper's cost from the cost of blocking calls.</li>
 * </ul>
 * Each operation family is its own {@link State} with its own {@code impl} values, so JMH runs only
 * meaningful pairs. Every trial (one JVM fork) starts its own three members and stops them after.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 2, jvmArgsAppend = {
        "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class ClusterBench {
    /** The distributed channel's capacity and the raw queue's max size. */
    static final int CAPACITY = 1024;
    /** What the map holds and what {@code set}/{@code put} write: one boxed value, so no op allocates it. */
    private static final Long VALUE = 42L;
    private static final Integer MESSAGE = 7;

    /** An operation under test, chosen once per trial by {@code impl}. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    /** The members, shared by every family: started per trial, stopped after it. */
    public abstract static class OnCluster {
        Trio trio;

        @Setup(Level.Trial)
        public void startCluster() throws Exception {
            trio = Trio.start();
            System.out.println("cluster: " + trio.placement());
            choose(trio.local(), trio.hazelcast());
        }

        /** Picks the ops for this trial's {@code impl}. */
        abstract void choose(Cluster cluster, HazelcastInstance hz);

        @TearDown(Level.Trial)
        public void stopCluster() {
            trio.close();
        }

        static IllegalArgumentException unknown(String impl) {
            return new IllegalArgumentException("unknown impl " + impl);
        }
    }

    @State(Scope.Benchmark)
    public static class Maps extends OnCluster {
        @Param({"spindle", "raw"})
        public String impl;

        Op get;
        Op set;
        Op put;
        Op nearGet;

        @Override
        void choose(Cluster cluster, HazelcastInstance hz) {
            String mapName = "bench.map";
            String key = trio.nameOn("key-");
            IMap<String, Long> raw = hz.getMap(mapName);
            raw.set(key, VALUE);
            IMap<String, Long> rawNear = hz.getMap(Trio.NEAR_CACHED_MAP);
            rawNear.set(key, VALUE);
            switch (impl) {
                case "spindle" -> {
                    DistributedMap<String, Long> map = cluster.map(mapName);
                    DistributedMap<String, Long> near = cluster.map(Trio.NEAR_CACHED_MAP);
                    nearGet = () -> near.get(key);
                    get = () -> map.get(key);
                    set = () -> {
                        map.set(key, VALUE);
                        return null;
                    };
                    put = () -> map.put(key, VALUE);
                }
                case "raw" -> {
                    nearGet = () -> rawNear.get(key);
                    get = () -> raw.get(key);
                    set = () -> {
                        raw.set(key, VALUE);
                        return null;
                    };
                    put = () -> raw.put(key, VALUE);
                }
                default -> throw unknown(impl);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Locks extends OnCluster {
        @Param({"spindle", "raw", "rawLockAndIncrement", "rawTwoProcessors"})
        public String impl;

        Op lockUnlock;

        @Override
        void choose(Cluster cluster, HazelcastInstance hz) {
            String name = trio.nameOn("lock-");
            switch (impl) {
                case "spindle" -> {
                    DistributedLock lock = cluster.lock(name);
                    lockUnlock = () -> {
                        long token = lock.lock();
                        lock.unlock();
                        return token;
                    };
                }
                case "raw" -> {
                    IMap<String, Object> locks = hz.getMap("bench.raw.locks");
                    lockUnlock = () -> {
                        locks.lock(name);
                        locks.unlock(name);
                        return null;
                    };
                }
                case "rawLockAndIncrement" -> {
                    IMap<String, Object> locks = hz.getMap("bench.raw.locks");
                    IMap<String, Long> fences = hz.getMap("bench.raw.fences");
                    lockUnlock = () -> {
                        locks.lock(name);
                        Long token = fences.executeOnKey(name, RawIncrement.INSTANCE);
                        locks.unlock(name);
                        return token;
                    };
                }
                case "rawTwoProcessors" -> {
                    IMap<String, Long> states = hz.getMap("bench.raw.lockstates");
                    lockUnlock = () -> {
                        Long first = states.executeOnKey(name, RawIncrement.INSTANCE);
                        states.executeOnKey(name, RawIncrement.INSTANCE);
                        return first;
                    };
                }
                default -> throw unknown(impl);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Counters extends OnCluster {
        @Param({"spindle", "raw", "rawAddProcessor"})
        public String impl;

        Op increment;

        @Override
        void choose(Cluster cluster, HazelcastInstance hz) {
            String name = trio.nameOn("counter-");
            switch (impl) {
                case "spindle" -> {
                    DistributedCounter counter = cluster.counter(name);
                    increment = counter::incrementAndGet;
                }
                case "raw" -> {
                    IMap<String, Long> counters = hz.getMap("bench.raw.counters");
                    increment = () -> counters.executeOnKey(name, RawIncrement.INSTANCE);
                }
                case "rawAddProcessor" -> {
                    IMap<String, Long> counters = hz.getMap("bench.raw.counters");
                    increment = () -> counters.executeOnKey(name, new AddProcessor(1));
                }
                default -> throw unknown(impl);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class EventualCounters extends OnCluster {
        @Param({"spindle", "raw"})
        public String impl;

        Op increment;

        @Override
        void choose(Cluster cluster, HazelcastInstance hz) {
            String name = trio.nameOn("counter-");
            switch (impl) {
                case "spindle" -> {
                    DistributedCounter counter = cluster.eventualCounter(name);
                    increment = counter::incrementAndGet;
                }
                case "raw" -> {
                    PNCounter counter = hz.getPNCounter("bench.raw." + name);
                    increment = counter::incrementAndGet;
                }
                default -> throw unknown(impl);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Channels extends OnCluster {
        @Param({"spindle", "raw", "rawBlocking"})
        public String impl;

        Op sendReceive;

        @Override
        void choose(Cluster cluster, HazelcastInstance hz) {
            switch (impl) {
                case "spindle" -> {
                    DistributedChannel<Integer> ch = cluster.channel(trio.nameOn("channel-"), CAPACITY);
                    sendReceive = () -> {
                        ch.send(MESSAGE);
                        return ch.receive();
                    };
                }
                case "raw" -> {
                    IQueue<Integer> q = rawQueue(hz, trio.nameOn("bench.raw.queue-"));
                    sendReceive = () -> {
                        q.offer(MESSAGE);
                        return q.poll();
                    };
                }
                case "rawBlocking" -> {
                    IQueue<Integer> q = rawQueue(hz, trio.nameOn("bench.raw.queue-"));
                    sendReceive = () -> {
                        q.put(MESSAGE);
                        return q.poll(250, TimeUnit.MILLISECONDS);
                    };
                }
                default -> throw unknown(impl);
            }
        }

        /** A queue configured as Spindle configures a channel's: max size {@value #CAPACITY}, one backup. */
        private static IQueue<Integer> rawQueue(HazelcastInstance hz, String name) {
            hz.getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(CAPACITY).setBackupCount(1));
            return hz.getQueue(name);
        }
    }

    @Benchmark
    public Object get(Maps s) throws Exception {
        return s.get.run();
    }

    @Benchmark
    public Object getNearCached(Maps s) throws Exception {
        return s.nearGet.run();
    }

    @Benchmark
    public Object set(Maps s) throws Exception {
        return s.set.run();
    }

    @Benchmark
    public Object put(Maps s) throws Exception {
        return s.put.run();
    }

    @Benchmark
    public Object lockUnlock(Locks s) throws Exception {
        return s.lockUnlock.run();
    }

    @Benchmark
    public Object increment(Counters s) throws Exception {
        return s.increment.run();
    }

    @Benchmark
    public Object incrementEventual(EventualCounters s) throws Exception {
        return s.increment.run();
    }

    @Benchmark
    public Object sendReceive(Channels s) throws Exception {
        Object received = s.sendReceive.run();
        if (received != MESSAGE && !MESSAGE.equals(received)) {
            throw new IllegalStateException("sent " + MESSAGE + ", received " + received);
        }
        return received;
    }
}
