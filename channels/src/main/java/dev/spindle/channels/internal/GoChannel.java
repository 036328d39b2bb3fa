package dev.spindle.channels.internal;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.Overflow;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SelectClause;
import dev.spindle.channels.SendResult;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.internal.Contexts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * Every Spindle channel: one lock, a buffer, and FIFO queues of blocked receivers and senders.
 *
 * <h2>Algorithm</h2>
 * Go's runtime channel ({@code src/runtime/chan.go}, {@code hchan}): one lock per channel guards a
 * circular buffer and two queues of waiting goroutines ({@code sudog}s). A send first hands its
 * value straight to the longest-waiting receiver, else buffers it, else queues itself and parks; a
 * receive takes the oldest buffered value (moving the longest-waiting sender's value into the freed
 * slot), else takes a waiting sender's value directly, else reports closed or parks.
 *
 * <h2>How it differs from Go</h2>
 * <ul>
 *   <li>A blocked call can give up (interrupt, timeout, {@link Context}). Its waiter's outcome is
 *       decided by one CAS on its {@link Parker}: the counterpart's claim or the waiter's cancel,
 *       whichever comes first; so a value is never both delivered and reported as not sent.</li>
 *   <li>A waiter spins briefly ({@link Parker#SPINS}) before parking, and waiters are woken after
 *       the lock is released; a waiter node is allocated only when the call must block.</li>
 *   <li>Overflow policies (drop oldest/latest) and an unlimited buffer, as in Kotlin.</li>
 *   <li>Close with an error; receivers drain the buffer first, then see the close (and its error).</li>
 * </ul>
 * Why not the lock-free segment algorithm of Koval et al. (kotlinx.coroutines, jox): it buys
 * scalability on many cores at the price of a much larger state machine; one short critical section
 * per operation is simpler to prove, lets {@code select} lock all its channels for an atomic choice
 * (as Go does), and on the machines we measure is as fast (see {@code docs/benchmarks.md}). The
 * buffer is the JDK's {@link ArrayDeque}: it is only touched under the lock, so a concurrent queue
 * (JCTools) would pay for atomics the lock already provides.
 *
 * <h2>Invariants (under the lock)</h2>
 * <ul>
 *   <li>A claimable receiver is queued only while the buffer is empty; a claimable sender only
 *       while the buffer is full (or the channel is unbuffered). So there is never a value in the
 *       buffer and a receiver waiting at once.</li>
 *   <li>Once {@code closed}, no waiter is queued and nothing is added to the buffer.</li>
 *   <li>Queues may hold stale select waiters (their select fired elsewhere); they are skipped and
 *       dropped by {@link WaitQueue#pollClaimed()}.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class GoChannel<T> implements Channel<T> {
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

    static {
        try {
            var lookup = MethodHandles.lookup();
            BLOCKED_NANOS = lookup.findVarHandle(GoChannel.class, "blockedNanos", long.class);
            BLOCKED_COUNT = lookup.findVarHandle(GoChannel.class, "blockedCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Orders channels for {@code select}, which locks several in ascending id. */
    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    private final int capacity;
    private final Overflow overflow;
    /** Buffered values, oldest first; {@code null} when unbuffered. Guarded by {@link #lock}. */
    private final ArrayDeque<Object> buffer;
    private final WaitQueue receivers = new WaitQueue();
    private final WaitQueue senders = new WaitQueue();

    /** Guarded by {@link #lock}: whether closed, and the results that report it. */
    private boolean closed;
    private ReceiveResult.Closed<T> receiveClosed;
    private SendResult.Closed sendClosed;

    /** Statistics for {@code ChannelMetrics}; counts guarded by {@link #lock}. */
    private long sent;
    private long received;
    private long dropped;
    private volatile long blockedNanos;
    private volatile long blockedCount;

    /**
     * A new open channel.
     *
     * @param capacity 0 for unbuffered, {@link Integer#MAX_VALUE} for unlimited
     * @param overflow the full-buffer policy
     */
    public GoChannel(int capacity, Overflow overflow) {
        Objects.requireNonNull(overflow, "overflow");
        if (capacity < 0) {
            throw new IllegalArgumentException("channel capacity must be >= 0, got " + capacity);
        }
        if (overflow != Overflow.SUSPEND && capacity == 0) {
            throw new IllegalArgumentException(
                    "overflow policy " + overflow + " needs a buffer: capacity must be >= 1, got 0");
        }
        this.capacity = capacity;
        this.overflow = overflow;
        this.buffer = capacity == 0 ? null : new ArrayDeque<>(Math.min(capacity, 1024));
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

    /**
     * Sends {@code value}.
     *
     * @param nanos -1 to wait without limit, 0 not to wait, else the longest wait
     * @return {@link #SENT}, {@link #FULL} (timed out) or {@link #CLOSED}
     */
    private Object sendCore(Object value, long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r;
        Waiter w = null;
        lock.lock();
        try {
            r = offerLocked(value);
            if (r == FULL && nanos != 0) {
                w = new Waiter(value);
                senders.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (r instanceof Waiter receiver) {
            receiver.complete(value, Parker.DONE);
            return SENT;
        }
        return w == null ? r : awaitSend(w, nanos, ctx);
    }

    private Object awaitSend(Waiter w, long nanos, Context ctx) throws InterruptedException {
        int outcome = await(w, senders, nanos, ctx);
        return outcome == Parker.DONE ? SENT : outcome == Parker.CLOSED ? CLOSED : FULL;
    }

    /**
     * Under the lock: hands {@code value} to a waiting receiver, or buffers it (or drops it by
     * policy).
     *
     * @return a claimed receiver {@link Waiter} that the caller must complete with {@code value}
     *     after unlocking; or {@link #SENT}, {@link #FULL} or {@link #CLOSED}
     */
    Object offerLocked(Object value) {
        if (closed) {
            return CLOSED;
        }
        Waiter receiver = receivers.pollClaimed();
        if (receiver != null) {
            sent++;
            received++;
            return receiver;
        }
        if (capacity == 0) {
            return FULL;
        }
        if (buffer.size() < capacity) {
            buffer.addLast(value);
            sent++;
            return SENT;
        }
        switch (overflow) {
            case DROP_OLDEST -> {
                buffer.pollFirst();
                buffer.addLast(value);
            }
            case DROP_LATEST -> {
                // the new value is dropped; the buffer stays as it is
            }
            case SUSPEND -> {
                return FULL;
            }
        }
        sent++;
        dropped++;
        return SENT;
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

    /**
     * Receives a value.
     *
     * @param nanos -1 to wait without limit, 0 not to wait, else the longest wait
     * @return the value, {@link #EMPTY} (timed out) or {@link #CLOSED}
     */
    Object receiveCore(long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r;
        Waiter w = null;
        lock.lock();
        try {
            r = pollLocked();
            if (r == EMPTY && nanos != 0) {
                w = new Waiter(null);
                receivers.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (r instanceof Waiter sender) {
            Object value = sender.offered;
            sender.complete(null, Parker.DONE);
            return value;
        }
        return w == null ? r : awaitReceive(w, nanos, ctx);
    }

    private Object awaitReceive(Waiter w, long nanos, Context ctx) throws InterruptedException {
        int outcome = await(w, receivers, nanos, ctx);
        return outcome == Parker.DONE ? w.item : outcome == Parker.CLOSED ? CLOSED : EMPTY;
    }

    /**
     * Under the lock: takes the oldest value.
     *
     * @return a value; or a claimed sender {@link Waiter} whose {@link Waiter#offered} holds the
     *     value received, which the caller must complete after unlocking; or {@link #EMPTY} or
     *     {@link #CLOSED}
     */
    Object pollLocked() {
        if (buffer != null && !buffer.isEmpty()) {
            Object value = buffer.pollFirst();
            received++;
            Waiter sender = senders.pollClaimed();
            if (sender == null) {
                return value;
            }
            buffer.addLast(sender.offered); // the freed slot goes to the longest-waiting sender
            sender.offered = value;
            sent++;
            return sender;
        }
        Waiter sender = senders.pollClaimed();
        if (sender != null) {
            sent++;
            received++;
            return sender;
        }
        return closed ? CLOSED : EMPTY;
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Parks {@code w} (queued in {@code queue}) until it completes or gives up.
     *
     * @return {@link Parker#DONE}, {@link Parker#CLOSED}, or {@link Parker#STOP_TIMED_OUT} when
     *     the timeout passed and the wait was withdrawn
     * @throws InterruptedException if interrupted and the wait was withdrawn
     * @throws CancelledException if {@code ctx} is done and the wait was withdrawn
     */
    private int await(Waiter w, WaitQueue queue, long nanos, Context ctx) throws InterruptedException {
        long start = System.nanoTime();
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
            int outcome = w.park(start + nanos, nanos > 0, ctx, capacity == 0 ? Parker.SPINS : Parker.BUFFERED_SPINS);
            if (outcome < 0) {
                outcome = withdraw(w, queue, outcome, ctx);
            }
            return outcome;
        } finally {
            if (wake != null) {
                wake.remove();
            }
            BLOCKED_NANOS.getAndAdd(this, System.nanoTime() - start);
            BLOCKED_COUNT.getAndAdd(this, 1L);
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
    private boolean cancelQueued(Waiter w, WaitQueue queue) {
        lock.lock();
        try {
            boolean cancelled = w.tryCancel();
            if (cancelled) {
                queue.remove(w);
            }
            return cancelled;
        } finally {
            lock.unlock();
        }
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
            woken = drainClaimed(receivers, woken);
            woken = drainClaimed(senders, woken);
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
    public boolean isClosedForSend() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosedForReceive() {
        lock.lock();
        try {
            return closed && (buffer == null || buffer.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public int len() {
        if (buffer == null) {
            return 0;
        }
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int cap() {
        return capacity;
    }

    /** Counts for {@code ChannelMetrics}: sent, received, dropped, blocked calls and nanos. */
    public long[] statistics() {
        lock.lock();
        try {
            return new long[] {sent, received, dropped, blockedCount, blockedNanos};
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- select support

    void enqueueReceiver(Waiter w) {
        receivers.add(w);
    }

    void enqueueSender(Waiter w) {
        senders.add(w);
    }

    /** Removes a select's waiter that did not fire; takes the lock. */
    void dequeue(Waiter w) {
        lock.lock();
        try {
            if (w.queue != null) {
                w.queue.remove(w); // the queue it is in: this channel's receivers or senders
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R> SelectClause<R> onSend(T value, Supplier<? extends R> then) {
        Objects.requireNonNull(value, "onSend: value is null");
        Objects.requireNonNull(then, "onSend: then is null");
        return Clause.send(this, value, then);
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> then) {
        Objects.requireNonNull(then, "onReceive: then is null");
        return Clause.receive(this, then);
    }

    @Override
    public <R> SelectClause<R> onReceiveOrClosed(Function<? super ReceiveResult<T>, ? extends R> then) {
        Objects.requireNonNull(then, "onReceiveOrClosed: then is null");
        return Clause.receiveOrClosed(this, then);
    }

    // ---------------------------------------------------------------- results and errors

    /** The value in {@code r}, or throws for {@link #CLOSED}. */
    @SuppressWarnings("unchecked")
    T valueOrThrow(Object r, String op) {
        if (r == CLOSED) {
            throw new ChannelClosedException(op + " on closed " + this, closeError());
        }
        return (T) r;
    }

    @SuppressWarnings("unchecked")
    ReceiveResult<T> toResult(Object r) {
        return r == CLOSED ? receiveClosedResult() : new ReceiveResult.Value<>((T) r);
    }

    private Object throwIfClosedForSend(Object r, String op) {
        if (r == CLOSED) {
            throw new ChannelClosedException(op + " on closed " + this + "; the value was not sent",
                    closeError());
        }
        return r;
    }

    ReceiveResult.Closed<T> receiveClosedResult() {
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
    Throwable closeError() {
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
        return "channel#" + id + " " + kind;
    }

    private static long saturatedNanos(Duration d, String op) {
        Objects.requireNonNull(d, () -> op + ": timeout is null");
        return Contexts.saturatedNanos(d);
    }

    /** A named internal marker object. */
    private record Marker(String name) {
    }
}
