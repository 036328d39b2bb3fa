package dev.spindle.bench.channels;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Spindle's channels beside jox and the java.util.concurrent queues, in one run: the same scenarios,
 * the same virtual threads, the same fork count and JVM flags for every implementation (none is tuned
 * for Spindle). The Go twins of these scenarios are in {@code benchmarks/go/channels_test.go}.
 *
 * <h2>Scenarios and what one op is</h2>
 * Every invocation starts the scenario's roles on fresh virtual threads ({@code Thread.ofVirtual()}),
 * moves {@value #N} messages and joins them; {@code @OperationsPerInvocation(N)} makes the score
 * <b>nanoseconds per message</b> (per round trip for {@code pingPong}). The benchmark thread only starts
 * and joins; starting the roles and waking the joining thread (tens of microseconds) adds at most
 * about 1 ns per message at this N, the same for every implementation. Messages are cached
 * {@code Integer}s (no allocation by the scenario), and every invocation checks that the consumers
 * received exactly the sum that was sent, so a lost or duplicated message fails the run.
 * <ul>
 *   <li>{@code pingPong}: two unbuffered pipes; one thread sends on ping and waits on pong, the other
 *       echoes. One op = one round trip (two hand-offs).</li>
 *   <li>{@code unbufferedSpsc}: one producer, one consumer, one unbuffered pipe. One op = one message.</li>
 *   <li>{@code bufferedSpsc}: the same over a buffered pipe of {@code capacity} 16 or 1024.</li>
 *   <li>{@code mpmc4x4}: 4 producers and 4 consumers on one pipe of capacity {@value #MPMC_CAPACITY};
 *       each producer sends N/4, each consumer receives N/4. One op = one message.</li>
 *   <li>{@code select2Producers}: two producers, each on its own pipe of {@code capacity} 0 (unbuffered)
 *       or 1024, send N/2 each; one consumer does N selects receiving from either. One op = one select.</li>
 *   <li>{@code uncontended}: one thread sends then receives on a pipe of capacity 1. One op = one
 *       send + receive pair.</li>
 *   <li>{@code selectReady}: one thread, {@value #READY_PIPES} buffered pipes of capacity 16 and a
 *       select over all of them whose clauses are built once; each op sends one value to the next
 *       pipe in turn, then selects, which finds exactly that clause ready. One op = one send + one
 *       select: the cost of select itself when it never waits (and, with {@code -prof gc}, whether
 *       it allocates).</li>
 * </ul>
 *
 * <h2>Who takes part where</h2>
 * Each scenario family takes its implementations from its own {@link State} class, so JMH runs only
 * the combinations that mean something (no failing or skipped cells):
 * <ul>
 *   <li>unbuffered ({@code pingPong}, {@code unbufferedSpsc}): {@code spindle}, {@code jox},
 *       {@code sq} (SynchronousQueue), {@code ltq} (LinkedTransferQueue, sending with {@code transfer},
 *       which waits for the consumer). ArrayBlockingQueue and LinkedBlockingQueue cannot have capacity 0.</li>
 *   <li>buffered ({@code bufferedSpsc}, {@code mpmc4x4}, {@code uncontended}): {@code spindle},
 *       {@code jox}, {@code abq}, {@code lbq}, and {@code ltqUnbounded} — LinkedTransferQueue with
 *       {@code put}, which is unbounded and ignores the capacity (its producers never wait): a
 *       reference line, not a bounded peer, and not counted as "best java.util.concurrent queue".
 *       SynchronousQueue has no buffer.</li>
 *   <li>select ({@code select2Producers}, {@code selectReady}): {@code spindle}, {@code jox}. No
 *       queue can select.</li>
 * </ul>
 * Overriding {@code -p impl=...} on the command line applies to every family; a pair that makes no
 * sense then fails in setup with an {@link UnsupportedOperationException} naming the impl.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelBench {
    /** Messages (round trips, selects, pairs) per invocation. */
    static final int N = 100_000;
    static final int MPMC_CAPACITY = 1024;
    static final int MPMC_SIDE = 4;
    static final int READY_PIPES = 4;

    /** The values sent: {@code VALUES[i & 127]}, boxed once so no scenario allocates. */
    private static final Integer[] VALUES = new Integer[128];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = i;
        }
    }

    /** The unbuffered family: implementations that can hand a value straight to a receiver. */
    @State(Scope.Benchmark)
    public static class Unbuffered {
        @Param({"spindle", "jox", "sq", "ltq"})
        public String impl;

        Pipe a;
        Pipe b;

        @Setup(Level.Trial)
        public void setUp() {
            Peer peer = Peer.named(impl);
            a = peer.unbuffered();
            b = peer.unbuffered();
        }
    }

    /** The buffered family, with the capacity as a parameter. */
    @State(Scope.Benchmark)
    public static class Buffered {
        @Param({"spindle", "jox", "abq", "lbq", "ltqUnbounded"})
        public String impl;

        @Param({"16", "1024"})
        public int capacity;

        Pipe pipe;

        @Setup(Level.Trial)
        public void setUp() {
            pipe = Peer.named(impl).buffered(capacity);
        }
    }

    /** The buffered family at the fixed capacity of {@code mpmc4x4}. */
    @State(Scope.Benchmark)
    public static class Mpmc {
        @Param({"spindle", "jox", "abq", "lbq", "ltqUnbounded"})
        public String impl;

        Pipe pipe;

        @Setup(Level.Trial)
        public void setUp() {
            pipe = Peer.named(impl).buffered(MPMC_CAPACITY);
        }
    }

    /** The buffered family at capacity 1, for {@code uncontended}. */
    @State(Scope.Benchmark)
    public static class Single {
        @Param({"spindle", "jox", "abq", "lbq", "ltqUnbounded"})
        public String impl;

        Pipe pipe;

        @Setup(Level.Trial)
        public void setUp() {
            pipe = Peer.named(impl).buffered(1);
        }
    }

    /** {@code selectReady}: {@value #READY_PIPES} pipes of capacity 16 and a select over them, built once. */
    @State(Scope.Benchmark)
    public static class Ready {
        @Param({"spindle", "jox"})
        public String impl;

        Pipe[] pipes;
        Peer.Selection selection;

        @Setup(Level.Trial)
        public void setUp() {
            Peer peer = Peer.named(impl);
            pipes = new Pipe[READY_PIPES];
            for (int i = 0; i < pipes.length; i++) {
                pipes[i] = peer.buffered(16);
            }
            selection = peer.selection(pipes);
        }
    }

    /** The select family: two pipes of {@code capacity} (0 = unbuffered). */
    @State(Scope.Benchmark)
    public static class Selecting {
        @Param({"spindle", "jox"})
        public String impl;

        @Param({"0", "1024"})
        public int capacity;

        Peer peer;
        Pipe a;
        Pipe b;

        @Setup(Level.Trial)
        public void setUp() {
            peer = Peer.named(impl);
            a = capacity == 0 ? peer.unbuffered() : peer.buffered(capacity);
            b = capacity == 0 ? peer.unbuffered() : peer.buffered(capacity);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long pingPong(Unbuffered s) throws InterruptedException {
        Pipe ping = s.a;
        Pipe pong = s.b;
        long[] sum = new long[1];
        Crew.run(
                () -> {
                    long acc = 0;
                    for (int i = 0; i < N; i++) {
                        ping.send(VALUES[i & 127]);
                        acc += pong.receive();
                    }
                    sum[0] = acc;
                },
                () -> {
                    for (int i = 0; i < N; i++) {
                        pong.send(ping.receive());
                    }
                });
        return check(sum[0], expectedSum(N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long unbufferedSpsc(Unbuffered s) throws InterruptedException {
        return spsc(s.a);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long bufferedSpsc(Buffered s) throws InterruptedException {
        return spsc(s.pipe);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long mpmc4x4(Mpmc s) throws InterruptedException {
        Pipe pipe = s.pipe;
        int each = N / MPMC_SIDE;
        long[] sums = new long[MPMC_SIDE];
        Crew.Role[] roles = new Crew.Role[2 * MPMC_SIDE];
        for (int p = 0; p < MPMC_SIDE; p++) {
            roles[p] = () -> produce(pipe, each);
        }
        for (int c = 0; c < MPMC_SIDE; c++) {
            int slot = c;
            roles[MPMC_SIDE + c] = () -> sums[slot] = consume(pipe, each);
        }
        Crew.run(roles);
        long total = 0;
        for (long sum : sums) {
            total += sum;
        }
        return check(total, MPMC_SIDE * expectedSum(each));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long select2Producers(Selecting s) throws InterruptedException {
        Peer peer = s.peer;
        Pipe a = s.a;
        Pipe b = s.b;
        long[] sum = new long[1];
        Crew.run(
                () -> produce(a, N / 2),
                () -> produce(b, N - N / 2),
                () -> {
                    long acc = 0;
                    for (int i = 0; i < N; i++) {
                        acc += peer.select(a, b);
                    }
                    sum[0] = acc;
                });
        return check(sum[0], expectedSum(N / 2) + expectedSum(N - N / 2));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long uncontended(Single s) throws InterruptedException {
        Pipe pipe = s.pipe;
        long[] sum = new long[1];
        Crew.run(() -> {
            long acc = 0;
            for (int i = 0; i < N; i++) {
                pipe.send(VALUES[i & 127]);
                acc += pipe.receive();
            }
            sum[0] = acc;
        });
        return check(sum[0], expectedSum(N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long selectReady(Ready s) throws InterruptedException {
        Pipe[] pipes = s.pipes;
        Peer.Selection selection = s.selection;
        long[] sum = new long[1];
        Crew.run(() -> {
            long acc = 0;
            for (int i = 0; i < N; i++) {
                pipes[i % READY_PIPES].send(VALUES[i & 127]);
                acc += selection.select();
            }
            sum[0] = acc;
        });
        return check(sum[0], expectedSum(N));
    }

    private static long spsc(Pipe pipe) throws InterruptedException {
        long[] sum = new long[1];
        Crew.run(() -> produce(pipe, N), () -> sum[0] = consume(pipe, N));
        return check(sum[0], expectedSum(N));
    }

    /** Sends {@code VALUES[i & 127]} for {@code i < count}; shared with {@link ChannelScaleBench}. */
    static void produce(Pipe pipe, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            pipe.send(VALUES[i & 127]);
        }
    }

    /** Receives {@code count} values and returns their sum; shared with {@link ChannelScaleBench}. */
    static long consume(Pipe pipe, int count) throws InterruptedException {
        long acc = 0;
        for (int i = 0; i < count; i++) {
            acc += pipe.receive();
        }
        return acc;
    }

    /** The sum of {@code VALUES[i & 127]} for {@code i < count}: what one producer of count messages sends. */
    static long expectedSum(int count) {
        long full = count / 128;
        long rest = count % 128;
        return full * (127 * 128 / 2) + rest * (rest - 1) / 2;
    }

    /** Fails the run unless the consumers received exactly the sum that was sent. */
    static long check(long received, long sent) {
        if (received != sent) {
            throw new IllegalStateException("received a sum of " + received + " but " + sent + " was sent");
        }
        return received;
    }
}
