package dev.spindle.core.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event: a {@code TaskGroup} task that ran at least the threshold (1 s by default: long-running
 * tasks, not every task). Committed on the task's thread when it ends, before the group counts the
 * end. Off unless a recording enables it.
 */
@Name("dev.spindle.TaskRun")
@Label("Task Run")
@Category({"Spindle", "Tasks"})
@Description("A TaskGroup task that ran at least the threshold")
@Threshold("1 s")
@StackTrace(false)
public final class TaskRunEvent extends jdk.jfr.Event {
    /** An event not yet begun; fields are set just before {@code commit}. */
    public TaskRunEvent() {
        // fields stay null until the event is committed
    }

    /** The task's name ({@code spindle-group-G-N}). */
    @Label("Task")
    public String task;

    /** The group, as its {@code toString()}. */
    @Label("Group")
    public String group;

    /** SUCCEEDED, FAILED or CANCELLED. */
    @Label("Outcome")
    public String outcome;
}
