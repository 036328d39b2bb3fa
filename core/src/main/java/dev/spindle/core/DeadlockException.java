package dev.spindle.core;

import java.io.Serial;
import java.util.Objects;

/**
 * Go's {@code fatal error: all goroutines are asleep - deadlock!}, made catchable: thrown by
 * {@link TaskGroup#await()} and {@link TaskGroup#close()} of a group opened with
 * {@link TaskGroup.OnDeadlock#FAIL} after Spindle proved that its tasks were deadlocked. The group
 * was cancelled with this exception as its cause, which interrupted its tasks.
 *
 * <p>{@link #report()} is the dump of every task at the moment the deadlock was proven;
 * {@link #getMessage()} is that dump as text. What "proven" means is written on {@link Diagnostics}.
 *
 * @since 0.3.0
 */
public class DeadlockException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Not serialized: a report is for the process that made it. */
    private final transient TaskDump report;

    /**
     * Creates the exception for a proven deadlock.
     *
     * @param report the dump of the tasks when the deadlock was proven
     */
    public DeadlockException(TaskDump report) {
        super("all tasks are asleep - deadlock!\n\n" + Objects.requireNonNull(report, "report").toText());
        this.report = report;
    }

    /** {@return the dump of the tasks when the deadlock was proven; {@code null} after deserialization} */
    public TaskDump report() {
        return report;
    }
}
