package dev.spindle.http.internal;

import dev.spindle.core.TaskDump;
import dev.spindle.core.internal.DumpText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML page of {@code Debug.handler()}: a {@link TaskDump} laid out for a person, top to bottom
 * in the order of the questions one asks of a stuck server. A summary (when, how long the snapshot
 * took, how many groups, tasks and blocked tasks); what is blocked, longest wait first, as a table
 * ({@code <table id="blocked">}, one {@code <tr class="blocked-task">} per task); the open groups as
 * nested lists ({@code <li class="group">} holding {@code <details>}, its tasks as
 * {@code <li class="task">} with the stack in a collapsed {@code <pre>}, its child groups in a nested
 * {@code <ul>}); the blocked threads outside any group; the last deadlock's report. The ids and
 * classes are stable: tests and scrapers may rely on them.
 *
 * <p>Invariant: every string that comes from the dump (thread, group and channel names, stacks,
 * wait descriptions) is written through {@link #text(StringBuilder, String)}, which escapes it;
 * thread and channel names are the application's data. The page has no script and loads nothing.
 */
final class DebugPage {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
            h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd}
            code,pre,.name{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
            table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.for{white-space:nowrap;text-align:right}td.group{white-space:nowrap}
            ul{list-style:none;padding-left:1.4em;margin:.2em 0}#groups>ul{padding-left:0}
            summary{cursor:pointer}.label{font-weight:600}.state{color:#555}
            .wait{color:#9a3412}.timeout{color:#555}.none{color:#555;font-style:italic}
            pre{background:#f7f7f7;padding:.5em;margin:.2em 0 .5em;overflow-x:auto}
            .summary b{font-variant-numeric:tabular-nums}
            """;

    private DebugPage() {
    }

    /** A task and the label of the group it belongs to ({@code null} outside any group). */
    private record Placed(TaskDump.Task task, String group) {
    }

    /**
     * {@return the page}
     *
     * @param dump the snapshot to show
     * @param took how long the snapshot took
     * @param lastDeadlock the dump of the last proven deadlock, or {@code null}
     */
    static String render(TaskDump dump, Duration took, TaskDump lastDeadlock) {
        List<Placed> all = new ArrayList<>();
        for (TaskDump.Group g : dump.groups()) {
            place(g, all);
        }
        for (TaskDump.Task t : dump.others()) {
            all.add(new Placed(t, null));
        }
        List<Placed> blocked = all.stream().filter(p -> p.task().waiting() != null)
                .sorted(Comparator.comparing((Placed p) -> p.task().waiting().waited()).reversed())
                .toList();
        StringBuilder b = new StringBuilder(8192 + 2048 * all.size());
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Spindle tasks</title><style>").append(STYLE).append("</style></head>\n<body>\n");
        summary(b, dump, took, countGroups(dump.groups()), all.size(), blocked.size());
        blockedTable(b, blocked);
        groups(b, dump.groups());
        others(b, dump.others());
        deadlock(b, lastDeadlock);
        return b.append("</body></html>\n").toString();
    }

    private static void place(TaskDump.Group g, List<Placed> into) {
        for (TaskDump.Task t : g.tasks()) {
            into.add(new Placed(t, g.label()));
        }
        for (TaskDump.Group c : g.children()) {
            place(c, into);
        }
    }

    private static int countGroups(List<TaskDump.Group> groups) {
        int n = groups.size();
        for (TaskDump.Group g : groups) {
            n += countGroups(g.children());
        }
        return n;
    }

    private static void summary(StringBuilder b, TaskDump dump, Duration took, int groups, int tasks, int blocked) {
        b.append("<header>\n<h1>Spindle tasks</h1>\n<p class=\"summary\">Snapshot taken at <time datetime=\"");
        text(b, dump.taken().toString());
        b.append("\">");
        text(b, dump.taken().toString());
        b.append("</time> in ").append(DumpText.human(took)).append(": <b id=\"group-count\">").append(groups)
                .append("</b> ").append(groups == 1 ? "group" : "groups").append(", <b id=\"task-count\">")
                .append(tasks).append("</b> ").append(tasks == 1 ? "task" : "tasks")
                .append(", <b id=\"blocked-count\">").append(blocked).append("</b> blocked.</p>\n")
                .append("<p>Reload for a new snapshot. Also as <a id=\"json-link\" href=\"?format=json\">JSON</a>")
                .append(" and as <a id=\"text-link\" href=\"?format=text\">text</a> (Go's goroutine dump).</p>\n")
                .append("</header>\n");
    }

    private static void blockedTable(StringBuilder b, List<Placed> blocked) {
        b.append("<section id=\"blocked-tasks\">\n<h2>Blocked tasks, longest wait first</h2>\n");
        if (blocked.isEmpty()) {
            b.append("<p class=\"none\">No task is blocked in a Spindle call.</p>\n</section>\n");
            return;
        }
        b.append("<table id=\"blocked\"><thead><tr><th>Task</th><th>Group</th><th>Waits on</th><th>For</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (Placed p : blocked) {
            TaskDump.Waiting w = p.task().waiting();
            b.append("<tr class=\"blocked-task\"><td class=\"name\">");
            text(b, p.task().name());
            b.append("</td><td class=\"group\">");
            text(b, p.group() == null ? "not in a group" : p.group());
            b.append("</td><td class=\"on\"><code>");
            text(b, w.on().describe());
            b.append("</code></td><td class=\"for\">").append(DumpText.human(w.waited()));
            if (w.endsByItself()) {
                b.append(" <span class=\"timeout\">(with a timeout)</span>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void groups(StringBuilder b, List<TaskDump.Group> groups) {
        b.append("<section id=\"groups\">\n<h2>Task groups</h2>\n");
        if (groups.isEmpty()) {
            b.append("<p class=\"none\">No task group is open.</p>\n");
        } else {
            groupList(b, groups);
        }
        b.append("</section>\n");
    }

    private static void groupList(StringBuilder b, List<TaskDump.Group> groups) {
        b.append("<ul class=\"groups\">\n");
        for (TaskDump.Group g : groups) {
            b.append("<li class=\"group\" id=\"group-").append(g.id()).append("\"><details open><summary>")
                    .append("<span class=\"label\">");
            text(b, g.label());
            b.append("</span> <span class=\"state\">");
            text(b, g.state());
            b.append("</span>, <span class=\"running\">").append(g.running()).append(g.running() == 1 ? " task" : " tasks")
                    .append(" running</span>, opened ");
            text(b, g.opened().toString());
            b.append("</summary>\n");
            if (g.tasks().isEmpty()) {
                b.append("<p class=\"none\">No live task.</p>\n");
            } else {
                taskList(b, g.tasks());
            }
            if (!g.children().isEmpty()) {
                groupList(b, g.children());
            }
            b.append("</details></li>\n");
        }
        b.append("</ul>\n");
    }

    private static void taskList(StringBuilder b, List<TaskDump.Task> tasks) {
        b.append("<ul class=\"tasks\">\n");
        for (TaskDump.Task t : tasks) {
            b.append("<li class=\"task\"><span class=\"name\">");
            text(b, t.name());
            b.append("</span> ");
            TaskDump.Waiting w = t.waiting();
            if (w == null) {
                b.append("<span class=\"state\">");
                text(b, t.state().equals("UNKNOWN") ? "not in a Spindle wait" : t.state());
            } else {
                b.append("<span class=\"wait\">");
                text(b, w.on().describe());
                b.append(", ").append(DumpText.human(w.waited()));
                if (w.endsByItself()) {
                    b.append(", with a timeout");
                }
            }
            b.append("</span> <span class=\"state\">(").append(t.virtual() ? "virtual" : "platform")
                    .append(" thread #").append(t.threadId()).append(")</span>\n");
            stack(b, t.stack());
            b.append("</li>\n");
        }
        b.append("</ul>\n");
    }

    private static void stack(StringBuilder b, List<String> frames) {
        if (frames.isEmpty()) {
            b.append("<span class=\"none\">(no stack)</span>\n");
            return;
        }
        b.append("<details class=\"stack\"><summary>stack, ").append(frames.size())
                .append(frames.size() == 1 ? " frame" : " frames").append("</summary><pre>");
        for (String frame : frames) {
            text(b, frame);
            b.append('\n');
        }
        b.append("</pre></details>\n");
    }

    private static void others(StringBuilder b, List<TaskDump.Task> others) {
        b.append("<section id=\"others\">\n<h2>Not in a group</h2>\n");
        if (others.isEmpty()) {
            b.append("<p class=\"none\">No thread outside a task group is blocked in a Spindle call.</p>\n");
        } else {
            b.append("<p>Threads that are not tasks of an open group (for example <code>main</code> or a")
                    .append(" <code>go(...)</code> task), blocked in a Spindle call.</p>\n");
            taskList(b, others);
        }
        b.append("</section>\n");
    }

    private static void deadlock(StringBuilder b, TaskDump lastDeadlock) {
        b.append("<section id=\"deadlock\">\n<h2>Last deadlock</h2>\n");
        if (lastDeadlock == null) {
            b.append("<p class=\"none\">No deadlock has been proven in this process.</p>\n");
        } else {
            b.append("<p>Proven at ");
            text(b, lastDeadlock.taken().toString());
            b.append(" (the tasks may have been failed since, if their group fails on deadlock):</p>\n<pre>");
            text(b, lastDeadlock.toText());
            b.append("</pre>\n");
        }
        b.append("</section>\n");
    }

    /** Appends {@code s} escaped for HTML text and for a double- or single-quoted attribute. */
    private static void text(StringBuilder b, String s) {
        b.append(Redirects.htmlEscape(s));
    }
}
