package dev.spindle.core.internal;

import dev.spindle.core.DeadlockException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the diagnostics know of an open task group: registered when the group opens, removed when it
 * closes (one map insertion and one removal per group). Its tasks are listed by the group itself
 * ({@link #tasks()}; one CAS per task).
 */
public abstract class GroupInfo {
    private static final ConcurrentHashMap<GroupInfo, Boolean> OPEN = new ConcurrentHashMap<>();

    private final long id;
    private final Thread opener;
    private final long openedMillis;

    /**
     * Records the group's number, the opening thread and the time.
     *
     * @param id the group's number
     */
    protected GroupInfo(long id) {
        this.id = id;
        this.opener = Thread.currentThread();
        this.openedMillis = System.currentTimeMillis();
    }

    /** Adds this group to the open groups and starts the watchdog if it is not running. */
    public final void register() {
        OPEN.put(this, Boolean.TRUE);
        Watchdog.ensureStarted();
    }

    /** Removes this group from the open groups. */
    public final void unregister() {
        OPEN.remove(this);
    }

    /** {@return the open groups, a live view} */
    public static Collection<GroupInfo> open() {
        return OPEN.keySet();
    }

    /** {@return the group's number} */
    public final long id() {
        return id;
    }

    /** {@return the thread that opened the group; a task of its parent group if it has one} */
    public final Thread opener() {
        return opener;
    }

    /** {@return when the group opened} */
    public final Instant opened() {
        return Instant.ofEpochMilli(openedMillis);
    }

    /** {@return the thread name prefix of its tasks, {@code spindle-group-ID-}} */
    public final String threadPrefix() {
        return prefix(id);
    }

    /**
     * {@return the thread name prefix of group {@code id}'s tasks}
     *
     * @param id a group number
     */
    public static String prefix(long id) {
        return "spindle-group-" + id + "-";
    }

    /**
     * {@return the number of the group whose task {@code thread} is, or -1 when it is none}
     *
     * @param threadName a thread's name
     */
    public static long groupOf(String threadName) {
        if (!threadName.startsWith("spindle-group-")) {
            return -1;
        }
        int start = "spindle-group-".length();
        int end = threadName.indexOf('-', start);
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(threadName, start, end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@return the name given to the group, or {@code null}} */
    public abstract String name();

    /** {@return {@code running}, {@code cancelled} or {@code closing}} */
    public abstract String state();

    /** {@return its tasks that have not ended} */
    public abstract long running();

    /** {@return the threads of its tasks that have not ended, oldest last} */
    public abstract List<Thread> tasks();

    /** {@return whether the group fails with a {@link DeadlockException} when its tasks deadlock} */
    public abstract boolean failsOnDeadlock();

    /**
     * Fails the group because its tasks deadlocked: cancels it with {@code e} as the cause, which
     * interrupts its tasks; {@code await} then throws {@code e}.
     *
     * @param e the report
     */
    public abstract void failDeadlocked(DeadlockException e);

    /** {@return {@code group 3 "crawler"}, or {@code group 3}} */
    public final String label() {
        String n = name();
        return n == null ? "group " + id : "group " + id + " \"" + n + "\"";
    }
}
