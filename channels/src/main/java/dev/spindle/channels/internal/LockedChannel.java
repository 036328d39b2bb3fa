package dev.spindle.channels.internal;

import dev.spindle.channels.Overflow;
import dev.spindle.core.Context;
import java.util.ArrayDeque;

/**
 * Unbuffered, unlimited and dropping channels: one lock, a buffer, and FIFO queues of blocked
 * receivers and senders.
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
 *   <li>A blocked call can give up (interrupt, timeout, {@link Context}); see {@link GoChannel}.</li>
 *   <li>A waiter spins briefly ({@link Parker#SPINS}) before parking; waiters are woken after the
 *       lock is released; a waiter node is allocated only when the call must block.</li>
 *   <li>Overflow policies (drop oldest/latest) and an unlimited buffer, as in Kotlin.</li>
 *   <li>Close with an error; receivers drain the buffer first, then see the close (and its error).</li>
 * </ul>
 * Bounded channels that wait when full are {@link RingChannel}s instead, whose values never need
 * the lock. The buffer here is the JDK's {@link ArrayDeque}, touched only under the lock.
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
final class LockedChannel<T> extends GoChannel<T> {
    /** Buffered values, oldest first; {@code null} when unbuffered. Guarded by {@link #lock}. */
    private final ArrayDeque<Object> buffer;

    /** Statistics for {@code ChannelMetrics}, guarded by {@link #lock}. */
    private long sent;
    private long received;
    private long dropped;

    LockedChannel(int capacity, Overflow overflow) {
        super(capacity, overflow);
        this.buffer = capacity == 0 ? null : new ArrayDeque<>(Math.min(capacity, 1024));
    }

    // ---------------------------------------------------------------- send

    @Override
    Object sendCore(Object value, long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r;
        Waiter w = null;
        int spins = 0;
        lock.lock();
        try {
            r = offerLocked(value);
            if (r == FULL && nanos != 0) {
                spins = spinsBehind(senders);
                w = new Waiter(this, true, value);
                senders.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (r instanceof Waiter receiver) {
            receiver.complete(value, Parker.DONE);
            return SENT;
        }
        if (w == null) {
            return r;
        }
        int outcome = await(w, senders, nanos > 0, deadline(nanos), ctx, spins);
        return outcome == Parker.DONE ? SENT : outcome == Parker.CLOSED ? CLOSED : FULL;
    }

    @Override
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
    Object receiveCore(long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r;
        Waiter w = null;
        int spins = 0;
        lock.lock();
        try {
            r = pollLocked();
            if (r == EMPTY && nanos != 0) {
                spins = spinsBehind(receivers);
                w = new Waiter(this, false, null);
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
        if (w == null) {
            return r;
        }
        int outcome = await(w, receivers, nanos > 0, deadline(nanos), ctx, spins);
        return outcome == Parker.DONE ? w.item : outcome == Parker.CLOSED ? CLOSED : EMPTY;
    }

    @Override
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

    /**
     * Under the lock, before queueing a waiter in {@code queue}: how long it should spin. Only the
     * head of the queue spins: a waiter behind others is served after them, so its counterpart is not
     * moments away, and its spin would only hold a carrier that they need.
     */
    private int spinsBehind(WaitQueue queue) {
        return !queue.isEmpty() ? 0 : capacity == 0 ? Parker.SPINS : Parker.BUFFERED_SPINS;
    }

    // ---------------------------------------------------------------- state

    @Override
    boolean notifies() {
        return false;
    }

    @Override
    long version() {
        return 0; // every change happens under the lock, which a select holds
    }

    @Override
    void queuesChangedLocked() {
        // nothing reads the queues without the lock
    }

    @Override
    void closeLocked() {
        // the closed flag, set by the caller, is all this kind needs
    }

    @Override
    void freezeLocked() {
        // every change already needs the lock, which the select holds
    }

    @Override
    void thawLocked() {
        // see freezeLocked
    }

    @Override
    void afterSelectTake() {
        // pollLocked completed everything under the lock, or returned a waiter the select completes
    }

    @Override
    void afterSelectPut() {
        // see afterSelectTake
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
    public long[] statistics() {
        lock.lock();
        try {
            return statistics(sent, received, dropped);
        } finally {
            lock.unlock();
        }
    }
}
