package dev.spindle.channels.internal;

import dev.spindle.core.TaskDump;

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
    /** The channel this node is queued on; for the diagnostics. */
    final GoChannel<?> channel;
    /** Whether this node is a sender's; for the diagnostics. */
    final boolean send;
    /** A sender's value; for a receiver, {@code null}. */
    Object offered;

    /**
     * Queue links and the queue holding this node ({@code null} when in none), guarded by the lock of
     * the channel that owns that queue.
     */
    Waiter prev;
    Waiter next;
    WaitQueue queue;

    /** A plain blocked call on the current thread, a {@code send} or not, on {@code channel}. */
    Waiter(GoChannel<?> channel, boolean send, Object offered) {
        super(Thread.currentThread());
        this.owner = this;
        this.clause = 0;
        this.channel = channel;
        this.send = send;
        this.offered = offered;
    }

    /** A select's node for clause {@code clause}, on {@code channel}. */
    Waiter(Parker owner, int clause, GoChannel<?> channel, boolean send, Object offered) {
        super(owner.thread());
        this.owner = owner;
        this.clause = clause;
        this.channel = channel;
        this.send = send;
        this.offered = offered;
    }

    @Override
    public TaskDump.WaitsOn describe() {
        TaskDump.ChannelInfo info = channel.info();
        return send ? new TaskDump.WaitsOn.ChannelSend(info) : new TaskDump.WaitsOn.ChannelReceive(info);
    }

    boolean claim() {
        return owner.tryClaim();
    }

    void complete(Object value, int outcome) {
        owner.finish(clause, value, outcome);
    }
}
