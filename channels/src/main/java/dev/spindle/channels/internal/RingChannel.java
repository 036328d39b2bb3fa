package dev.spindle.channels.internal;

import dev.spindle.channels.Overflow;
import dev.spindle.core.Context;

/**
 * A bounded channel whose full buffer makes senders wait ({@code Channel.buffered(n)}, Go's
 * {@code make(chan T, n)}): values pass through a lock-free {@link Ring}; the lock is taken only to
 * wait and to wake a waiter.
 *
 * <h2>Algorithm</h2>
 * A send offers its value to the ring (one CAS); a receive polls it (one CAS). Neither touches the
 * lock unless the ring is empty (receive) or full (send), or unless the other side has waiters:
 * <ol>
 *   <li>A call that cannot proceed polls the ring {@link #SPINS} more times, then, under the lock,
 *       queues a {@link Waiter}, publishes the queue's size in {@link #waitingReceivers} (or
 *       {@link #waitingSenders}), and tries the ring once more. Only if that fails too does it
 *       park.</li>
 *   <li>A call that succeeded reads the other side's waiting count; if it is not zero it takes the
 *       lock, claims the longest-waiting waiter and wakes it. The woken call tries the ring again;
 *       if another call got there first it queues again.</li>
 * </ol>
 * No wake-up is lost: the waiter's count store and its second try, and the succeeding call's index
 * CAS and its count load, form a Dekker pair; {@link Ring} makes the second try read exactly the
 * index the other side CASes (a claimed slot counts as taken or filled, never as free or empty). So
 * either the second try sees the value (or the room), or the succeeding call sees the waiter.
 *
 * <h2>How it differs from Go</h2>
 * Go's receiver moves a blocked sender's value into the slot it freed, so blocked senders go first
 * and in order. Here a woken sender retries, and a sender arriving at that moment may take the slot
 * first (as with a non-fair {@code ArrayBlockingQueue}); each sender's own values stay in order,
 * and the woken sender waits again. A waiter is woken to try, not handed a value: this is what lets
 * sends and receives that do not wait skip the lock.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@link #waitingReceivers} and {@link #waitingSenders} equal the queue sizes whenever the lock
 *       is free (stale select waiters included, which only costs a needless lock).</li>
 *   <li>Every successful offer is followed by a check of {@link #waitingReceivers}, and every
 *       successful poll by a check of {@link #waitingSenders}, by the call that made it.</li>
 *   <li>Close sets the ring's closed bit under the lock, then completes every waiter with
 *       {@link Parker#CLOSED}; a woken receiver drains the ring before it reports closed.</li>
 * </ul>
 *
 * @param <T> the element type
 */
final class RingChannel<T> extends GoChannel<T> {
    /**
     * Capacities at and above this use a {@link LockedChannel}, whose buffer grows as it fills: a
     * ring allocates all its slots up front (12 to 16 bytes each).
     */
    static final int MAX_CAPACITY = 1 << 14;

    /**
     * How many more times an empty (full) ring is polled, with {@link Thread#onSpinWait()} between
     * tries, before a receive (send) queues itself to wait. System property
     * {@code spindle.channels.ringSpins}, for experiments.
     */
    static final int SPINS = Integer.getInteger("spindle.channels.ringSpins", 0);

    private final Ring ring;
    /** Whether the select holding {@link #lock} has frozen {@link #ring}. Guarded by {@link #lock}. */
    private boolean frozen;
    /** {@link #receivers}' size, published for calls that do not take the lock. */
    private volatile int waitingReceivers;
    /** {@link #senders}' size, published for calls that do not take the lock. */
    private volatile int waitingSenders;

    RingChannel(int capacity) {
        super(capacity, Overflow.SUSPEND);
        this.ring = new Ring(capacity);
    }

    // ---------------------------------------------------------------- send

    @Override
    Object sendCore(Object value, long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r = offer(value);
        if (r == SENT) {
            afterPut();
            return SENT;
        }
        return r == CLOSED || nanos == 0 ? r : sendSlow(value, nanos, ctx);
    }

