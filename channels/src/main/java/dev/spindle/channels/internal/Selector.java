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
 * <p>Invariant: exactly one clause fires. A channel operation happens only while holding that
 * channel's lock and after winning the parker's CAS (or, in step 2, with no parker yet), so an
 * unchosen clause never takes or leaves a value.
 */
public final class Selector {
    private static final Object NOT_READY = new Object();
    private static final Object CONTEXT_DONE = new Object();

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
        return run(clauses, m, fallback, timeout);
    }

    private static <R> R run(Clause<? extends R>[] clauses, int m, Clause<? extends R> fallback,
            Clause<? extends R> timeout) throws InterruptedException {
        GoChannel<?>[] locks = lockOrder(clauses, m);
        Clause<? extends R> chosen = null;
        Object result = null;
        Parker parker = null;
        Waiter[] nodes = null;
        lockAll(locks);
        try {
            for (int i = 0; i < m; i++) {
                Object r = poll(clauses[i]);
                if (r != NOT_READY) {
                    chosen = clauses[i];
                    result = r;
                    break;
                }
            }
            if (chosen == null && fallback == null && (timeout == null || timeout.timeoutNanos > 0)) {
                parker = new Parker(Thread.currentThread());
                nodes = enqueue(parker, clauses, m);
            }
        } finally {
            unlockAll(locks);
        }
        if (chosen != null) {
            return chosen.fire(complete(chosen, result));
        }
        if (parker == null) {
            return (fallback != null ? fallback : timeout).fire(null);
        }
        return await(parker, clauses, m, nodes, timeout);
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

    /** After unlocking: completes a counterpart found by {@link #poll}, returning the clause result. */
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
        return r;
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

    private static <R> R await(Parker parker, Clause<? extends R>[] clauses, int m, Waiter[] nodes,
            Clause<? extends R> timeout) throws InterruptedException {
        Context.Registration[] callbacks = new Context.Registration[m];
        int outcome;
        try {
            try {
                registerContexts(parker, clauses, m, callbacks);
            } catch (RuntimeException | Error e) {
                if (parker.tryCancel()) {
                    removeWaiters(nodes, clauses, -1);
                    throw e; // nothing happened; the caller sees why
                }
                // a clause fired meanwhile: carry on and report it
            }
            boolean timed = timeout != null;
            long deadline = timed ? System.nanoTime() + timeout.timeoutNanos : 0;
            outcome = parker.park(deadline, timed, null, Parker.SPINS);
            if (outcome < 0) {
                if (parker.tryCancel()) {
                    removeWaiters(nodes, clauses, -1);
                    if (outcome == Parker.STOP_INTERRUPTED) {
                        throw new InterruptedException("interrupted while waiting in select");
                    }
                    return timeout.fire(null);
                }
                int stop = outcome;
                outcome = parker.awaitClaimed();
                if (stop == Parker.STOP_INTERRUPTED) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            for (Context.Registration r : callbacks) {
                if (r != null) {
                    r.remove();
                }
            }
        }
        int selected = parker.selected;
        removeWaiters(nodes, clauses, selected);
        Clause<? extends R> chosen = clauses[selected];
        Object result = !chosen.isChannelOp() ? CONTEXT_DONE
                : outcome == Parker.CLOSED ? GoChannel.CLOSED
                : chosen.isReceive() ? parker.item : GoChannel.SENT;
        return chosen.fire(result);
    }

    private static void registerContexts(Parker parker, Clause<?>[] clauses, int m,
            Context.Registration[] callbacks) {
        for (int i = 0; i < m; i++) {
            if (clauses[i].kind == Clause.Kind.DONE) {
                int index = i;
                callbacks[i] = clauses[i].ctx.onDone(() -> {
                    if (parker.tryClaim()) {
                        parker.finish(index, null, Parker.DONE);
                    }
                });
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

    private static void lockAll(GoChannel<?>[] locks) {
        for (GoChannel<?> ch : locks) {
            ch.lock.lock();
        }
    }

    private static void unlockAll(GoChannel<?>[] locks) {
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
