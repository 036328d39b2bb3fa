package dev.spindle.channels.internal;

/**
 * A node in a channel's queue of blocked senders or receivers: Go's {@code sudog}.
 *
 * <p>For a plain call the waiter is its own {@link Parker}; for a {@code select} it points at the
 * select's shared parker and remembers its clause index. {@link #offered} is the value a sender
 * offers; a receiver that takes a blocked sender's value while refilling the buffer swaps the
 * buffered value into it (see {@link GoChannel#pollLocked()}).
 */
final class Waiter extends Parker {
    /** The parker that decides this wait: {@code this} for a plain call, the select's otherwise. */
    final Parker owner;
    /** The clause index in the owning select, 0 for a plain call. */
    final int clause;
    /** A sender's value; for a receiver, {@code null}. */
    Object offered;

    /**
     * Queue links and the queue holding this node ({@code null} when in none), guarded by the lock of
     * the channel that owns that queue.
     */
    Waiter prev;
    Waiter next;
    WaitQueue queue;

    /** A plain blocked call on the current thread. */
    Waiter(Object offered) {
        super(Thread.currentThread());
        this.owner = this;
        this.clause = 0;
        this.offered = offered;
    }

    /** A select's node for clause {@code clause}. */
    Waiter(Parker owner, int clause, Object offered) {
        super(owner.thread);
        this.owner = owner;
        this.clause = clause;
        this.offered = offered;
    }

    boolean claim() {
        return owner.tryClaim();
    }

    void complete(Object value, int outcome) {
        owner.finish(clause, value, outcome);
    }
}
