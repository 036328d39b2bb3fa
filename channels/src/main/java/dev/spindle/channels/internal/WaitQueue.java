package dev.spindle.channels.internal;

/**
 * A FIFO of {@link Waiter}s with O(1) removal, guarded by its channel's lock.
 *
 * <p>Intrusive (the links live in the waiters), so queueing allocates nothing beyond the waiter. A
 * select's waiters that another channel already won stay in the queue until their owner removes
 * them or {@link #pollClaimed()} meets and drops them.
 */
final class WaitQueue {
    private Waiter head;
    private Waiter tail;
    /** Waiters in the queue, stale select waiters included. */
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    void add(Waiter w) {
        w.queue = this;
        w.next = null;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /** Unlinks {@code w} if this queue holds it; a no-op otherwise. */
    void remove(Waiter w) {
        if (w.queue != this) {
            return;
        }
        w.queue = null;
        Waiter p = w.prev;
        Waiter n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        size--;
    }

    /**
     * Removes waiters from the head until one is claimed for the caller, dropping waiters whose
     * select already fired elsewhere or that were cancelled.
     *
     * @return a claimed waiter, now out of the queue, or {@code null} if none is left
     */
    Waiter pollClaimed() {
        Waiter w;
        while ((w = head) != null) {
            remove(w);
            if (w.claim()) {
                return w;
            }
        }
        return null;
    }
}
