package dev.spindle.core;

import dev.spindle.core.internal.Scheduler;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Go's {@code go} statement: start a task on its own virtual thread.
 *
 * {@snippet :
 * import static dev.spindle.core.Go.go;
 *
 * go(() -> System.out.println("hello from " + Thread.currentThread().getName()));
 * }
 *
 * <p>A task started this way belongs to nobody: nothing waits for it and nothing cancels it. Prefer
 * {@link TaskGroup} when the caller needs the result, the failure, or the guarantee that the task
 * ends before the caller moves on.
 *
 * <p>An exception thrown by the task goes to the thread's uncaught-exception handler (Go would crash
 * the program; Java prints it), except {@link InterruptedException} and {@link CancelledException},
 * which mean the task stopped because it was asked to.
 *
 * @since 0.1.0
 */
public final class Go {
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("spindle-go-", 0).factory();

    private Go() {
    }

    /**
     * Starts {@code task} on a new virtual thread named {@code spindle-go-N}.
     *
     * @param task what to run
     * @return the started thread
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        Thread thread = THREADS.newThread(() -> runReporting(task));
        thread.start();
        return thread;
    }

    /**
     * Starts {@code task} on a new virtual thread with the given name.
     *
     * @param name the thread's name, as it will appear in thread dumps
     * @param task what to run
     * @return the started thread
     */
    public static Thread go(String name, Task task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        return Thread.ofVirtual().name(name).start(() -> runReporting(task));
    }

    private static void runReporting(Task task) {
        try {
            task.run();
        } catch (InterruptedException | CancelledException stopped) {
            // asked to stop: nothing to report
        } catch (Throwable t) {
            Scheduler.reportUncaught(t);
        }
    }
}
