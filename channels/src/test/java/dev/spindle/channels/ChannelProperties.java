package dev.spindle.channels;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Random producers, consumers and closes on virtual threads, checked against what each side
 * recorded: nothing received twice; every value whose send reported success received exactly once,
 * and no value whose send reported closed; values of one sender received in the order sent; once a
 * send reports closed every later one does; consumers drain the buffer after close, then see the
 * close (with its error); no thread is left blocked. And the same over two channels with select on
 * both sides.
 */
class ChannelProperties {
    private static final int[] CAPACITIES = {0, 1, 2, 16, Integer.MAX_VALUE};
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Who closes the channel. The test thread also closes it once producers are done, in every mode. */
    enum Closer { AFTER_PRODUCERS, PRODUCER, CONSUMER }

    /**
     * One run.
     *
     * @param capacity the channel capacity
     * @param producers how many senders
     * @param consumers how many receivers
     * @param messages values per producer
     * @param closer who closes
     * @param closeAt after how many of its own sends (producer 0) or receives (consumer 0) it closes
     * @param withError whether the close carries an error
     */
    record Run(int capacity, int producers, int consumers, int messages, Closer closer, int closeAt,
            boolean withError) {
    }

    @Test
    void producersAndConsumersLoseNothingAndDuplicateNothing() {
        Gen<int[]> shape = integers().between(0, CAPACITIES.length - 1)
                .zip(integers().between(1, 4), integers().between(1, 4), integers().between(0, 60),
                        (c, p, k, m) -> new int[] {CAPACITIES[c], p, k, m});
        Gen<Run> runs = shape.zip(integers().between(0, Closer.values().length - 1), integers().between(0, 240),
                booleans().all(),
                (s, closer, at, error) -> new Run(s[0], s[1], s[2], s[3], Closer.values()[closer],
                        at % (s[1] * s[3] + 1), error));
        qt().withExamples(1_000).forAll(runs).checkAssert(ChannelProperties::checkOneChannel);
    }

