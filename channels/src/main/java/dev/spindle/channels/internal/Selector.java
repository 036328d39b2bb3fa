package dev.spindle.channels.internal;

import dev.spindle.channels.SelectClause;
import dev.spindle.core.Context;
import dev.spindle.core.TaskDump;
import dev.spindle.core.internal.Waits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The select engine.
 *
 * <h2>Algorithm</h2>
 * Go's {@code selectgo} ({@code src/runtime/select.go}), after a first pass of Spindle's own:
 * <ol start="0">
 *   <li>A random select first tries its clauses one at a time in a uniformly random order, each
 *       under its own channel's lock only, and performs the first one ready. A clause taken this way
 *       was ready at the instant it was taken, and the first ready one in a random order is uniform
 *       over the ready ones, so this is the result the locked pass below would give; it costs one
 *       lock instead of all of them when a clause is ready (measured: a select over 4 buffered
 *       channels went from 1.34x jox's time to 0.43x, docs/benchmarks.md). An ordered select skips it: "the earliest
 *       ready clause" must be decided at one instant, with every lock held.</li>
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
 * <h2>Allocation</h2>
 * A select over at most {@value #MASK_BITS} clauses works on the caller's array: the polled clauses
 * are the bits of one {@code long}, the random poll order is drawn bit by bit (a Fisher-Yates shuffle
 * of the mask, one {@code nextInt} per clause tried), and the channels are locked by repeatedly taking
 * the smallest id above the last one locked. So a select that finds a clause ready allocates nothing;
 * one that waits allocates its {@link Parker} and a {@link Waiter} per channel clause, as Go's
 * {@code sudog}s. Larger selects copy and shuffle their clauses and sort their channels into arrays.
 *
 * <p>Invariant: exactly one clause fires. A channel operation happens only while holding that
 * channel's lock and after winning the parker's CAS (or, in step 2, with no parker yet), or, for a
 * ring clause, as one claim on the ring by the select that owns the clause; so an unchosen clause
 * never takes or leaves a value.
 */
public final class Selector {
    /** Selects over at most this many clauses keep their bookkeeping in a {@code long} bit mask. */
    static final int MASK_BITS = 64;

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
     * @param given the clauses as passed by the user; only read
     * @param random whether ready clauses are chosen at random (Go) or in argument order
     * @param <R> the result type
     * @return what the chosen clause returned
     * @throws InterruptedException if interrupted while waiting and no clause fired
     */
    public static <R> R select(SelectClause<? extends R>[] given, boolean random) throws InterruptedException {
        Objects.requireNonNull(given, "select: clauses is null");
        long mask = 0;
        int m = 0;
        Clause.Default<? extends R> fallback = null;
        Clause.Timeout<? extends R> timeout = null;
        for (int i = 0; i < given.length; i++) {
            Clause<? extends R> c = clause(given, i);
            if (c == null) {
                throw new NullPointerException("select: clause " + i + " is null");
            }
            if (!c.enabled()) {
                continue;
            }
            switch (c) {
                case Clause.Default<? extends R> d -> {
                    if (fallback != null) {
                        throw new IllegalArgumentException("select: more than one onDefault clause");
                    }
                    fallback = d;
                }
                case Clause.Timeout<? extends R> t -> timeout = timeout == null || t.nanos() < timeout.nanos() ? t : timeout;
                case Clause.OnChannel<? extends R> polled -> {
                    m++;
                    mask |= 1L << i; // only read when there are at most MASK_BITS clauses
                }
                case Clause.Done<? extends R> polled -> {
                    m++;
                    mask |= 1L << i;
                }
            }
        }
        if (given.length <= MASK_BITS) {
            return run(given, given.length, mask, m, null, random, !random, fallback, timeout);
        }
        SelectClause<? extends R>[] polled = compact(given, m);
        if (random) {
            shuffle(polled, m);
        }
        return run(polled, m, -1L, m, lockOrder(polled, m), false, !random, fallback, timeout);
    }

    /**
     * The select loop: lock, pass, queue, wait; again when a woken ring clause lost its value.
     *
     * @param clauses the clauses; {@code clauses[i]} is polled when {@link #polled polled(mask, i)}
     * @param n how many clauses there are
     * @param mask the polled clauses as bits; all ones for a large select, whose clauses are all polled
     * @param m how many clauses are polled
     * @param locks for a large select, its distinct channels in ascending id; {@code null} otherwise
     * @param shuffle whether the pass draws a random order (a large select was shuffled beforehand)
     * @param ordered whether the earliest ready clause must win ({@code selectInOrder})
     */
    private static <R> R run(SelectClause<? extends R>[] clauses, int n, long mask, int m, GoChannel<?>[] locks,
            boolean shuffle, boolean ordered, Clause.Default<? extends R> fallback, Clause.Timeout<? extends R> timeout)
            throws InterruptedException {
        if (!ordered) {
            int chosen = -1;
            Object result = NOT_READY;
            ThreadLocalRandom random = shuffle ? ThreadLocalRandom.current() : null;
            long left = mask;
            for (int k = 0; k < m && chosen < 0; k++) {
                int i = pollIndex(k, m, left, locks != null, random);
                left &= ~(1L << i);
                result = pollAlone(clause(clauses, i));
                chosen = result == NOT_READY ? -1 : i;
            }
            if (chosen >= 0) {
                Clause<? extends R> c = clause(clauses, chosen);
                return c.fire(complete(c, result));
            }
        }
        boolean rings = hasRing(clauses, n, mask);
        boolean freeze = ordered && rings && m > 1;
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.nanos();
        boolean immediate = fallback != null || (timeout != null && timeout.nanos() <= 0);
        while (true) {
            int chosen = -1;
            Object result = null;
            Parker parker = null;
            Waiter[] nodes = null;
            lockAll(clauses, n, mask, locks, freeze);
            try {
                long version = rings ? versions(clauses, n, mask) : 0;
                while (true) {
                    ThreadLocalRandom random = shuffle ? ThreadLocalRandom.current() : null;
                    long left = mask;
                    for (int k = 0; k < m && chosen < 0; k++) {
                        int i = pollIndex(k, m, left, locks != null, random);
                        left &= ~(1L << i);
                        Object r = poll(clause(clauses, i));
                        if (r != NOT_READY) {
                            chosen = i;
                            result = r;
                        }
                    }
                    if (chosen >= 0 || !rings || !immediate) {
                        break;
                    }
                    long again = versions(clauses, n, mask);
                    if (again == version) {
                        break; // no ring changed since before the pass: none was ready at one instant
                    }
                    version = again;
                }
                if (chosen < 0 && !immediate) {
                    parker = new SelectParker(Thread.currentThread(), clauses, n, mask);
                    nodes = enqueue(parker, clauses, n, mask);
                    for (int i = 0; i < n && rings && chosen < 0; i++) {
                        // the Dekker re-check: the rings were tried before our waiters were visible
                        Object r = nodes[i] != null && channelOf(clause(clauses, i)).notifies()
                                ? poll(clause(clauses, i)) : NOT_READY;
                        if (r != NOT_READY) {
                            chosen = i;
                            result = r;
                            parker = null; // nobody could claim it: we hold every lock it is queued under
                            removeWaitersLocked(nodes, clauses);
                        }
                    }
                }
            } finally {
                unlockAll(clauses, n, mask, locks, freeze);
            }
            if (chosen >= 0) {
                Clause<? extends R> c = clause(clauses, chosen);
                return c.fire(complete(c, result));
            }
            if (parker == null) {
                return fallback != null ? fallback.fire(null) : timeout.fire(null);
            }
            Object outcome = await(parker, clauses, n, mask, nodes, timeout, deadline);
            if (outcome != RETRY) {
                return outcome == TIMED_OUT ? timeout.fire(null) : clause(clauses, parker.selected).fire(outcome);
            }
            immediate = timeout != null && deadline - System.nanoTime() <= 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> Clause<? extends R> clause(SelectClause<? extends R>[] clauses, int i) {
        return (Clause<? extends R>) clauses[i];
    }

    /** Whether clause {@code i} is polled; {@code mask} all ones means every clause is. */
    private static boolean polled(long mask, int i) {
        return mask == -1L || (mask >>> i & 1) != 0;
    }

    /**
     * The {@code k}-th clause of the poll order: {@code k} itself in a large select (its clauses were
     * shuffled beforehand), else the lowest polled clause not tried yet ({@code left}) or, with
     * {@code random}, a uniformly drawn one of them (one Fisher-Yates step).
     */
    private static int pollIndex(int k, int m, long left, boolean large, ThreadLocalRandom random) {
        return large ? k
                : random == null ? Long.numberOfTrailingZeros(left)
                : nthSetBit(left, random.nextInt(m - k));
    }

    /** The index of the {@code j}-th (from 0) set bit of {@code bits}, which has more than {@code j}. */
    private static int nthSetBit(long bits, int j) {
        for (int k = 0; k < j; k++) {
            bits &= bits - 1;
        }
        return Long.numberOfTrailingZeros(bits);
    }

    /** Under all locks: performs {@code c} if it is ready, returning its raw result. */
    private static Object poll(Clause<?> c) {
        return switch (c) {
            case Clause.OnChannel<?> oc when oc.isReceive() -> {
                Object r = oc.channel().pollLocked();
                yield r == GoChannel.EMPTY ? NOT_READY : r;
            }
            case Clause.OnChannel<?> oc -> {
                Object r = oc.channel().offerLocked(oc.offered());
                yield r == GoChannel.FULL ? NOT_READY : r;
            }
            case Clause.Done<?> d -> d.ctx().isDone() ? CONTEXT_DONE : NOT_READY;
            case Clause.Timeout<?> t -> throw new IllegalStateException("not a polled clause: " + t);
            case Clause.Default<?> d -> throw new IllegalStateException("not a polled clause: " + d);
        };
    }

    /** Whether a select polls clauses of {@code c}'s kind (the others decide what happens when none is ready). */
    private static boolean isPolled(Clause<?> c) {
        return switch (c) {
            case Clause.OnChannel<?> oc -> true;
            case Clause.Done<?> d -> true;
            case Clause.Timeout<?> t -> false;
            case Clause.Default<?> d -> false;
        };
    }

    /** The channel of a channel clause; {@code null} for the other kinds. */
    private static GoChannel<?> channelOf(Clause<?> c) {
        return c instanceof Clause.OnChannel<?> oc ? oc.channel() : null;
    }

    /**
     * The first pass of a random select: performs {@code c} if it is ready, holding only its own
     * channel's lock.
     */
    private static Object pollAlone(Clause<?> c) {
        GoChannel<?> ch = channelOf(c);
        if (ch == null) {
            return poll(c);
        }
        ch.lock.lock();
        try {
            return poll(c);
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * After unlocking: completes a counterpart found by {@link #poll} (or wakes a ring channel's
     * waiter), returning the clause result.
     */
    private static Object complete(Clause<?> c, Object r) {
        if (!(c instanceof Clause.OnChannel<?> oc)) {
            return r; // a context clause: nothing to complete
        }
        if (r instanceof Waiter w) {
            if (oc.isReceive()) {
                Object value = w.offered;
                w.complete(null, Parker.DONE);
                return value;
            }
            w.complete(oc.offered(), Parker.DONE);
            return GoChannel.SENT;
        }
        if (r != GoChannel.CLOSED) {
            if (oc.isReceive()) {
                oc.channel().afterSelectTake();
            } else {
                oc.channel().afterSelectPut();
            }
        }
        return r;
    }

    /** The sum of the channels' versions: it changes whenever a ring channel's state does. */
    private static long versions(SelectClause<?>[] clauses, int n, long mask) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            GoChannel<?> ch = polled(mask, i) ? channelOf(clause(clauses, i)) : null;
            if (ch != null) {
                sum += ch.version();
            }
        }
        return sum;
    }

    /**
     * Whether a clause is on an unbuffered channel: then the select spins as long as a plain waiter
     * there ({@link Parker#SPINS}), since its counterparts do too; see {@link Parker#SELECT_SPINS}.
     */
    private static boolean hasUnbuffered(SelectClause<?>[] clauses, int n, long mask) {
        for (int i = 0; i < n; i++) {
            GoChannel<?> ch = polled(mask, i) ? channelOf(clause(clauses, i)) : null;
            if (ch != null && ch.capacity == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRing(SelectClause<?>[] clauses, int n, long mask) {
        for (int i = 0; i < n; i++) {
            GoChannel<?> ch = polled(mask, i) ? channelOf(clause(clauses, i)) : null;
            if (ch != null && ch.notifies()) {
                return true;
            }
        }
        return false;
    }

    private static Waiter[] enqueue(Parker parker, SelectClause<?>[] clauses, int n, long mask) {
        Waiter[] nodes = new Waiter[n];
        for (int i = 0; i < n; i++) {
            if (!polled(mask, i) || !(clause(clauses, i) instanceof Clause.OnChannel<?> c)) {
                continue;
            }
            Waiter w = new Waiter(parker, i, c.channel(), !c.isReceive(), c.offered());
            if (c.isReceive()) {
                c.channel().enqueueReceiver(w);
            } else {
                c.channel().enqueueSender(w);
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
    private static Object await(Parker parker, SelectClause<?>[] clauses, int n, long mask, Waiter[] nodes,
            Clause.Timeout<?> timeout, long deadline) throws InterruptedException {
        int spun = parker.spin(hasUnbuffered(clauses, n, mask) ? Parker.SPINS : Parker.SELECT_SPINS);
        if (spun >= Parker.DONE) {
            return awaitCore(parker, clauses, n, mask, nodes, timeout, deadline, spun); // no event
        }
        SelectWaitEvent event = new SelectWaitEvent();
        event.begin();
        parker.parking(System.nanoTime(), timeout != null || SelectParker.anyDeadline(clauses, n, mask));
        boolean registered = !Waits.foundByBlocker(); // a group's task is found by its park blocker
        if (registered) {
            Waits.register(parker);
        }
        Object outcome = null;
        boolean interrupted = false;
        try {
            outcome = awaitCore(parker, clauses, n, mask, nodes, timeout, deadline, spun);
            return outcome;
        } catch (InterruptedException e) {
            interrupted = true;
            throw e;
        } finally {
            if (registered) {
                Waits.end(parker);
            }
            event.end();
            if (event.shouldCommit()) {
                event.clauses = describe(clauses, n, mask);
                event.outcome = interrupted ? "interrupted"
                        : outcome == null ? "failed"
                        : outcome == TIMED_OUT ? "timed out"
                        : outcome == RETRY ? "woken, but another call took the value or room first: selecting again"
                        : "clause " + parker.selected + ": " + clause(clauses, parker.selected);
                event.commit();
            }
        }
    }

    /**
     * The parker of a {@code select} that queued on its channels: the thread's park blocker while it
     * waits, which is how the diagnostics see what it waits on.
     */
    private static final class SelectParker extends Parker {
        private final SelectClause<?>[] clauses;
        private final int n;
        private final long mask;

        SelectParker(Thread thread, SelectClause<?>[] clauses, int n, long mask) {
            super(thread);
            this.clauses = clauses;
            this.n = n;
            this.mask = mask;
        }

        static boolean anyDeadline(SelectClause<?>[] clauses, int n, long mask) {
            for (int i = 0; i < n; i++) {
                if (polled(mask, i) && clause(clauses, i) instanceof Clause.Done<?> d && GoChannel.hasDeadline(d.ctx())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public TaskDump.WaitsOn describe() {
            List<String> texts = new ArrayList<>();
            List<TaskDump.ChannelInfo> channels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (polled(mask, i)) {
                    Clause<?> c = clause(clauses, i);
                    texts.add(c.toString());
                    if (c instanceof Clause.OnChannel<?> on) {
                        channels.add(on.channel().info());
                    }
                }
            }
            return new TaskDump.WaitsOn.Select(texts, channels);
        }
    }

    /** The polled clauses, for {@link SelectWaitEvent}. */
    private static String describe(SelectClause<?>[] clauses, int n, long mask) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (polled(mask, i)) {
                b.append(b.isEmpty() ? "" : "; ").append(i).append(": ").append(clause(clauses, i));
            }
        }
        return b.toString();
    }

    /** {@link #await}'s body after the spin, whose result is {@code spun}. */
    private static Object awaitCore(Parker parker, SelectClause<?>[] clauses, int n, long mask, Waiter[] nodes,
            Clause.Timeout<?> timeout, long deadline, int spun) throws InterruptedException {
        Context.Registration[] callbacks = null;
        int outcome = spun; // answered while spinning: no context callback needed
        try {
            if (outcome < Parker.DONE) {
                try {
                    callbacks = registerContexts(parker, clauses, n, mask);
                } catch (RuntimeException | Error e) {
                    if (parker.tryCancel()) {
                        removeWaiters(nodes, clauses, -1);
                        throw e; // nothing happened; the caller sees why
                    }
                    // a clause fired meanwhile: carry on and report it
                }
                outcome = parker.park(deadline, timeout != null, null);
            }
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
        if (!(clause(clauses, selected) instanceof Clause.OnChannel<?> chosen)) {
            return CONTEXT_DONE;
        }
        if (chosen.channel().notifies()) {
            // woken to try again (or the channel closed): a receive drains before it reports closed
            Object r = chosen.isReceive() ? chosen.channel().receiveCore(0, null)
                    : outcome == Parker.CLOSED ? GoChannel.CLOSED
                    : chosen.channel().sendCore(chosen.offered(), 0, null);
            return r == GoChannel.EMPTY || r == GoChannel.FULL ? RETRY : r;
        }
        return outcome == Parker.CLOSED ? GoChannel.CLOSED
                : chosen.isReceive() ? parker.item : GoChannel.SENT;
    }

    /** Registers a callback per context clause; {@code null} if there is none. */
    private static Context.Registration[] registerContexts(Parker parker, SelectClause<?>[] clauses, int n,
            long mask) {
        Context.Registration[] callbacks = null;
        for (int i = 0; i < n; i++) {
            if (polled(mask, i) && clause(clauses, i) instanceof Clause.Done<?> c) {
                if (callbacks == null) {
                    callbacks = new Context.Registration[n];
                }
                int index = i;
                callbacks[i] = c.ctx().onDone(() -> {
                    if (parker.tryClaim()) {
                        parker.finish(index, null, Parker.DONE);
                    }
                });
            }
        }
        return callbacks;
    }

    /** Under the locks of every channel: removes all of a select's waiters. */
    private static void removeWaitersLocked(Waiter[] nodes, SelectClause<?>[] clauses) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                channelOf(clause(clauses, i)).dequeueLocked(nodes[i]);
            }
        }
    }

    private static void removeWaiters(Waiter[] nodes, SelectClause<?>[] clauses, int except) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && i != except) {
                channelOf(clause(clauses, i)).dequeue(nodes[i]);
            }
        }
    }

    /** The enabled clauses that are polled (channel and context clauses), in argument order. */
    @SuppressWarnings("unchecked")
    private static <R> SelectClause<? extends R>[] compact(SelectClause<? extends R>[] given, int m) {
        SelectClause<? extends R>[] polled = (SelectClause<? extends R>[]) new SelectClause<?>[m];
        int k = 0;
        for (int i = 0; i < given.length; i++) {
            Clause<? extends R> c = clause(given, i);
            if (c.enabled() && isPolled(c)) {
                polled[k++] = c;
            }
        }
        return polled;
    }

    /** For a large select: the distinct channels of the clauses, in ascending id. */
    private static GoChannel<?>[] lockOrder(SelectClause<?>[] clauses, int m) {
        GoChannel<?>[] order = new GoChannel<?>[m];
        int n = 0;
        for (int i = 0; i < m; i++) {
            GoChannel<?> ch = channelOf(clause(clauses, i));
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

    /**
     * Locks every distinct channel in ascending id (from {@code locks} for a large select, otherwise
     * by taking the smallest id above the last one locked, without an array); with {@code freeze},
     * also freezes them (see {@link GoChannel#freezeLocked()}).
     */
    private static void lockAll(SelectClause<?>[] clauses, int n, long mask, GoChannel<?>[] locks, boolean freeze) {
        if (locks != null) {
            for (GoChannel<?> ch : locks) {
                ch.lock.lock();
            }
        } else {
            long last = Long.MIN_VALUE;
            GoChannel<?> next;
            while ((next = nextAbove(clauses, n, mask, last)) != null) {
                next.lock.lock();
                last = next.id;
            }
        }
        if (freeze) {
            for (int i = 0; i < n; i++) {
                GoChannel<?> ch = distinctChannel(clauses, mask, locks, i);
                if (ch != null) {
                    ch.freezeLocked();
                }
            }
        }
    }

    /**
     * The channel of clause {@code i} (of a small select) or {@code locks[i]} (of a large one) if it
     * is the first time this channel comes up; {@code null} otherwise. Visits each channel once.
     */
    private static GoChannel<?> distinctChannel(SelectClause<?>[] clauses, long mask, GoChannel<?>[] locks, int i) {
        if (locks != null) {
            return i < locks.length ? locks[i] : null;
        }
        return isFirstOfItsChannel(clauses, mask, i) ? channelOf(clause(clauses, i)) : null;
    }

    /** The polled clauses' channel with the smallest id above {@code last}; {@code null} if none. */
    private static GoChannel<?> nextAbove(SelectClause<?>[] clauses, int n, long mask, long last) {
        GoChannel<?> next = null;
        for (int i = 0; i < n; i++) {
            GoChannel<?> ch = polled(mask, i) ? channelOf(clause(clauses, i)) : null;
            if (ch != null && ch.id > last && (next == null || ch.id < next.id)) {
                next = ch;
            }
        }
        return next;
    }

    /** Whether clause {@code i} is polled, has a channel, and no earlier polled clause has the same. */
    private static boolean isFirstOfItsChannel(SelectClause<?>[] clauses, long mask, int i) {
        GoChannel<?> ch = polled(mask, i) ? channelOf(clause(clauses, i)) : null;
        if (ch == null) {
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (polled(mask, j) && channelOf(clause(clauses, j)) == ch) {
                return false;
            }
        }
        return true;
    }

    private static void unlockAll(SelectClause<?>[] clauses, int n, long mask, GoChannel<?>[] locks, boolean freeze) {
        for (int i = 0; i < n; i++) {
            GoChannel<?> ch = distinctChannel(clauses, mask, locks, i);
            if (ch != null) {
                if (freeze) {
                    ch.thawLocked();
                }
                ch.lock.unlock();
            }
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
