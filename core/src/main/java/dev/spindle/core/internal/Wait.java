package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

/**
 * One blocked Spindle call, as the diagnostics see it. It is found in one of two ways:
 * <ul>
 *   <li>registered with {@link Waits} from the moment its thread parks (after any brief spin) until
 *       it returns: {@code WaitGroup}, {@code TaskGroup.await}, {@code Context.await}, cluster waits,
 *       and channel waits of threads that are no group's task;</li>
 *   <li>as the thread's park blocker ({@link java.util.concurrent.locks.LockSupport#getBlocker}):
 *       a channel call of a group's task parks with its waiter, which is a {@code Wait}, as the
 *       blocker, and registers nothing (the group lists its tasks). That costs the hand-off paths
 *       no allocation and no map operation.</li>
 * </ul>
 * Made only on the wait path: a call that does not wait makes none.
 *
 * <p>The diagnostics read it from other threads: {@link #describe()} and {@link #settled()} must be
 * safe to call from any thread at any time, and must not block for long.
 */
public abstract class Wait {
    /** The blocked thread. */
    final Thread thread;
    /** {@link System#nanoTime()} when it parked ({@link Waits#begin} or {@link #parkedAt}). */
    volatile long sinceNanos;

    /** A wait of the current thread. */
    protected Wait() {
        this.thread = Thread.currentThread();
    }

    /**
     * A wait of {@code thread}.
     *
     * @param thread the thread that will block
     */
    protected Wait(Thread thread) {
        this.thread = thread;
    }

    /**
     * Records when the call parked, for a wait found as a park blocker rather than registered.
     *
     * @param nanos a {@link System#nanoTime()} reading
     */
    protected final void parkedAt(long nanos) {
        sinceNanos = nanos;
    }

    /**
     * {@return the Spindle wait {@code thread} is parked in as its park blocker, or {@code null}}
     *
     * @param thread a thread
     */
    public static Wait blockerOf(Thread thread) {
        return java.util.concurrent.locks.LockSupport.getBlocker(thread) instanceof Wait w ? w : null;
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
