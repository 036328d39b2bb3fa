package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TaskDump} from the open groups ({@link GroupInfo}), the blocked calls
 * ({@link Waits}) and the JDK's thread dump ({@link JdkThreads}), joined by thread: a thread named
 * {@code spindle-group-G-N} is a task of group G; a thread with a registered wait is blocked on what
 * that wait describes.
 *
 * <p>If the JDK's dump cannot be taken (no {@code jdk.management} module in a custom runtime, no
 * temporary directory), the dump lists only the blocked tasks, without stacks.
 */
public final class Dumper {
    private Dumper() {
    }

    /** {@return a snapshot of every live task} */
    public static TaskDump dump() {
        Instant taken = Instant.now();
        long nowNanos = System.nanoTime();
        Map<Long, Wait> waits = new HashMap<>();
        for (Wait w : Waits.snapshot()) {
            waits.put(w.thread().threadId(), w);
        }
        Map<Long, GroupInfo> groups = new LinkedHashMap<>();
        GroupInfo.open().stream().sorted(Comparator.comparingLong(GroupInfo::id)).forEach(g -> groups.put(g.id(), g));
        List<JdkThreads.Entry> threads = jdkThreads(waits);

        Map<Long, List<TaskDump.Task>> tasksByGroup = new HashMap<>();
        List<TaskDump.Task> others = new ArrayList<>();
        for (JdkThreads.Entry t : threads) {
            Wait w = waits.get(t.id());
            TaskDump.Task task = new TaskDump.Task(t.name(), t.id(), t.virtual(), t.state(),
                    w == null ? null : waiting(w, taken, nowNanos), t.frames());
            long gid = GroupInfo.groupOf(t.name());
            if (groups.containsKey(gid)) {
                tasksByGroup.computeIfAbsent(gid, k -> new ArrayList<>()).add(task);
            } else if (w != null) {
                others.add(task);
            }
        }
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

    private static TaskDump.Group group(long id, Map<Long, GroupInfo> groups, Map<Long, List<TaskDump.Task>> tasks,
            Map<Long, List<Long>> children) {
        GroupInfo g = groups.get(id);
        List<TaskDump.Group> kids = new ArrayList<>();
        for (long child : children.getOrDefault(id, List.of())) {
            kids.add(group(child, groups, tasks, children));
        }
        List<TaskDump.Task> mine = new ArrayList<>(tasks.getOrDefault(id, List.of()));
        mine.sort(Comparator.comparingLong(t -> taskNumber(t.name())));
        return new TaskDump.Group(id, g.name(), g.state(), g.opened(), g.running(), mine, kids);
    }

    private static long taskNumber(String name) {
        int dash = name.lastIndexOf('-');
        try {
            return Long.parseLong(name, dash + 1, name.length(), 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The JDK's threads; if its dump fails, a stack-less entry per blocked thread. */
    private static List<JdkThreads.Entry> jdkThreads(Map<Long, Wait> waits) {
        try {
            return JdkThreads.take();
        } catch (UncheckedIOException | UnsupportedOperationException | IllegalArgumentException
                | LinkageError e) {
            List<JdkThreads.Entry> fallback = new ArrayList<>();
            for (Wait w : waits.values()) {
                Thread t = w.thread();
                fallback.add(new JdkThreads.Entry(t.threadId(), t.getName(), t.isVirtual(), t.getState().name(),
                        List.of()));
            }
            return fallback;
        }
    }

    /** {@code w} as a {@link TaskDump.Waiting} at the time the dump was taken. */
    static TaskDump.Waiting waiting(Wait w, Instant taken, long nowNanos) {
        long waitedNanos = Math.max(0, nowNanos - w.sinceNanos());
        return new TaskDump.Waiting(w.describe(), taken.minusNanos(waitedNanos), Duration.ofNanos(waitedNanos),
                w.endsByItself());
    }
}
