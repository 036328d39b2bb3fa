package dev.spindle.channels;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long stress run, only with {@code SPINDLE_STRESS=1} (length in seconds from
 * {@code SPINDLE_STRESS_SECONDS}, default 120). Rounds of fresh channels of mixed kinds (unbuffered,
 * buffered 1, 2 and 16, unlimited) and many virtual threads that send, receive, try, time out,
 * select over several channels (send and receive clauses, timeouts, {@code onDone}, defaults),
 * interrupt each other and cancel each other's contexts, while the round's end closes every channel
 * (some with an error) under their feet.
 *
 * <p>Every operation's outcome says whether a value moved: a send that returned (or a select whose
 * send clause fired) sent it; one that returned {@code false} or threw (interrupted, cancelled,
 * closed) did not. After each round the test drains the channels and checks conservation: the
 * values received, by the workers and by the drain, are exactly the values whose send reported
 * success, none twice; per receiver, each sender's values on one channel arrive in the order sent;
 * and every worker ends within {@link #JOIN_BOUND} of the close (no thread left blocked).
 */
@EnabledIfEnvironmentVariable(named = "SPINDLE_STRESS", matches = "1")
class ChannelStressTest {
    private static final Duration JOIN_BOUND = Duration.ofSeconds(10);
    /** A value is {@code sender << SEQ_BITS | seq}; sender 0 is never used, so no value is 0. */
    private static final int SEQ_BITS = 20;
    private static final IllegalStateException CLOSE_ERROR = new IllegalStateException("closed by the stress round");

    @Test
    void mixedOperationsConserveEveryValue() throws InterruptedException {
        long seconds = Long.parseLong(System.getenv().getOrDefault("SPINDLE_STRESS_SECONDS", "120"));
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long rounds = 0;
        Totals totals = new Totals();
        while (System.nanoTime() < end) {
            new Round(ThreadLocalRandom.current()).run(totals);
            rounds++;
        }
        System.out.printf("ChannelStressTest: %d rounds in %d s; %s%n", rounds, seconds, totals);
        assertThat(rounds).isPositive();
        assertThat(totals.received.get()).as("values received over the run").isPositive();
        assertThat(totals.selectsFired.get()).as("selects that fired a channel clause").isPositive();
        assertThat(totals.interrupted.get()).as("calls ended by an interrupt").isPositive();
        assertThat(totals.cancelled.get()).as("calls ended by a cancelled context").isPositive();
        assertThat(totals.closedSeen.get()).as("calls that saw a closed channel").isPositive();
    }

    /** Counters over the whole run, to show that each kind of outcome actually happened. */
    static final class Totals {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong selectsFired = new AtomicLong();
        final AtomicLong interrupted = new AtomicLong();
        final AtomicLong cancelled = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong closedSeen = new AtomicLong();

        @Override
        public String toString() {
            return "sent " + sent + ", received " + received + ", selects fired " + selectsFired
                    + ", interrupted " + interrupted + ", cancelled " + cancelled + ", timed out " + timedOut
                    + ", closed seen " + closedSeen;
        }
    }

    /** One round: fresh channels, fresh workers, a close at the end, then the checks. */
    static final class Round {
        final List<Channel<Integer>> channels = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final int workers;
        final long activeNanos;
        final CancellableContext root = Context.background().withCancel();
        /** Each worker's current context; others cancel it, and the worker replaces a done one. */
        final AtomicReferenceArray<CancellableContext> contexts;
        final Thread[] threads;
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        volatile boolean over;

        Round(ThreadLocalRandom random) {
            int n = random.nextInt(1, 5);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> add("unbuffered", Channel.unbuffered());
                    case 1 -> add("buffered(1)", Channel.buffered(1));
                    case 2 -> add("buffered(2)", Channel.buffered(2));
                    case 3 -> add("buffered(16)", Channel.buffered(16));
                    default -> add("unlimited", Channel.unlimited());
                }
            }
            workers = random.nextInt(2, 25);
            activeNanos = Duration.ofMillis(random.nextInt(1, 30)).toNanos();
            contexts = new AtomicReferenceArray<>(workers);
            threads = new Thread[workers];
        }

        private void add(String kind, Channel<Integer> ch) {
            kinds.add(kind);
            channels.add(ch);
        }

        void run(Totals totals) throws InterruptedException {
            Worker[] ws = new Worker[workers];
            for (int w = 0; w < workers; w++) {
                contexts.set(w, root.withCancel());
                ws[w] = new Worker(this, w, totals);
                threads[w] = Thread.ofVirtual().name("stress-worker-" + w).unstarted(ws[w]);
            }
            for (Thread t : threads) {
                t.start();
            }
            // the round's length is part of the random schedule, not a wait for an event
            LockSupport.parkNanos(activeNanos);

            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            boolean[] withError = new boolean[channels.size()];
            for (int i : order) {
                withError[i] = random.nextInt(3) == 0;
            }
            // a broken channel can loop forever under its lock: close and drain on bounded threads
            bounded("closing the channels", () -> {
                for (int i : order) {
                    boolean closedNow = withError[i] ? channels.get(i).closeWithError(CLOSE_ERROR) : channels.get(i).close();
                    assertThat(closedNow).as("the round's close of channel %d", i).isTrue();
                }
            });
            over = true;
            root.cancel();
            joinAll();
            assertThat(failures).as("unexpected failures in workers, round %s", this).isEmpty();

            // drain what is still buffered, in order, as one more receiver
            List<Long> drained = new ArrayList<>();
            bounded("draining the channels", () -> drain(withError, drained));

            // conservation: received (by workers and by the drain) == accepted, nothing twice
            Set<Long> accepted = new HashSet<>();
            List<List<Long>> receivedBy = new ArrayList<>();
            for (Worker w : ws) {
                for (long e : w.accepted) {
                    assertThat(accepted.add(e)).as("value %s accepted twice", describe(e)).isTrue();
                }
                receivedBy.add(w.received);
            }
            receivedBy.add(drained);
            Set<Long> received = new HashSet<>();
            for (int r = 0; r < receivedBy.size(); r++) {
                for (long e : receivedBy.get(r)) {
                    if (!received.add(e)) {
                        throw new AssertionError("value " + describe(e) + " received twice; round " + this);
                    }
                }
                assertInOrderPerSender(receivedBy.get(r), r == workers ? "the drain" : "worker " + r);
            }
            Set<Long> lost = new HashSet<>(accepted);
            lost.removeAll(received);
            Set<Long> invented = new HashSet<>(received);
            invented.removeAll(accepted);
            assertThat(lost).as("values accepted but never received; round %s", this).isEmpty();
            assertThat(invented).as("values received but never accepted; round %s", this).isEmpty();
            totals.sent.addAndGet(accepted.size());
            totals.received.addAndGet(received.size());
        }

        /** Receives what is still buffered, in order, as one more receiver; then checks each channel is closed. */
        private void drain(boolean[] withError, List<Long> drained) {
            for (int c = 0; c < channels.size(); c++) {
                Channel<Integer> ch = channels.get(c);
                while (true) {
                    try {
                        Optional<Integer> v = ch.tryReceive();
                        assertThat(v).as("a closed channel's tryReceive: a value or closed, never empty").isPresent();
                        drained.add(entry(c, v.get()));
                    } catch (ChannelClosedException e) {
                        if (withError[c]) {
                            assertThat(e).hasCause(CLOSE_ERROR);
                        } else {
                            assertThat(e).hasNoCause();
                        }
                        break;
                    }
                }
                assertThat(ch.isClosedForReceive()).isTrue();
                assertThat(ch.len()).isZero();
            }
        }

        /** Runs {@code body} on its own thread and fails, with that thread's stack, if it takes over {@link #JOIN_BOUND}. */
        private void bounded(String what, Runnable body) throws InterruptedException {
            ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
            Thread t = Thread.ofVirtual().name("stress-" + what).start(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            if (!t.join(JOIN_BOUND)) {
                throw new AssertionError(what + " took over " + JOIN_BOUND + "; round " + this + stack(t));
            }
            if (!thrown.isEmpty()) {
                throw new AssertionError(what + " failed; round " + this, thrown.peek());
            }
        }

        private void joinAll() throws InterruptedException {
            long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
            for (int i = 0; i < threads.length; i++) {
                Thread t = threads[i];
                long left = Math.max(1, deadline - System.nanoTime());
                if (!t.join(Duration.ofNanos(left))) {
                    throw new AssertionError("worker " + i + " still blocked " + JOIN_BOUND
                            + " after every channel was closed; round " + this + stack(t));
                }
            }
        }

        @Override
        public String toString() {
            return kinds + ", " + workers + " workers, " + activeNanos / 1_000_000 + " ms";
        }
    }

    /** One worker: random operations until the round is over. Its lists are read after it is joined. */
    static final class Worker implements Runnable {
        final Round round;
        final int id;
        final Totals totals;
        /** (channel, value) entries whose send reported success. */
        final List<Long> accepted = new ArrayList<>();
        /** (channel, value) entries received, in order. */
        final List<Long> received = new ArrayList<>();
        int seq;

        Worker(Round round, int id, Totals totals) {
            this.round = round;
            this.id = id;
            this.totals = totals;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try {
                while (!round.over) {
                    try {
                        step(random);
                    } catch (InterruptedException e) {
                        totals.interrupted.incrementAndGet();
                    } catch (CancelledException e) {
                        totals.cancelled.incrementAndGet();
                    } catch (ChannelClosedException e) {
                        totals.closedSeen.incrementAndGet();
                        if (e.getCause() != null && e.getCause() != CLOSE_ERROR) {
                            throw new AssertionError("a close error that the round did not use", e);
                        }
                    }
                }
            } catch (Throwable t) {
                round.failures.add(new AssertionError("worker " + id + " failed", t));
            }
        }

        private int nextValue() {
            int v = (id + 1) << SEQ_BITS | seq++;
            if (seq >= 1 << SEQ_BITS) {
                throw new IllegalStateException("too many values in one round");
            }
            return v;
        }

        /** The worker's context, replaced by a fresh child of the round's root once cancelled. */
        private Context context() {
            CancellableContext ctx = round.contexts.get(id);
            if (ctx.isDone() && !round.root.isDone()) {
                CancellableContext fresh = round.root.withCancel();
                if (round.contexts.compareAndSet(id, ctx, fresh)) {
                    return fresh;
                }
                fresh.cancel();
                return round.contexts.get(id);
            }
            return ctx;
        }

        private Duration shortTimeout(ThreadLocalRandom random) {
            return Duration.ofNanos(random.nextLong(0, 2_000_000));
        }

        private void sent(int c, int v) {
            accepted.add(entry(c, v));
        }

        private void got(int c, int v) {
            received.add(entry(c, v));
        }

        private void step(ThreadLocalRandom random) throws InterruptedException {
            int c = random.nextInt(round.channels.size());
            Channel<Integer> ch = round.channels.get(c);
            switch (random.nextInt(18)) {
                case 0 -> {
                    int v = nextValue();
                    ch.send(v);
                    sent(c, v);
                }
                case 1 -> {
                    int v = nextValue();
                    ch.send(v, context());
                    sent(c, v);
                }
                case 2 -> {
                    int v = nextValue();
                    if (!ch.sendOrClosed(v).isClosed()) {
                        sent(c, v);
                    } else {
                        totals.closedSeen.incrementAndGet();
                    }
                }
                case 3 -> {
                    int v = nextValue();
                    if (ch.trySend(v)) {
                        sent(c, v);
                    }
                }
                case 4 -> {
                    int v = nextValue();
                    if (ch.trySend(v, shortTimeout(random))) {
                        sent(c, v);
                    } else {
                        totals.timedOut.incrementAndGet();
                    }
                }
                case 5 -> got(c, ch.receive());
                case 6 -> got(c, ch.receive(context()));
                case 7 -> {
                    if (ch.receiveOrClosed() instanceof ReceiveResult.Value<Integer>(Integer v)) {
                        got(c, v);
                    } else {
                        totals.closedSeen.incrementAndGet();
                    }
                }
                case 8 -> ch.tryReceive().ifPresent(v -> got(c, v));
                case 9 -> {
                    Optional<Integer> v = ch.tryReceive(shortTimeout(random));
                    if (v.isPresent()) {
                        got(c, v.get());
                    } else {
                        totals.timedOut.incrementAndGet();
                    }
                }
                case 10 -> {
                    // a deadline context: cancellation by the timer thread instead of a peer
                    try (CancellableContext deadline = context().withTimeout(shortTimeout(random))) {
                        if (random.nextBoolean()) {
                            int v = nextValue();
                            ch.send(v, deadline);
                            sent(c, v);
                        } else {
                            got(c, ch.receive(deadline));
                        }
                    }
                }
                case 11, 12, 13, 14 -> select(random);
                case 15 -> {
                    Thread victim = round.threads[random.nextInt(round.workers)];
                    victim.interrupt();
                }
                case 16 -> round.contexts.get(random.nextInt(round.workers)).cancel();
                default -> {
                    Thread.yield();
                }
            }
        }

        /** A select over 1 to 4 channel clauses, sometimes with a timeout, an onDone or a default. */
        private void select(ThreadLocalRandom random) throws InterruptedException {
            List<SelectClause<Runnable>> clauses = new ArrayList<>();
            int n = random.nextInt(1, 5);
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(round.channels.size());
                Channel<Integer> ch = round.channels.get(c);
                if (random.nextBoolean()) {
                    int v = nextValue();
                    clauses.add(ch.onSend(v, () -> () -> sent(c, v)));
                } else if (random.nextBoolean()) {
                    clauses.add(ch.onReceive(v -> () -> got(c, v)));
                } else {
                    clauses.add(ch.onReceiveOrClosed(r -> () -> {
                        if (r instanceof ReceiveResult.Value<Integer>(Integer v)) {
                            got(c, v);
                        } else {
                            totals.closedSeen.incrementAndGet();
                        }
                    }));
                }
            }
            boolean[] channelClauseFired = {true};
            switch (random.nextInt(5)) {
                case 0 -> clauses.add(Select.onTimeout(shortTimeout(random), () -> () -> {
                    channelClauseFired[0] = false;
                    totals.timedOut.incrementAndGet();
                }));
                case 1 -> clauses.add(Select.onDone(context(), () -> () -> {
                    channelClauseFired[0] = false;
                    totals.cancelled.incrementAndGet();
                }));
                case 2 -> clauses.add(Select.onDefault(() -> () -> channelClauseFired[0] = false));
                default -> {
                    // channel clauses only: waits until one fires, an interrupt, or the close
                }
            }
            Runnable then = random.nextInt(4) == 0 ? Select.selectInOrder(array(clauses))
                    : Select.select(clauses);
            then.run();
            if (channelClauseFired[0]) {
                totals.selectsFired.incrementAndGet();
            }
        }
    }

    static String stack(Thread t) {
        StringBuilder trace = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            trace.append("\n\tat ").append(e);
        }
        return trace.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array for the varargs selectInOrder
    private static SelectClause<Runnable>[] array(List<SelectClause<Runnable>> clauses) {
        return clauses.toArray(new SelectClause[0]);
    }

    /** A (channel, value) pair as one long. */
    static long entry(int channel, int value) {
        return (long) channel << 32 | value;
    }

    static String describe(long entry) {
        int value = (int) entry;
        return "channel " + (entry >>> 32) + " sender " + ((value >>> SEQ_BITS) - 1) + " seq "
                + (value & ((1 << SEQ_BITS) - 1));
    }

    /** Within one receiver, each sender's values on one channel are received in the order sent. */
    static void assertInOrderPerSender(List<Long> entries, String who) {
        Map<Long, Long> last = new HashMap<>();
        for (long e : entries) {
            long key = e >>> SEQ_BITS; // channel and sender
            Long before = last.put(key, e);
            if (before != null && before >= e) {
                throw new AssertionError(who + " received " + describe(e) + " after " + describe(before));
            }
        }
    }
}
