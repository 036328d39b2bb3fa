package dev.spindle.core;

/**
 * A piece of work with no result that may throw; what {@link Go#go(Task)} and
 * {@link TaskGroup#go(Task)} run. The void twin of {@link java.util.concurrent.Callable}, so that a
 * lambda may call blocking methods that throw {@link InterruptedException} or I/O exceptions.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Task {
    /**
     * Does the work.
     *
     * @throws Exception if the work fails
     */
    void run() throws Exception;
}
