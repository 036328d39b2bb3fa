package dev.spindle.channels.internal;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.Overflow;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SelectClause;
import dev.spindle.channels.SendResult;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskDump;
import dev.spindle.core.internal.Contexts;
import dev.spindle.core.internal.Waits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every Spindle channel: the public calls, close, waiting and the hooks {@link Selector} uses. Two
 * kinds implement the data path:
 * <ul>
 *   <li>{@link RingChannel}: bounded channels that wait when full ({@link Overflow#SUSPEND}, capacity
 *       {@code >= 1}); a lock-free ring carries the values, and the lock is taken only to wait or to
 *       wake a waiter.</li>
 *   <li>{@link LockedChannel}: unbuffered, unlimited and dropping channels; Go's {@code hchan}, one
 *       lock around a buffer and the waiter queues.</li>
 * </ul>
 *
 * <h2>What both kinds share</h2>
 * <ul>
 *   <li>A blocked call queues a {@link Waiter} (allocated only when the call must wait) in
 *       {@link #receivers} or {@link #senders}, under {@link #lock}. Its outcome is decided by one CAS
 *       on its {@link Parker}: the counterpart's claim or the waiter's own cancel (interrupt, timeout,
 *       {@link Context}), whichever comes first; a claim is made only under the lock of the channel
 *       whose queue holds the waiter (or by a context callback of a select).</li>
 *   <li>Threads are woken after the lock is released.</li>
 *   <li>Close, under the lock: no waiter is queued afterwards, and every queued one is completed
 *       with {@link Parker#CLOSED}.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public abstract sealed class GoChannel<T> implements Channel<T> permits LockedChannel, RingChannel {
    /** The buffer had no value and no sender was waiting. */
    static final Object EMPTY = new Marker("EMPTY");
    /** The buffer was full and no receiver was waiting. */
    static final Object FULL = new Marker("FULL");
    /** The channel is closed (and, for a receive, drained). */
    static final Object CLOSED = new Marker("CLOSED");
    /** The value was buffered, dropped by policy, or handed over. */
    static final Object SENT = new Marker("SENT");

    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle BLOCKED_NANOS;
    private static final VarHandle BLOCKED_COUNT;
    private static final VarHandle NAME;

    static {
        try {
            var lookup = MethodHandles.lookup();
            BLOCKED_NANOS = lookup.findVarHandle(GoChannel.class, "blockedNanos", long.class);
            BLOCKED_COUNT = lookup.findVarHandle(GoChannel.class, "blockedCount", long.class);
            NAME = lookup.findVarHandle(GoChannel.class, "name", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set once by {@link #named}; shown by {@link #toString()}, hence in errors and JFR events. */
    private volatile String name;

    /** Orders channels for {@code select}, which locks several in ascending id. */
    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ChannelLock();
    final int capacity;
    final Overflow overflow;
    /** Blocked receivers, oldest first. Guarded by {@link #lock}. */
    final WaitQueue receivers = new WaitQueue();
    /** Blocked senders, oldest first. Guarded by {@link #lock}. */
    final WaitQueue senders = new WaitQueue();

    /** Guarded by {@link #lock}: whether closed, and the results that report it. */
    boolean closed;
    private ReceiveResult.Closed<T> receiveClosed;
    private SendResult.Closed sendClosed;

    /** Statistics for {@code ChannelMetrics}: calls that waited, and how long in all. */
    private volatile long blockedNanos;
    private volatile long blockedCount;

    GoChannel(int capacity, Overflow overflow) {
        this.capacity = capacity;
        this.overflow = overflow;
    }

    /**
     * A new open channel of the kind that serves {@code capacity} and {@code overflow} best.
     *
     * @param capacity 0 for unbuffered, {@link Integer#MAX_VALUE} for unlimited
     * @param overflow the full-buffer policy
     * @param <T> the element type
     * @return the channel
     * @throws IllegalArgumentException if {@code capacity} is negative, or 0 with a dropping policy
     */
    public static <T> GoChannel<T> create(int capacity, Overflow overflow) {
        Objects.requireNonNull(overflow, "overflow");
        if (capacity < 0) {
            throw new IllegalArgumentException("channel capacity must be >= 0, got " + capacity);
        }
        if (overflow != Overflow.SUSPEND && capacity == 0) {
            throw new IllegalArgumentException(
                    "overflow policy " + overflow + " needs a buffer: capacity must be >= 1, got 0");
        }
        if (overflow == Overflow.SUSPEND && capacity > 0 && capacity < RingChannel.MAX_CAPACITY) {
            return new RingChannel<>(capacity);
        }
        return new LockedChannel<>(capacity, overflow);
    }

    // ---------------------------------------------------------------- the data path, per kind

    /**
     * Sends {@code value}.
     *
     * @param nanos -1 to wait without limit, 0 not to wait, else the longest wait
     * @return {@link #SENT}, {@link #FULL} (timed out) or {@link #CLOSED}
     */
    abstract Object sendCore(Object value, long nanos, Context ctx) throws InterruptedException;

    /**
     * Receives a value.
     *
     * @param nanos -1 to wait without limit, 0 not to wait, else the longest wait
     * @return the value, {@link #EMPTY} (timed out) or {@link #CLOSED}
     */
    abstract Object receiveCore(long nanos, Context ctx) throws InterruptedException;

    /**
     * Under the lock, for a select: takes a value if one is ready.
     *
     * @return a value; a claimed sender {@link Waiter} whose {@link Waiter#offered} holds the value
     *     received, which the caller must complete after unlocking; {@link #EMPTY} or {@link #CLOSED}
     */
    abstract Object pollLocked();

    /**
     * Under the lock, for a select: sends {@code value} if that is possible now.
     *
     * @return a claimed receiver {@link Waiter} that the caller must complete with {@code value}
     *     after unlocking; {@link #SENT}, {@link #FULL} or {@link #CLOSED}
     */
    abstract Object offerLocked(Object value);

    /**
     * Whether a claimed waiter of this channel is only told to try again ({@link RingChannel}) rather
     * than handed the value ({@link LockedChannel}).
     */
    abstract boolean notifies();

    /**
     * For a select over several channels: a number that changes whenever this channel may have
     * become ready without its lock (see {@link Ring#version()}); constant for a channel whose state
     * changes only under its lock.
     */
    abstract long version();

    /** Called under the lock after {@link #receivers} or {@link #senders} changed. */
    abstract void queuesChangedLocked();

    /**
     * Under the lock, for an ordered select: stops every change of this channel by callers without
     * the lock until {@link #thawLocked()}; a no-op for a channel that changes only under its lock.
     */
    abstract void freezeLocked();

    /** Under the lock: undoes {@link #freezeLocked()}; called before the lock is released. */
    abstract void thawLocked();

    /**
     * After a select took a value in {@link #pollLocked()} (and released its locks): does what a
     * plain receive does after taking, such as waking a sender of a {@link RingChannel}.
     */
    abstract void afterSelectTake();

    /** After a select sent a value in {@link #offerLocked} (and released its locks): the send's counterpart. */
    abstract void afterSelectPut();

    /** Called under the lock by close, before the waiters are completed. */
    abstract void closeLocked();

    /** Counts for {@code ChannelMetrics}: sent, received, dropped, blocked calls and nanos. */
    public abstract long[] statistics();

    /** The blocked-call statistics, for {@link #statistics()}. */
    final long[] statistics(long sent, long received, long dropped) {
        return new long[] {sent, received, dropped, blockedCount, blockedNanos};
    }

    // ---------------------------------------------------------------- send

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "send: value is null");
        throwIfClosedForSend(sendCore(value, -1, null), "send");
    }

    @Override
    public void send(T value, Context ctx) throws InterruptedException {
        Objects.requireNonNull(value, "send: value is null");
        Objects.requireNonNull(ctx, "send: ctx is null");
        throwIfClosedForSend(sendCore(value, -1, ctx), "send");
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "trySend: value is null");
        try {
            return throwIfClosedForSend(sendCore(value, 0, null), "trySend") == SENT;
        } catch (InterruptedException impossible) {
            throw new AssertionError("a non-blocking send does not wait", impossible);
        }
    }

    @Override
    public boolean trySend(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "trySend: value is null");
        long nanos = Math.max(0, saturatedNanos(timeout, "trySend"));
        return throwIfClosedForSend(sendCore(value, nanos, null), "trySend") == SENT;
    }

    @Override
    public SendResult sendOrClosed(T value) throws InterruptedException {
        Objects.requireNonNull(value, "sendOrClosed: value is null");
        return sendCore(value, -1, null) == SENT ? SendResult.SENT : sendClosedResult();
    }

    @Override
    public SendResult sendOrClosed(T value, Context ctx) throws InterruptedException {
        Objects.requireNonNull(value, "sendOrClosed: value is null");
        Objects.requireNonNull(ctx, "sendOrClosed: ctx is null");
        return sendCore(value, -1, ctx) == SENT ? SendResult.SENT : sendClosedResult();
    }

    // ---------------------------------------------------------------- receive

    @Override
    public T receive() throws InterruptedException {
        return valueOrThrow(receiveCore(-1, null), "receive");
    }

    @Override
    public T receive(Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, "receive: ctx is null");
        return valueOrThrow(receiveCore(-1, ctx), "receive");
    }

    @Override
    public Optional<T> tryReceive() {
        try {
            Object r = receiveCore(0, null);
            return r == EMPTY ? Optional.empty() : Optional.of(valueOrThrow(r, "tryReceive"));
        } catch (InterruptedException impossible) {
            throw new AssertionError("a non-blocking receive does not wait", impossible);
        }
    }

    @Override
    public Optional<T> tryReceive(Duration timeout) throws InterruptedException {
        long nanos = Math.max(0, saturatedNanos(timeout, "tryReceive"));
        Object r = receiveCore(nanos, null);
        return r == EMPTY ? Optional.empty() : Optional.of(valueOrThrow(r, "tryReceive"));
    }

    @Override
    public ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        return toResult(receiveCore(-1, null));
    }

    @Override
    public ReceiveResult<T> receiveOrClosed(Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, "receiveOrClosed: ctx is null");
        return toResult(receiveCore(-1, ctx));
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Parks {@code w} (queued in {@code queue}) until it completes or gives up.
     *
     * @param deadline a {@link System#nanoTime()} deadline, used only if {@code timed}
     * @param spins how many times to poll the outcome before parking
     * @return {@link Parker#DONE}, {@link Parker#CLOSED}, or {@link Parker#STOP_TIMED_OUT} when
     *     the deadline passed and the wait was withdrawn
     * @throws InterruptedException if interrupted and the wait was withdrawn
     * @throws CancelledException if {@code ctx} is done and the wait was withdrawn
     */
    final int await(Waiter w, WaitQueue queue, boolean timed, long deadline, Context ctx, int spins)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            int spun = w.spin(spins);
            if (spun >= Parker.DONE) {
                return spun; // answered while spinning: no context callback, no event
            }
            return parkRecorded(w, queue, timed, deadline, ctx, start);
        } finally {
            BLOCKED_NANOS.getAndAdd(this, System.nanoTime() - start);
            BLOCKED_COUNT.getAndAdd(this, 1L);
        }
    }

    /**
     * {@link #park} inside a {@link ChannelWaitEvent}, committed however the wait ends, and visible
     * to the diagnostics: a group's task is found through its park blocker, which is {@code w}
     * (nothing to register); any other thread registers {@code w} with {@link Waits}.
     */
    private int parkRecorded(Waiter w, WaitQueue queue, boolean timed, long deadline, Context ctx, long start)
            throws InterruptedException {
        ChannelWaitEvent event = new ChannelWaitEvent();
        event.begin();
        w.parking(start, timed || hasDeadline(ctx));
        boolean registered = !Waits.foundByBlocker();
        if (registered) {
            Waits.register(w);
        }
        String outcome = "failed"; // until the wait returns or throws a known way
        try {
            int result = park(w, queue, timed, deadline, ctx);
            outcome = result == Parker.DONE ? "done" : result == Parker.CLOSED ? "closed" : "timed out";
            return result;
        } catch (InterruptedException e) {
            outcome = "interrupted";
            throw e;
        } catch (CancelledException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            if (registered) {
                Waits.end(w);
            }
            event.end();
            if (event.shouldCommit()) {
                event.channel = toString();
                event.operation = queue == senders ? "send" : "receive";
                event.outcome = outcome;
                event.commit();
            }
        }
    }

    /** After an unanswered spin: registers the context's wake-up, parks, and withdraws if it stops. */
    private int park(Waiter w, WaitQueue queue, boolean timed, long deadline, Context ctx)
            throws InterruptedException {
        Context.Registration wake = null;
        try {
            if (ctx != null) {
                try {
                    wake = ctx.onDone(w::wake);
                } catch (RuntimeException | Error e) {
                    if (cancelQueued(w, queue)) {
                        throw e; // nothing happened; the caller sees why
                    }
                    return w.awaitClaimed(); // a counterpart completed the call meanwhile
                }
            }
            int outcome = w.park(deadline, timed, ctx);
            if (outcome < 0) {
                outcome = withdraw(w, queue, outcome, ctx);
            }
            return outcome;
        } finally {
            if (wake != null) {
                wake.remove();
            }
        }
    }

    /** Cancels a wait that stopped for {@code reason}, or returns its outcome if it was claimed. */
    private int withdraw(Waiter w, WaitQueue queue, int reason, Context ctx) throws InterruptedException {
        if (!cancelQueued(w, queue)) {
            int outcome = w.awaitClaimed(); // a counterpart won the race: the operation happened
            if (reason == Parker.STOP_INTERRUPTED) {
                Thread.currentThread().interrupt();
            }
            return outcome;
        }
        return switch (reason) {
            case Parker.STOP_INTERRUPTED -> throw new InterruptedException("interrupted while waiting on " + this);
            case Parker.STOP_CONTEXT -> {
                ctx.throwIfDone();
                throw new IllegalStateException("context reported done, then not done: " + ctx);
            }
            default -> Parker.STOP_TIMED_OUT;
        };
    }

    /** Cancels and unqueues {@code w}; {@code false} if a counterpart claimed it first. */
    final boolean cancelQueued(Waiter w, WaitQueue queue) {
        lock.lock();
        try {
            boolean cancelled = w.tryCancel();
            if (cancelled) {
                queue.remove(w);
                queuesChangedLocked();
            }
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** A deadline {@code nanos} from now, for a wait of {@code nanos > 0}. */
    static long deadline(long nanos) {
        return nanos > 0 ? System.nanoTime() + nanos : 0;
    }

    // ---------------------------------------------------------------- close

    @Override
    public boolean close() {
        return closeCore(null);
    }

    @Override
    public boolean closeWithError(Throwable error) {
        Objects.requireNonNull(error, "closeWithError: error is null");
        return closeCore(error);
    }

    private boolean closeCore(Throwable error) {
        Waiter woken = null;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            receiveClosed = new ReceiveResult.Closed<>(error);
            sendClosed = new SendResult.Closed(error);
            closeLocked();
            woken = drainClaimed(receivers, woken);
            woken = drainClaimed(senders, woken);
            queuesChangedLocked();
        } finally {
            lock.unlock();
        }
        while (woken != null) {
            Waiter next = woken.next;
            woken.next = null;
            woken.complete(null, Parker.CLOSED);
            woken = next;
        }
        return true;
    }

    /** Claims every waiter in {@code queue}, chaining them through their free {@code next} links. */
    private static Waiter drainClaimed(WaitQueue queue, Waiter chain) {
        Waiter w;
        while ((w = queue.pollClaimed()) != null) {
            w.next = chain;
            chain = w;
        }
        return chain;
    }

    @Override
    public int cap() {
        return capacity;
    }

    // ---------------------------------------------------------------- diagnostics

    /** This channel as the task dump shows it; takes its lock briefly. */
    TaskDump.ChannelInfo info() {
        int length = len();
        lock.lock();
        try {
            return new TaskDump.ChannelInfo(toString(), name, length, capacity, closed, senders.size(),
                    receivers.size());
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code ctx} ends by itself: a context with a deadline. */
    static boolean hasDeadline(Context ctx) {
        return ctx != null && ctx.deadline().isPresent();
    }


    // ---------------------------------------------------------------- select support

    void enqueueReceiver(Waiter w) {
        receivers.add(w);
        queuesChangedLocked();
    }

    void enqueueSender(Waiter w) {
        senders.add(w);
        queuesChangedLocked();
    }

    /** Under the lock: removes a select's waiter that did not fire. */
    void dequeueLocked(Waiter w) {
        if (w.queue != null) {
            w.queue.remove(w); // the queue it is in: this channel's receivers or senders
            queuesChangedLocked();
        }
    }

    /** Removes a select's waiter that did not fire; takes the lock. */
    void dequeue(Waiter w) {
        lock.lock();
        try {
            dequeueLocked(w);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R> SelectClause<R> onSend(T value, Supplier<? extends R> then) {
        Objects.requireNonNull(value, "onSend: value is null");
        Objects.requireNonNull(then, "onSend: then is null");
        return new Clause.Send<>(this, value, then, true);
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> then) {
        Objects.requireNonNull(then, "onReceive: then is null");
        return new Clause.Receive<>(this, then, true);
    }

    @Override
    public <R> SelectClause<R> onReceiveOrClosed(Function<? super ReceiveResult<T>, ? extends R> then) {
        Objects.requireNonNull(then, "onReceiveOrClosed: then is null");
        return new Clause.ReceiveOrClosed<>(this, then, true);
    }

    // ---------------------------------------------------------------- results and errors

    /** The value in {@code r}, or throws for {@link #CLOSED}. */
    @SuppressWarnings("unchecked")
    final T valueOrThrow(Object r, String op) {
        if (r == CLOSED) {
            throw new ChannelClosedException(op + " on closed " + this, closeError());
        }
        return (T) r;
    }

    @SuppressWarnings("unchecked")
    final ReceiveResult<T> toResult(Object r) {
        return r == CLOSED ? receiveClosedResult() : new ReceiveResult.Value<>((T) r);
    }

    private Object throwIfClosedForSend(Object r, String op) {
        if (r == CLOSED) {
            throw new ChannelClosedException(op + " on closed " + this + "; the value was not sent",
                    closeError());
        }
        return r;
    }

    final ReceiveResult.Closed<T> receiveClosedResult() {
        lock.lock();
        try {
            return receiveClosed;
        } finally {
            lock.unlock();
        }
    }

    private SendResult.Closed sendClosedResult() {
        lock.lock();
        try {
            return sendClosed;
        } finally {
            lock.unlock();
        }
    }

    /** The error this channel was closed with, or {@code null}. */
    final Throwable closeError() {
        return receiveClosedResult().error();
    }

    // ---------------------------------------------------------------- iteration

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                Object r;
                try {
                    r = receiveCore(-1, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException("interrupted while iterating over " + GoChannel.this, e);
                }
                if (r == CLOSED) {
                    ended = true;
                    Throwable error = closeError();
                    if (error != null) {
                        throw new ChannelClosedException(GoChannel.this + " was closed with an error", error);
                    }
                    return false;
                }
                next = r;
                return true;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException(GoChannel.this + " is closed and drained");
                }
                T v = (T) next;
                next = null;
                return v;
            }
        };
    }

    @Override
    public Channel<T> named(String name) {
        Objects.requireNonNull(name, "named: name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("named: the name of " + this + " is blank");
        }
        String old = (String) NAME.compareAndExchange(this, (String) null, name);
        if (old != null) {
            throw new IllegalStateException("named: " + this + " already has a name; it is set once");
        }
        return this;
    }

    @Override
    public Stream<T> stream() {
        Spliterator<T> split = Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false);
    }

    @Override
    public String toString() {
        String kind = capacity == 0 ? "unbuffered"
                : capacity == Integer.MAX_VALUE ? "unlimited"
                : overflow == Overflow.SUSPEND ? "buffered(" + capacity + ")"
                : "buffered(" + capacity + ", " + overflow + ")";
        String named = name;
        return "channel#" + id + (named == null ? " " : " \"" + named + "\" ") + kind;
    }

    private static long saturatedNanos(Duration d, String op) {
        Objects.requireNonNull(d, () -> op + ": timeout is null");
        return Contexts.saturatedNanos(d);
    }

    /** A named internal marker object. */
    private record Marker(String name) {
    }
}