    private static void checkOneChannel(Run run) {
        Channel<Integer> ch = channel(run.capacity());
        Throwable error = run.withError() ? new IllegalStateException("closed by the test") : null;
        List<List<Integer>> accepted = lists(run.producers());
        List<List<Integer>> rejected = lists(run.producers());
        List<List<Integer>> received = lists(run.consumers());
        List<ReceiveResult<Integer>> ends = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int c = 0; c < run.consumers(); c++) {
            ends.add(null);
        }

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < run.producers(); p++) {
            int id = p;
            producers.add(Thread.ofVirtual().start(guarded(failures, () -> {
                int closeAt = Math.min(run.closeAt(), run.messages());
                for (int i = 0; i < run.messages(); i++) {
                    if (run.closer() == Closer.PRODUCER && id == 0 && i == closeAt) {
                        close(ch, error);
                    }
                    int v = id * 1_000 + i;
                    SendResult r = ch.sendOrClosed(v);
                    if (r instanceof SendResult.Closed closed) {
                        assertThat(closed.error()).as("error of a rejected send").isSameAs(error);
                        rejected.get(id).add(v);
                    } else {
                        accepted.get(id).add(v);
                    }
                }
                if (run.closer() == Closer.PRODUCER && id == 0) {
                    close(ch, error);
                }
            })));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < run.consumers(); c++) {
            int id = c;
            consumers.add(Thread.ofVirtual().start(guarded(failures, () -> {
                int count = 0;
                while (true) {
                    if (run.closer() == Closer.CONSUMER && id == 0 && count == run.closeAt()) {
                        close(ch, error);
                    }
                    ReceiveResult<Integer> r = ch.receiveOrClosed();
                    if (r instanceof ReceiveResult.Value<Integer>(Integer v)) {
                        received.get(id).add(v);
                        count++;
                    } else {
                        ends.set(id, r);
                        return;
                    }
                }
            })));
        }

        joinAll(producers, "producer");
        close(ch, error);
        joinAll(consumers, "consumer");
        assertThat(failures).as("failures in producers and consumers").isEmpty();

        // per producer: the accepted values are a prefix of what it sent, the rejected the rest
        Set<Integer> allAccepted = new HashSet<>();
        for (int p = 0; p < run.producers(); p++) {
            List<Integer> sent = new ArrayList<>(accepted.get(p));
            sent.addAll(rejected.get(p));
            assertThat(sent).as("producer %d: accepted then rejected, in order", p)
                    .isEqualTo(sequence(p, run.messages()));
            allAccepted.addAll(accepted.get(p));
        }
        if (run.closer() == Closer.AFTER_PRODUCERS) {
            assertThat(rejected).as("no send rejected before the close").allMatch(List::isEmpty);
        }
        if (run.closer() == Closer.PRODUCER) {
            assertThat(accepted.get(0)).as("producer 0's own sends before and after its close")
                    .isEqualTo(sequence(0, Math.min(run.closeAt(), run.messages())));
        }

        // every accepted value received exactly once; nothing else received
        List<Integer> all = new ArrayList<>();
        received.forEach(all::addAll);
        assertThat(new HashSet<>(all)).as("values received").hasSameSizeAs(all).isEqualTo(allAccepted);

        // per consumer, each producer's values in the order sent
        for (int c = 0; c < run.consumers(); c++) {
            assertInOrderPerProducer(received.get(c), "consumer " + c);
            assertThat(ends.get(c)).as("consumer %d's end", c).isEqualTo(new ReceiveResult.Closed<Integer>(error));
        }
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThat(ch.len()).isZero();
    }

    /** Select on both sides: senders pick A or B with {@code Select.select}, receivers select over both. */
    record SelectRun(int capacityA, int capacityB, int producers, int consumers, int messages) {
    }

    @Test
    void selectDeliversEveryValueExactlyOnce() {
        Gen<SelectRun> runs = integers().between(0, CAPACITIES.length - 1)
                .zip(integers().between(0, CAPACITIES.length - 1), integers().between(1, 4), integers().between(1, 3),
                        integers().between(0, 60),
                        (a, b, p, c, m) -> new SelectRun(CAPACITIES[a], CAPACITIES[b], p, c, m));
        qt().withExamples(600).forAll(runs).checkAssert(ChannelProperties::checkSelect);
    }

    private static void checkSelect(SelectRun run) {
        Channel<Integer> a = channel(run.capacityA());
        Channel<Integer> b = channel(run.capacityB());
        // what each producer sent on each channel, in order: [producer][0 = A, 1 = B]
        List<List<List<Integer>>> sent = new ArrayList<>();
        List<List<Integer>> fromA = lists(run.consumers());
        List<List<Integer>> fromB = lists(run.consumers());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < run.producers(); p++) {
            int id = p;
            List<List<Integer>> mine = lists(2);
            sent.add(mine);
            producers.add(Thread.ofVirtual().start(guarded(failures, () -> {
                for (int i = 0; i < run.messages(); i++) {
                    int v = id * 1_000 + i;
                    // producer 0 only sends to A and producer 1 only to B; the others select
                    int to = switch (id) {
                        case 0 -> {
                            a.send(v);
                            yield 0;
                        }
                        case 1 -> {
                            b.send(v);
                            yield 1;
                        }
                        default -> Select.select(a.onSend(v, () -> 0), b.onSend(v, () -> 1));
                    };
                    mine.get(to).add(v);
                }
            })));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < run.consumers(); c++) {
            int id = c;
            consumers.add(Thread.ofVirtual().start(guarded(failures, () -> {
                boolean aOpen = true;
                boolean bOpen = true;
                while (aOpen || bOpen) {
                    // a closed channel's clause is always ready: switch it off, as Go sets it to nil
                    String got = Select.select(
                            a.onReceiveOrClosed(r -> record(r, fromA.get(id)) ? "value" : "A closed").onlyIf(aOpen),
                            b.onReceiveOrClosed(r -> record(r, fromB.get(id)) ? "value" : "B closed").onlyIf(bOpen));
                    if (got.equals("A closed")) {
                        aOpen = false;
                    } else if (got.equals("B closed")) {
                        bOpen = false;
                    }
                }
            })));
        }

        joinAll(producers, "producer");
        a.close();
        b.close();
        joinAll(consumers, "consumer");
        assertThat(failures).as("failures in producers and consumers").isEmpty();

        for (int ch = 0; ch < 2; ch++) {
            List<List<Integer>> byConsumer = ch == 0 ? fromA : fromB;
            List<Integer> all = new ArrayList<>();
            byConsumer.forEach(all::addAll);
            Set<Integer> expected = new HashSet<>();
            for (List<List<Integer>> mine : sent) {
                expected.addAll(mine.get(ch));
            }
            String name = ch == 0 ? "A" : "B";
            assertThat(new HashSet<>(all)).as("values received from %s", name).hasSameSizeAs(all).isEqualTo(expected);
            for (int c = 0; c < run.consumers(); c++) {
                assertInOrderPerProducer(byConsumer.get(c), "consumer " + c + " on " + name);
            }
        }
        int total = 0;
        for (List<List<Integer>> mine : sent) {
            total += mine.get(0).size() + mine.get(1).size();
        }
        assertThat(total).as("values sent").isEqualTo(run.producers() * run.messages());
    }

    /** Adds a received value to {@code into}; returns whether there was one (else: closed). */
    private static boolean record(ReceiveResult<Integer> r, List<Integer> into) {
        if (r instanceof ReceiveResult.Value<Integer>(Integer v)) {
            into.add(v);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    private static void assertInOrderPerProducer(List<Integer> values, String who) {
        Map<Integer, Integer> last = new HashMap<>();
        for (int v : values) {
            Integer before = last.put(v / 1_000, v);
            if (before != null) {
                assertThat(v).as("%s: value after %d from the same producer", who, before).isGreaterThan(before);
            }
        }
    }

    private static List<Integer> sequence(int producer, int n) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(producer * 1_000 + i);
        }
        return s;
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static Channel<Integer> channel(int capacity) {
        return capacity == Integer.MAX_VALUE ? Channel.unlimited() : Channel.buffered(capacity);
    }

    private static void close(Channel<Integer> ch, Throwable error) {
        if (error == null) {
            ch.close();
        } else {
            ch.closeWithError(error);
        }
    }

    /** A blocking body whose failures are collected instead of lost on a virtual thread. */
    interface Body {
        void run() throws Exception;
    }

    private static Runnable guarded(ConcurrentLinkedQueue<Throwable> failures, Body body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        };
    }

    /** Joins every thread within {@link #BOUND}; a thread still alive is a thread left blocked. */
    private static void joinAll(List<Thread> threads, String role) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!t.join(Duration.ofNanos(left))) {
                    StringBuilder trace = new StringBuilder();
                    for (StackTraceElement e : t.getStackTrace()) {
                        trace.append("\n\tat ").append(e);
                    }
                    throw new AssertionError(role + " " + i + " still blocked after " + BOUND + trace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while joining " + role + "s", e);
            }
        }
    }
}
