package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

import java.time.Duration;
import java.util.List;

/** {@link TaskDump#toText()}: Go's goroutine dump layout, groups indented as a tree. */
public final class DumpText {
    private DumpText() {
    }

    /**
     * {@return {@code dump} as text}
     *
     * @param dump a dump
     */
    public static String render(TaskDump dump) {
        StringBuilder b = new StringBuilder("spindle task dump at ").append(dump.taken()).append('\n');
        if (dump.groups().isEmpty() && dump.others().isEmpty()) {
            b.append("\nno open task group and no blocked call\n");
        }
        for (TaskDump.Group g : dump.groups()) {
            group(b, g, "");
        }
        if (!dump.others().isEmpty()) {
            b.append("\nnot in a task group:\n");
            for (TaskDump.Task t : dump.others()) {
                task(b, t, "  ", "thread ");
            }
        }
        return b.toString();
    }

    private static void group(StringBuilder b, TaskDump.Group g, String indent) {
        b.append('\n').append(indent).append(g.label()).append(": ").append(g.state()).append(", ")
                .append(g.running()).append(g.running() == 1 ? " task" : " tasks").append(" running, opened ")
                .append(g.opened()).append('\n');
        for (TaskDump.Task t : g.tasks()) {
            task(b, t, indent + "  ", "task ");
        }
        for (TaskDump.Group c : g.children()) {
            group(b, c, indent + "  ");
        }
    }

    private static void task(StringBuilder b, TaskDump.Task t, String indent, String word) {
        b.append(indent).append(word).append(t.name()).append(" [");
        if (t.waiting() != null) {
            b.append(t.waiting().on().describe()).append(", ").append(human(t.waiting().waited()));
            if (t.waiting().endsByItself()) {
                b.append(", can end by itself");
            }
        } else {
            b.append(t.state().equals("UNKNOWN") ? "not in a Spindle wait" : t.state());
        }
        b.append("]:\n");
        List<String> stack = t.stack();
        int first = firstOwnFrame(stack);
        if (first > 0) {
            b.append(indent).append("    (").append(first).append(first == 1 ? " JDK frame" : " JDK frames")
                    .append(" of the park)\n");
        }
        for (String frame : stack.subList(first, stack.size())) {
            b.append(indent).append("    ").append(frame).append('\n');
        }
    }

    /** The first frame outside {@code java.base}: the JDK's park machinery above it is left out. */
    private static int firstOwnFrame(List<String> stack) {
        for (int i = 0; i < stack.size(); i++) {
            if (!stack.get(i).startsWith("java.base/")) {
                return i;
            }
        }
        return 0; // all JDK: show them all
    }

    /**
     * {@return a wait's length as Go prints it: {@code 250ms}, {@code 12s}, {@code 3 minutes}}
     *
     * @param d a duration
     */
    public static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 120_000) {
            return millis / 1000 + "s";
        }
        return d.toMinutes() + " minutes";
    }
}
