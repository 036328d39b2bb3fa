package dev.spindle.core.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of a Spindle process, shared by context deadlines (and later by channel
 * timers), so no call starts a thread per timer.
 *
 * <p>A {@link ScheduledThreadPoolExecutor} with a single daemon platform thread named
 * {@code spindle-timer}. Cancelled timers are removed from its queue at once
 * ({@code removeOnCancelPolicy}), so a million contexts whose timeouts are cancelled early leave no
 * trace. Actions run on the timer thread and must be short; an exception thrown by one is passed to
 * the uncaught-exception handler and does not stop the thread.
 */
public final class Scheduler {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Scheduler() {
    }

    private static ScheduledThreadPoolExecutor create() {
        var executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "spindle-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Runs {@code action} on the timer thread after {@code delayNanos}.
     *
     * @param delayNanos delay in nanoseconds, may be zero or negative
     * @param action what to run; must be short
     * @return a handle whose {@code cancel(false)} removes the timer
     */
    public static ScheduledFuture<?> schedule(long delayNanos, Runnable action) {
        return EXECUTOR.schedule(() -> runReporting(action), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The number of timers waiting; a snapshot, for leak tests.
     *
     * @return the queue length
     */
    public static int pending() {
        return EXECUTOR.getQueue().size();
    }

    static void runReporting(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            reportUncaught(t);
        }
    }

    /**
     * Hands {@code t} to the current thread's uncaught-exception handler: where Spindle reports what
     * user code threw when nobody is waiting for it (callbacks, {@code go} tasks, observers).
     *
     * @param t what was thrown
     */
    public static void reportUncaught(Throwable t) {
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, t);
    }
}
