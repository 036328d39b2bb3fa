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
     * {@return the current wait of {@code thread}, or {@code null}}
     *
     * @param thread a thread
     */
    public static Wait of(Thread thread) {
        return WAITS.get(thread);
    }
}
