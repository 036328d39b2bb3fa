package dev.spindle.core;

import java.io.Serial;
import java.util.Objects;

/**
 * Thrown by {@link TaskGroup#await()}, {@link TaskGroup#close()} and {@link TaskHandle#join()} when a
 * task failed. Its {@linkplain #getCause() cause} is exactly what the task threw (checked or not,
 * unwrapped); failures of the group's other tasks are attached as
 * {@linkplain #getSuppressed() suppressed} exceptions.
 *
 * @since 0.1.0
 */
public class TaskFailedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The failed task's name. */
    private final String taskName;

    /**
     * Creates the exception for a failed task.
     *
     * @param taskName the failed task's name (its thread's name)
     * @param cause what the task threw
     */
    public TaskFailedException(String taskName, Throwable cause) {
        super("task " + taskName + " failed: " + cause, Objects.requireNonNull(cause, "cause"));
        this.taskName = taskName;
    }

    /** {@return the name of the task whose failure this reports (its thread's name)} */
    public String taskName() {
        return taskName;
    }
}
