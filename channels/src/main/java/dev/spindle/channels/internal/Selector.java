package dev.spindle.channels.internal;

import dev.spindle.channels.SelectClause;
import dev.spindle.core.Context;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The select engine.
 *
 * <h2>Algorithm</h2>
 * Go's {@code selectgo} ({@code src/runtime/select.go}):
 * <ol>
 *   <li>Put the enabled channel and context clauses in a uniformly random order (the poll order),
 *       and lock every distinct channel in ascending {@link GoChannel#id} (the lock order, which
 *       rules out deadlock between selects).</li>
 *   <li>With all locks held, poll the clauses in poll order and perform the first ready one. All
 *       channels are locked at once, so "no clause was ready" is true at one instant, which makes a
 *       select with a default linearizable.</li>
 *   <li>If none is ready: run the default if there is one (or a timeout of zero). Otherwise, still
 *       holding the locks, queue one {@link Waiter} per channel clause, all sharing one
 *       {@link Parker}; unlock; register context callbacks; park until the deadline.</li>
 *   <li>The first counterpart (a sender, receiver or closer on one of the channels, or a context
 *       callback) to win the parker's claim CAS completes the select; the others find the parker
 *       taken and drop their waiters. A timeout or interrupt tries to cancel the parker instead;
 *       losing that race means a clause fired, and the select returns it (re-asserting the
 *       interrupt). Finally the select removes its remaining waiters, channel by channel.</li>
 * </ol>
 * Differences from Go: timeouts are deadlines on the parked thread (no timer, no thread per call);
 * context completion is a clause; waking happens after unlocking; an ordered mode polls in argument
 * order instead of a random one.
 *
 * <h2>Ring channels</h2>
 * A {@link RingChannel}'s values move without its lock, so holding the lock does not hold its state
 * still. Three additions keep the guarantees above:
 * <ul>
 *   <li><b>Default and zero timeouts</b> (double collect): the sum of the rings'
 *       {@link Ring#version() versions} is read before and after a pass that found nothing ready; if
 *       it did not change, no ring changed in between, so every clause was not ready at one instant.
 *       Otherwise the pass runs again.</li>
 *   <li><b>Queueing</b> (Dekker): after queueing its waiters (which publishes each ring's waiting
 *       count) the select tries its ring clauses once more; a value or room that arrived before the
 *       count was visible is taken then. Nobody can claim the parker meanwhile: every claimer needs a
 *       lock the select holds.</li>
 *   <li><b>Woken ring clauses</b> are told to try again, not handed a value: the select tries the
 *       ring once, and if another call got there first, selects again from the start.</li>
 *   <li><b>Ordered selects</b> freeze their rings ({@link Ring#freeze()}) while they hold the locks,
 *       so "the earliest clause ready" is decided at one instant, as with Go's locks. Random selects
 *       do not: their pass may meet rings at different instants, which is still "one of the clauses
 *       ready when it was taken", and it never stops the rings' senders and receivers.</li>
 * </ul>
 *
 * <p>Invariant: exactly one clause fires. A channel operation happens only while holding that
 * channel's lock and after winning the parker's CAS (or, in step 2, with no parker yet), or, for a
 * ring clause, as one claim on the ring by the select that owns the clause; so an unchosen clause
 * never takes or leaves a value.
 */
public final class Selector {
    private static final Object NOT_READY = new Object();
    private static final Object CONTEXT_DONE = new Object();
    /** {@link #await}: the deadline passed and the select was withdrawn. */
    private static final Object TIMED_OUT = new Object();
    /** {@link #await}: a ring channel's clause was woken, but its value or room was gone; select again. */
    private static final Object RETRY = new Object();

    private Selector() {
    }

    /**
     * Runs a select.
     *
     * @param given the clauses as passed by the user
     * @param random whether ready clauses are chosen at random (Go) or in argument order
     * @param <R> the result type
     * @return what the chosen clause returned
     * @throws InterruptedException if interrupted while waiting and no clause fired
     */
    @SuppressWarnings("unchecked")
    public static <R> R select(SelectClause<? extends R>[] given, boolean random) throws InterruptedException {
        Objects.requireNonNull(given, "select: clauses is null");
        Clause<? extends R>[] clauses = (Clause<? extends R>[]) new Clause<?>[given.length];
        int m = 0;
        Clause<? extends R> fallback = null;
        Clause<? extends R> timeout = null;
        for (int i = 0; i < given.length; i++) {
            Clause<? extends R> c = (Clause<? extends R>) given[i];
            if (c == null) {
                throw new NullPointerException("select: clause " + i + " is null");
            }
            if (!c.enabled) {
                continue;
            }
            switch (c.kind) {
                case DEFAULT -> {
                    if (fallback != null) {
                        throw new IllegalArgumentException("select: more than one onDefault clause");
                    }
                    fallback = c;
                }
                case TIMEOUT -> timeout = timeout == null || c.timeoutNanos < timeout.timeoutNanos ? c : timeout;
                default -> clauses[m++] = c;
            }
        }
        if (random) {
            shuffle(clauses, m);
        }
        return run(clauses, m, fallback, timeout, !random);
    }

    private static <R> R run(Clause<? extends R>[] clauses, int m, Clause<? extends R> fallback,
            Clause<? extends R> timeout, boolean ordered) throws InterruptedException {
        GoChannel<?>[] locks = lockOrder(clauses, m);
        boolean rings = hasRing(clauses, m);
        boolean freeze = ordered && rings && m > 1;
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.timeoutNanos;
        boolean immediate = fallback != null || timeout != null && timeout.timeoutNanos <= 0;
        while (true) {
            int chosen = -1;
            Object result = null;
            Parker parker = null;
            Waiter[] nodes = null;
            lockAll(locks, freeze);
            try {
                long version = rings ? versions(clauses, m) : 0;
                while (true) {
                    for (int i = 0; i < m && chosen < 0; i++) {
                        Object r = poll(clauses[i]);
                        if (r != NOT_READY) {
                            chosen = i;
                            result = r;
                        }
                    }
                    if (chosen >= 0 || !rings || !immediate) {
                        break;
                    }
                    long again = versions(clauses, m);
                    if (again == version) {
                        break; // no ring changed since before the pass: none was ready at one instant
                    }
                    version = again;
                }
                if (chosen < 0 && !immediate) {
                    parker = new Parker(Thread.currentThread());
                    nodes = enqueue(parker, clauses, m);
                    if (rings) {
                        for (int i = 0; i < m && chosen < 0; i++) {
                            // the Dekker re-check: the rings were tried before our waiters were visible
                            Object r = clauses[i].channel instanceof RingChannel<?> ? poll(clauses[i]) : NOT_READY;
                            if (r != NOT_READY) {
                                chosen = i;
                                result = r;
                                parker = null; // nobody could claim it: we hold every lock it is queued under
                                removeWaitersLocked(nodes, clauses);
                            }
                        }
                    }
                }
            } finally {
                unlockAll(locks, freeze);
            }
            if (chosen >= 0) {
                Clause<? extends R> c = clauses[chosen];
                return c.fire(complete(c, result));
            }
            if (parker == null) {
                return (fallback != null ? fallback : timeout).fire(null);
            }
            Object outcome = await(parker, clauses, m, nodes, timeout, deadline);
            if (outcome != RETRY) {
                return outcome == TIMED_OUT ? timeout.fire(null) : fire(clauses[parker.selected], outcome);
            }
            immediate = timeout != null && deadline - System.nanoTime() <= 0;
        }
    }

    private static <R> R fire(Clause<? extends R> c, Object result) {
        return c.fire(result);
    }

    /** Under all locks: performs {@code c} if it is ready, returning its raw result. */
    private static Object poll(Clause<?> c) {
        return switch (c.kind) {
            case RECEIVE, RECEIVE_OR_CLOSED -> {
                Object r = c.channel.pollLocked();
                yield r == GoChannel.EMPTY ? NOT_READY : r;
            }
            case SEND -> {
                Object r = c.channel.offerLocked(c.value);
                yield r == GoChannel.FULL ? NOT_READY : r;
            }
            case DONE -> c.ctx.isDone() ? CONTEXT_DONE : NOT_READY;
            default -> throw new IllegalStateException("not a polled clause: " + c);
        };
    }

    /**
     * After unlocking: completes a counterpart found by {@link #poll} (or wakes a ring channel's
     * waiter), returning the clause result.
     */
    private static Object complete(Clause<?> c, Object r) {
        if (r instanceof Waiter w) {
            if (c.isReceive()) {
                Object value = w.offered;
                w.complete(null, Parker.DONE);
                return value;
            }
            w.complete(c.value, Parker.DONE);
            return GoChannel.SENT;
        }
        if (c.channel instanceof RingChannel<?> ring && r != GoChannel.CLOSED) {
            if (c.isReceive()) {
                ring.afterSelectTake();
            } else {
                ring.afterSelectPut();
            }
        }
        return r;
    }

    /** The sum of the ring channels' versions: it changes whenever any of them does. */
    private static long versions(Clause<?>[] clauses, int m) {
        long sum = 0;
        for (int i = 0; i < m; i++) {
            if (clauses[i].channel instanceof RingChannel<?> ring) {
                sum += ring.version();
            }
        }
        return sum;
    }

    private static boolean hasRing(Clause<?>[] clauses, int m) {
        for (int i = 0; i < m; i++) {
            if (clauses[i].channel instanceof RingChannel<?>) {
                return true;
            }
        }
        return false;
    }

    private static Waiter[] enqueue(Parker parker, Clause<?>[] clauses, int m) {
        Waiter[] nodes = new Waiter[m];
        for (int i = 0; i < m; i++) {
            Clause<?> c = clauses[i];
            if (!c.isChannelOp()) {
                continue;
            }
            Waiter w = new Waiter(parker, i, c.value);
            if (c.isReceive()) {
                c.channel.enqueueReceiver(w);
            } else {
                c.channel.enqueueSender(w);
            }
            nodes[i] = w;
        }
        return nodes;
    }

    /**
     * Parks until a clause fires, the deadline passes or the thread is interrupted.
     *
     * @return the chosen clause's raw result ({@link Parker#selected} names it), {@link #TIMED_OUT},
     *     or {@link #RETRY} when a ring channel's clause was woken but another call took its value or
     *     room first
     */
    private static Object await(Parker parker, Clause<?>[] clauses, int m, Waiter[] nodes,
            Clause<?> timeout, long deadline) throws InterruptedException {
        Context.Registration[] callbacks = null;
        int outcome;
        try {
            try {
                callbacks = registerContexts(parker, clauses, m);
            } catch (RuntimeException | Error e) {
                if (parker.tryCancel()) {
                    removeWaiters(nodes, clauses, -1);
                    throw e; // nothing happened; the caller sees why
                }
                // a clause fired meanwhile: carry on and report it
            }
            outcome = parker.park(deadline, timeout != null, null, Parker.SPINS);
            if (outcome < 0) {
                if (parker.tryCancel()) {
                    removeWaiters(nodes, clauses, -1);
                    if (outcome == Parker.STOP_INTERRUPTED) {
                        throw new InterruptedException("interrupted while waiting in select");
                    }
                    return TIMED_OUT;
                }
                int stop = outcome;
                outcome = parker.awaitClaimed();
                if (stop == Parker.STOP_INTERRUPTED) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            if (callbacks != null) {
                for (Context.Registration r : callbacks) {
                    if (r != null) {
                        r.remove();
                    }
                }
            }
        }
        int selected = parker.selected;
        removeWaiters(nodes, clauses, selected);
        Clause<?> chosen = clauses[selected];
        if (!chosen.isChannelOp()) {
            return CONTEXT_DONE;
        }
        if (chosen.channel.notifies()) {
            // woken to try again (or the channel closed): a receive drains before it reports closed
            Object r = chosen.isReceive() ? chosen.channel.receiveCore(0, null)
                    : outcome == Parker.CLOSED ? GoChannel.CLOSED
                    : chosen.channel.sendCore(chosen.value, 0, null);
            return r == GoChannel.EMPTY || r == GoChannel.FULL ? RETRY : r;
        }
        return outcome == Parker.CLOSED ? GoChannel.CLOSED
                : chosen.isReceive() ? parker.item : GoChannel.SENT;
    }

    /** Registers a callback per context clause; {@code null} if there is none. */
    private static Context.Registration[] registerContexts(Parker parker, Clause<?>[] clauses, int m) {
        Context.Registration[] callbacks = null;
        for (int i = 0; i < m; i++) {
            if (clauses[i].kind == Clause.Kind.DONE) {
                if (callbacks == null) {
                    callbacks = new Context.Registration[m];
                }
                int index = i;
                callbacks[i] = clauses[i].ctx.onDone(() -> {
                    if (parker.tryClaim()) {
                        parker.finish(index, null, Parker.DONE);
                    }
                });
            }
        }
        return callbacks;
    }

    /** Under the locks of every channel: removes all of a select's waiters. */
    private static void removeWaitersLocked(Waiter[] nodes, Clause<?>[] clauses) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                clauses[i].channel.dequeueLocked(nodes[i]);
            }
        }
    }

    private static void removeWaiters(Waiter[] nodes, Clause<?>[] clauses, int except) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && i != except) {
                clauses[i].channel.dequeue(nodes[i]);
            }
        }
    }

    /** The distinct channels of the clauses, in ascending id. */
    private static GoChannel<?>[] lockOrder(Clause<?>[] clauses, int m) {
        GoChannel<?>[] order = new GoChannel<?>[m];
        int n = 0;
        for (int i = 0; i < m; i++) {
            GoChannel<?> ch = clauses[i].channel;
            if (ch == null) {
                continue;
            }
            int j = n;
            while (j > 0 && order[j - 1].id > ch.id) {
                j--;
            }
            if (j > 0 && order[j - 1] == ch) {
                continue; // already listed
            }
            System.arraycopy(order, j, order, j + 1, n - j);
            order[j] = ch;
            n++;
        }
        return n == m ? order : Arrays.copyOf(order, n);
    }

    /** Locks every channel in order; with {@code freeze}, also freezes the rings (see {@link Ring#freeze()}). */
    private static void lockAll(GoChannel<?>[] locks, boolean freeze) {
        for (GoChannel<?> ch : locks) {
            ch.lock.lock();
        }
        if (freeze) {
            for (GoChannel<?> ch : locks) {
                if (ch instanceof RingChannel<?> ring) {
                    ring.freezeLocked();
                }
            }
        }
    }

    private static void unlockAll(GoChannel<?>[] locks, boolean freeze) {
        if (freeze) {
            for (GoChannel<?> ch : locks) {
                if (ch instanceof RingChannel<?> ring) {
                    ring.thawLocked();
                }
            }
        }
        for (int i = locks.length - 1; i >= 0; i--) {
            locks[i].lock.unlock();
        }
    }

    private static void shuffle(Object[] a, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Object t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
