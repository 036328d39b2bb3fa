package dev.spindle.bench.channels;

import static dev.spindle.bench.channels.ChannelBench.check;
import static dev.spindle.bench.channels.ChannelBench.consume;
import static dev.spindle.bench.channels.ChannelBench.expectedSum;
import static dev.spindle.bench.channels.ChannelBench.produce;

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
 * {@link ChannelBench}'s peers at scale (issue 11): many channels, many threads per channel, fan-in
 * through a merge stage, and select over more channels. The same rules as {@link ChannelBench}: every
 * implementation runs the same roles on fresh virtual threads (started and joined by {@link Crew}
 * each invocation), sends the same cached {@code Integer}s, runs under the same JVM flags and fork
 * count, and every invocation checks that the consumers received exactly the sum that was sent. The
 * Go twins are in {@code benchmarks/go/channels_test.go}, named after the method and its parameters
 * ({@code BenchmarkMpmc/producers=4}).
 *
 * <h2>Scenarios and what one op is</h2>
 * The score is <b>nanoseconds per message</b> in every scenario (per select in {@code selectN}, where
 * each select receives one message). Starting and joining the roles is inside the measurement, as in
 * {@link ChannelBench}; it matters only in {@code parallelChannels} with many pairs, where it is part
 * of the shape being measured (jox's own parallel benchmark times it too).
 * <ul>
 *   <li>{@code parallelChannels}: {@code pairs} (1, 100, 10000) independent producer/consumer pairs,
 *       each on its own pipe of capacity {@value #PARALLEL_CAPACITY}, all running at once (jox's
 *       headline shape). An invocation moves {@value #PARALLEL_MESSAGES} messages in all, split evenly
 *       over the pairs: 100 per pair at 10000 pairs, so every buffer still fills and every producer
 *       still waits. One op = one message. The pipes are made once per trial; the 2 x {@code pairs}
 *       threads are started in every invocation.</li>
 *   <li>{@code mpmc}: {@code producers} (P = 1, 2, 4, 8, 16) producers and as many consumers on one
 *       pipe of capacity {@value ChannelBench#MPMC_CAPACITY}; {@value ChannelBench#N} messages split
 *       evenly over the producers and over the consumers. One op = one message. P = 4 is
 *       {@code ChannelBench.mpmc4x4}'s shape, measured again here so the curve is from one run.</li>
 *   <li>{@code fanIn}: {@value #FAN_IN_INPUTS} producers, each on its own pipe of capacity
 *       {@value #FAN_IN_CAPACITY} made for the invocation, send {@value ChannelBench#N} messages in
 *       all and close their pipe; a merge stage forwards them into one unbuffered output, and one
 *       consumer receives until the output is closed. Spindle merges with {@code Channels.merge} (a
 *       forwarding task per input in a {@code TaskGroup}); jox 1.0.1's channels have no merge, so
 *       {@link JoxPeer#merge} is the one a jox user writes (a forwarding virtual thread per input,
 *       {@code receiveOrClosed}/{@code send}, the last one marks the output done); Go's twin is the
 *       merge of the Go pipelines blog. One op = one message through producer, forwarder and
 *       consumer (two hand-offs). Queues cannot be closed, so they have no merge that ends and take no
 *       part (16 producers putting into one shared queue would skip the merge stage: a different
 *       scenario, already covered by {@code mpmc}).</li>
 *   <li>{@code selectN}: {@code channels} (2, 4, 8) pipes of {@code capacity} 0 (unbuffered) or 16,
 *       each fed by its own producer ({@value ChannelBench#N} messages split evenly); one consumer does
 *       {@value ChannelBench#N} selects over all of them. The clauses are built once per trial and
 *       reused by every select, for Spindle ({@code onReceive(x -> x)}) and for jox
 *       ({@code receiveClause()}) alike, so neither pays for building clauses in the loop (contrast
 *       {@code ChannelBench.select2Producers}, which builds them per call). Spindle picks among ready
 *       clauses at random, jox takes the first ready one in argument order, Go picks at random. One op
 *       = one select.</li>
 * </ul>
 *
 * <h2>Who takes part where</h2>
 * <ul>
 *   <li>{@code parallelChannels}, {@code mpmc}: {@code spindle}, {@code jox}, {@code abq}, {@code lbq},
 *       and {@code ltqUnbounded} (unbounded, so its producers never wait: a reference line, not a
 *       bounded peer, and not counted as "best java.util.concurrent queue").</li>
 *   <li>{@code fanIn}, {@code selectN}: {@code spindle} and {@code jox}: a queue can neither be closed
 *       nor select.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ChannelScaleBench {
    /** Messages per {@code parallelChannels} invocation, over all pairs: 100 per pair at 10000 pairs. */
    static final int PARALLEL_MESSAGES = 1_000_000;
    /** Each {@code parallelChannels} pair's capacity, as in jox's parallel benchmark. */
    static final int PARALLEL_CAPACITY = 16;
    /** How many producers {@code fanIn} merges. */
    static final int FAN_IN_INPUTS = 16;
    /** The capacity of each {@code fanIn} producer's pipe. */
    static final int FAN_IN_CAPACITY = 16;

    /** {@code parallelChannels}: one buffered pipe per pair, made once per trial. */
    @State(Scope.Benchmark)
    public static class Parallel {
        @Param({"spindle", "jox", "abq", "lbq", "ltqUnbounded"})
        public String impl;

        @Param({"1", "100", "10000"})
        public int pairs;

        Pipe[] pipes;

        @Setup(Level.Trial)
        public void setUp() {
            Peer peer = Peer.named(impl);
            pipes = new Pipe[pairs];
            for (int i = 0; i < pairs; i++) {
                pipes[i] = peer.buffered(PARALLEL_CAPACITY);
            }
        }
    }

    /** {@code mpmc}: one pipe shared by P producers and P consumers. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"spindle", "jox", "abq", "lbq", "ltqUnbounded"})
        public String impl;

        @Param({"1", "2", "4", "8", "16"})
        public int producers;

        Pipe pipe;

        @Setup(Level.Trial)
        public void setUp() {
            pipe = Peer.named(impl).buffered(ChannelBench.MPMC_CAPACITY);
        }
    }

    /** {@code fanIn}: the peer only; its pipes are closed by each run, so every invocation makes its own. */
    @State(Scope.Benchmark)
    public static class Merging {
        @Param({"spindle", "jox"})
        public String impl;

        Peer peer;

        @Setup(Level.Trial)
        public void setUp() {
            peer = Peer.named(impl);
        }
    }

    /** {@code selectN}: {@code channels} pipes of {@code capacity} and the select over them, built once. */
    @State(Scope.Benchmark)
    public static class SelectingN {
        @Param({"spindle", "jox"})
        public String impl;

        @Param({"2", "4", "8"})
        public int channels;

        @Param({"0", "16"})
        public int capacity;

        Pipe[] pipes;
        Peer.Selection selection;

        @Setup(Level.Trial)
        public void setUp() {
            Peer peer = Peer.named(impl);
            pipes = new Pipe[channels];
            for (int i = 0; i < channels; i++) {
                pipes[i] = capacity == 0 ? peer.unbuffered() : peer.buffered(capacity);
            }
            selection = peer.selection(pipes);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PARALLEL_MESSAGES)
    public long parallelChannels(Parallel s) throws InterruptedException {
        Pipe[] pipes = s.pipes;
        int pairs = pipes.length;
        long[] sums = new long[pairs];
        Crew.Role[] roles = new Crew.Role[2 * pairs];
        long sent = 0;
        for (int k = 0; k < pairs; k++) {
            Pipe pipe = pipes[k];
            int count = share(PARALLEL_MESSAGES, pairs, k);
            int slot = k;
            roles[2 * k] = () -> produce(pipe, count);
            roles[2 * k + 1] = () -> sums[slot] = consume(pipe, count);
            sent += expectedSum(count);
        }
        Crew.run(roles);
        return check(total(sums), sent);
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.N)
    public long mpmc(Shared s) throws InterruptedException {
        Pipe pipe = s.pipe;
        int side = s.producers;
        long[] sums = new long[side];
        Crew.Role[] roles = new Crew.Role[2 * side];
        long sent = 0;
        for (int k = 0; k < side; k++) {
            int count = share(ChannelBench.N, side, k);
            int slot = k;
            roles[k] = () -> produce(pipe, count);
            roles[side + k] = () -> sums[slot] = consume(pipe, count);
            sent += expectedSum(count);
        }
        Crew.run(roles);
        return check(total(sums), sent);
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.N)
    public long fanIn(Merging s) throws InterruptedException {
        Peer peer = s.peer;
        Pipe[] inputs = new Pipe[FAN_IN_INPUTS];
        for (int k = 0; k < FAN_IN_INPUTS; k++) {
            inputs[k] = peer.buffered(FAN_IN_CAPACITY);
        }
        Peer.Merged merged = peer.merge(inputs);
        long[] sum = new long[1];
        Crew.Role[] roles = new Crew.Role[FAN_IN_INPUTS + 1];
        long sent = 0;
        for (int k = 0; k < FAN_IN_INPUTS; k++) {
            Pipe input = inputs[k];
            int count = share(ChannelBench.N, FAN_IN_INPUTS, k);
            roles[k] = () -> {
                produce(input, count);
                input.close();
            };
            sent += expectedSum(count);
        }
        roles[FAN_IN_INPUTS] = () -> sum[0] = merged.sumUntilClosed();
        try {
            Crew.run(roles);
        } catch (Throwable e) {
            merged.abort();
            throw e;
        }
        merged.finish();
        return check(sum[0], sent);
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.N)
    public long selectN(SelectingN s) throws InterruptedException {
        Pipe[] pipes = s.pipes;
        Peer.Selection selection = s.selection;
        int n = pipes.length;
        long[] sum = new long[1];
        Crew.Role[] roles = new Crew.Role[n + 1];
        long sent = 0;
        for (int k = 0; k < n; k++) {
            Pipe pipe = pipes[k];
            int count = share(ChannelBench.N, n, k);
            roles[k] = () -> produce(pipe, count);
            sent += expectedSum(count);
        }
        roles[n] = () -> {
            long acc = 0;
            for (int i = 0; i < ChannelBench.N; i++) {
                acc += selection.select();
            }
            sum[0] = acc;
        };
        Crew.run(roles);
        return check(sum[0], sent);
    }

    /** Part {@code k} of {@code total} split over {@code parts} as evenly as it goes (the first ones get one more). */
    static int share(int total, int parts, int k) {
        return total / parts + (k < total % parts ? 1 : 0);
    }

    private static long total(long[] sums) {
        long total = 0;
        for (long sum : sums) {
            total += sum;
        }
        return total;
    }
}