    private Object sendSlow(Object value, long nanos, Context ctx) throws InterruptedException {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            Object r = offer(value);
            if (r != FULL) {
                return put(r);
            }
        }
        boolean timed = nanos > 0;
        long deadline = deadline(nanos);
        while (true) {
            Waiter w = new Waiter(this, true, null);
            Object r;
            lock.lock();
            try {
                senders.add(w);
                queuesChangedLocked();
                r = ring.offer(value, 0); // under the lock: never frozen
                if (r != FULL) {
                    senders.remove(w);
                    queuesChangedLocked();
                }
            } finally {
                lock.unlock();
            }
            if (r != FULL) {
                return put(r);
            }
            int outcome = await(w, senders, timed, deadline, ctx, Parker.BUFFERED_SPINS);
            if (outcome == Parker.STOP_TIMED_OUT) {
                return FULL;
            }
            r = offer(value); // woken: room was made, or the channel closed
            if (r != FULL || (timed && deadline - System.nanoTime() <= 0)) {
                return put(r);
            }
        }
    }

    /** The outcome of an offer, after waking a receiver if it succeeded. */
    private Object put(Object r) {
        if (r == SENT) {
            afterPut();
        }
        return r;
    }

    private void afterPut() {
        if (waitingReceivers != 0) {
            wakeOne(receivers);
        }
    }

    // ---------------------------------------------------------------- receive

    @Override
    Object receiveCore(long nanos, Context ctx) throws InterruptedException {
        if (ctx != null) {
            ctx.throwIfDone();
        }
        Object r = poll();
        if (r != EMPTY) {
            return took(r);
        }
        return nanos == 0 ? EMPTY : receiveSlow(nanos, ctx);
    }

    private Object receiveSlow(long nanos, Context ctx) throws InterruptedException {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            Object r = poll();
            if (r != EMPTY) {
                return took(r);
            }
        }
        boolean timed = nanos > 0;
        long deadline = deadline(nanos);
        while (true) {
            Waiter w = new Waiter(this, false, null);
            Object r;
            lock.lock();
            try {
                receivers.add(w);
                queuesChangedLocked();
                r = ring.poll(0); // under the lock: never frozen
                if (r != EMPTY) {
                    receivers.remove(w);
                    queuesChangedLocked();
                }
            } finally {
                lock.unlock();
            }
            if (r != EMPTY) {
                return took(r);
            }
            int outcome = await(w, receivers, timed, deadline, ctx, Parker.BUFFERED_SPINS);
            if (outcome == Parker.STOP_TIMED_OUT) {
                return EMPTY;
            }
            r = poll(); // woken: a value was added, or the channel closed (then never EMPTY)
            if (r != EMPTY || (timed && deadline - System.nanoTime() <= 0)) {
                return took(r);
            }
        }
    }

    /** Offers without the lock; a ring frozen by a select is waited out on the lock the select holds. */
    @SuppressWarnings("LockNotBeforeTry") // lock then unlock at once: a barrier, nothing between to guard
    private Object offer(Object value) {
        Object r;
        while ((r = ring.offer(value, 0)) == Ring.FROZEN) {
            lock.lock();
            lock.unlock();
        }
        return r;
    }

    /** Polls without the lock; see {@link #offer}. */
    @SuppressWarnings("LockNotBeforeTry") // as in offer
    private Object poll() {
        Object r;
        while ((r = ring.poll(0)) == Ring.FROZEN) {
            lock.lock();
            lock.unlock();
        }
        return r;
    }

    /** The outcome of a poll, after waking a sender if it took a value. */
    private Object took(Object r) {
        if (r != EMPTY && r != CLOSED) {
            afterTake();
        }
        return r;
    }

    private void afterTake() {
        if (waitingSenders != 0) {
            wakeOne(senders);
        }
    }

    /** Claims the longest-waiting live waiter of {@code queue}, if any, and wakes it to try again. */
    private void wakeOne(WaitQueue queue) {
        Waiter w;
        lock.lock();
        try {
            w = queue.pollClaimed();
            queuesChangedLocked();
        } finally {
            lock.unlock();
        }
        if (w != null) {
            w.complete(null, Parker.DONE);
        }
    }

    // ---------------------------------------------------------------- select support

    @Override
    Object pollLocked() {
        return ring.poll(frozen ? Ring.FROZEN_BIT : 0);
    }

    @Override
    Object offerLocked(Object value) {
        return ring.offer(value, frozen ? Ring.FROZEN_BIT : 0);
    }

    /** Stops every claim on the ring by callers without the lock, so that a select's pass sees one instant. */
    @Override
    void freezeLocked() {
        ring.freeze();
        frozen = true;
    }

    @Override
    void thawLocked() {
        frozen = false;
        ring.thaw();
    }

    /** Wakes a sender if one waits. */
    @Override
    void afterSelectTake() {
        afterTake();
    }

    /** Wakes a receiver if one waits. */
    @Override
    void afterSelectPut() {
        afterPut();
    }

    @Override
    boolean notifies() {
        return true;
    }

    @Override
    long version() {
        return ring.version();
    }

    @Override
    void queuesChangedLocked() {
        waitingReceivers = receivers.size();
        waitingSenders = senders.size();
    }

    @Override
    void closeLocked() {
        ring.close();
    }

    // ---------------------------------------------------------------- state

    @Override
    public boolean isClosedForSend() {
        return ring.isClosed();
    }

    @Override
    public boolean isClosedForReceive() {
        return ring.isClosedAndEmpty();
    }

    @Override
    public int len() {
        return ring.size();
    }

    @Override
    public long[] statistics() {
        return statistics(ring.added(), ring.taken(), 0);
    }
}
