package dev.spindle.core.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event: a {@code TaskGroup} was cancelled, by its first failing task or by
 * {@code TaskGroup.cancel(cause)}; committed on the thread that caused it, once per group. Off unless
 * a recording enables it.
 */
@Name("dev.spindle.TaskGroupFailed")
@Label("Task Group Failed")
@Category({"Spindle", "Tasks"})
@Description("A TaskGroup was cancelled by a failing task or by cancel(cause)")
public final class TaskGroupFailedEvent extends jdk.jfr.Event {
    /** An event not yet begun; fields are set just before {@code commit}. */
    public TaskGroupFailedEvent() {
        // fields stay null until the event is committed
    }

    /** The group, as its {@code toString()}. */
    @Label("Group")
    public String group;

    /** {@code failed} (a task threw) or {@code cancelled} ({@code cancel(cause)}). */
    @Label("Reason")
    public String reason;

    /** The failing task's name; {@code null} for {@code cancel(cause)}. */
    @Label("Task")
    public String task;

    /** The cause's class. */
    @Label("Cause")
    public Class<?> causeClass;

    /** The cause's message. */
    @Label("Message")
    public String message;

    /**
     * Commits one event if a recording wants it.
     *
     * @param group the group
     * @param reason {@code failed} or {@code cancelled}
     * @param task the failing task's name, or {@code null}
     * @param cause the cause, or {@code null}
     */
    public static void emit(Object group, String reason, String task, Throwable cause) {
        TaskGroupFailedEvent event = new TaskGroupFailedEvent();
        if (event.shouldCommit()) {
            event.group = String.valueOf(group);
            event.reason = reason;
            event.task = task;
            event.causeClass = cause == null ? null : cause.getClass();
            event.message = cause == null ? null : cause.getMessage();
            event.commit();
        }
    }
}
