package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link TaskDump} from the open groups ({@link GroupInfo}, each listing its live tasks'
 * threads) and the blocked calls ({@link Waits}), joined by thread; stacks come from
 * {@link Thread#getStackTrace()}.
 *
 * <p>Not from the JDK's thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}): on JDK 25.0.3 it
 * crashed the JVM (SIGSEGV in {@code GetThreadSnapshotClosure::do_thread}, JDK-8364343 and
 * JDK-8392031) within seconds of dumping in a loop while virtual threads parked and unparked, which
 * is exactly when someone looks at a dump. {@code Thread.getStackTrace()} takes a virtual thread's
 * stack safely: it keeps an unmounted thread from mounting while it reads it.
 */
public final class Dumper {
    /** At most this many frames are kept per task. */
    static final int MAX_FRAMES = 48;

    private Dumper() {
    }

    /** {@return a snapshot of every live task} */
    public static TaskDump dump() {
        Instant taken = Instant.now();
        long nowNanos = System.nanoTime();
        Map<Long, GroupInfo> groups = new LinkedHashMap<>();
        GroupInfo.open().stream().sorted(Comparator.comparingLong(GroupInfo::id)).forEach(g -> groups.put(g.id(), g));
        Map<Long, List<TaskDump.Task>> tasksByGroup = new HashMap<>();
        Set<Thread> listed = new HashSet<>();
        for (GroupInfo g : groups.values()) {
            List<TaskDump.Task> tasks = new ArrayList<>();
            for (Thread t : g.tasks()) {
                if (t.getState() != Thread.State.TERMINATED && listed.add(t)) {
                    tasks.add(task(t, taken, nowNanos));
                }
            }
            tasks.sort(Comparator.comparingLong(t -> taskNumber(t.name())));
            tasksByGroup.put(g.id(), tasks);
        }
        List<TaskDump.Task> others = new ArrayList<>();
        for (Wait w : Waits.snapshot()) {
            if (!listed.contains(w.thread())) {
                others.add(task(w.thread(), taken, nowNanos));
            }
        }
        others.sort(Comparator.comparing(TaskDump.Task::name));
        Map<Long, List<Long>> children = new HashMap<>();
        List<Long> roots = new ArrayList<>();
        for (GroupInfo g : groups.values()) {
            long parent = GroupInfo.groupOf(g.opener().getName());
            if (parent != g.id() && groups.containsKey(parent)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(g.id());
            } else {
                roots.add(g.id());
            }
        }
        List<TaskDump.Group> rootGroups = new ArrayList<>();
        for (long id : roots) {
            rootGroups.add(group(id, groups, tasksByGroup, children));
        }
        return new TaskDump(taken, rootGroups, others);
    }

    private static TaskDump.Task task(Thread t, Instant taken, long nowNanos) {
        Wait w = Waits.of(t);
        List<String> stack = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if (stack.size() == MAX_FRAMES) {
                break;
            }
            stack.add(frame(e));
        }
        return new TaskDump.Task(t.getName(), t.threadId(), t.isVirtual(), t.getState().name(),
                w == null ? null : waiting(w, taken, nowNanos), stack);
    }

    /** A frame as the JDK's thread dump prints it: {@code java.base/java.lang.Thread.run(Thread.java:1474)}. */
    private static String frame(StackTraceElement e) {
        String module = e.getModuleName() == null ? "" : e.getModuleName() + "/";
        return module + e.getClassName() + "." + e.getMethodName() + "(" + where(e) + ")";
    }

    private static String where(StackTraceElement e) {
        if (e.isNativeMethod()) {
            return "Native Method";
        }
        if (e.getFileName() == null) {
            return "Unknown Source";
        }
        return e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
    }

    private static TaskDump.Group group(long id, Map<Long, GroupInfo> groups, Map<Long, List<TaskDump.Task>> tasks,
            Map<Long, List<Long>> children) {
        GroupInfo g = groups.get(id);
        List<TaskDump.Group> kids = new ArrayList<>();
        for (long child : children.getOrDefault(id, List.of())) {
            kids.add(group(child, groups, tasks, children));
        }
        return new TaskDump.Group(id, g.name(), g.state(), g.opened(), g.running(), tasks.getOrDefault(id, List.of()),
                kids);
    }

    private static long taskNumber(String name) {
        int dash = name.lastIndexOf('-');
        try {
            return Long.parseLong(name, dash + 1, name.length(), 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code w} as a {@link TaskDump.Waiting} at the time the dump was taken. */
    static TaskDump.Waiting waiting(Wait w, Instant taken, long nowNanos) {
        long waitedNanos = Math.max(0, nowNanos - w.sinceNanos());
        return new TaskDump.Waiting(w.describe(), taken.minusNanos(waitedNanos), Duration.ofNanos(waitedNanos),
                w.endsByItself());
    }
}
