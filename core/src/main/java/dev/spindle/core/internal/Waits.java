package dev.spindle.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocked Spindle calls of the process, one per thread at most: what the task dump and the
 * deadlock detector read.
 *
 * <p>Cost: a call that does not wait never comes here. A call that parks registers once before its
 * first park and removes itself when it returns: one map insertion and one removal, beside a park
 * and an unpark that cost microseconds.
 */
public final class Waits {
    private static final ConcurrentHashMap<Thread, Wait> WAITS = new ConcurrentHashMap<>();

    private Waits() {
    }

    /**
     * Registers {@code wait} as its thread's current wait and starts the watchdog if it is not
     * running.
     *
     * @param wait the call about to park
     */
    public static void begin(Wait wait) {
        wait.sinceNanos = System.nanoTime();
        WAITS.put(wait.thread, wait);
        Watchdog.ensureStarted();
    }

    /**
     * Removes {@code wait}; call in a {@code finally} after {@link #begin}.
     *
     * @param wait the call that stopped waiting
     */
    public static void end(Wait wait) {
        WAITS.remove(wait.thread, wait);
    }

    /** {@return the current waits, a snapshot} */
    public static List<Wait> snapshot() {
        return new ArrayList<>(WAITS.values());
    }

    /**
     * {@return the current wait of {@code thread}: registered, or its park blocker; or {@code null}}
     *
     * @param thread a thread
     */
    public static Wait of(Thread thread) {
        Wait w = WAITS.get(thread);
        return w != null ? w : Wait.blockerOf(thread);
    }

    /**
     * {@return whether a channel call of the current thread may skip {@link #begin}: the thread is a
     * group's task, listed by its group, and its waiter is its park blocker}
     */
    public static boolean foundByBlocker() {
        return GroupInfo.groupOf(Thread.currentThread().getName()) >= 0;
    }

    /**
     * Adds to {@code into} the waits the open groups' tasks are parked in as park blockers.
     *
     * @param into where to add them
     */
    public static void addBlockedTasks(List<Wait> into) {
        for (GroupInfo g : GroupInfo.open()) {
            for (Thread t : g.tasks()) {
                Wait w = Wait.blockerOf(t);
                if (w != null && w.thread() == t) {
                    into.add(w);
                }
            }
        }
    }
}
