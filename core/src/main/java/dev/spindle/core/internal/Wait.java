package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

/**
 * One blocked Spindle call, registered with {@link Waits} from the moment its thread parks (after
 * any brief spin) until it returns. Made only on the wait path: a call that does not wait makes none.
 *
 * <p>The diagnostics read it from other threads: {@link #describe()} and {@link #settled()} must be
 * safe to call from any thread at any time, and must not block for long.
 */
public abstract class Wait {
    /** The blocked thread. */
    final Thread thread;
    /** {@link System#nanoTime()} when {@link Waits#begin} registered it. */
    volatile long sinceNanos;

    /** A wait of the current thread. */
    protected Wait() {
        this.thread = Thread.currentThread();
    }

    /** {@return the blocked thread} */
    public final Thread thread() {
        return thread;
    }

    /** {@return the {@link System#nanoTime()} at which the call parked} */
    public final long sinceNanos() {
        return sinceNanos;
    }

    /** {@return what the call waits on, as it is now} */
    public abstract TaskDump.WaitsOn describe();

    /**
     * {@return whether another thread has already decided this wait (handed it a value, closed its
     * channel, counted its group down), so the thread is runnable or about to be}
     */
    public abstract boolean settled();

    /** {@return whether the wait ends on its own: a timeout, a deadline, or a context with one} */
    public abstract boolean endsByItself();
}
