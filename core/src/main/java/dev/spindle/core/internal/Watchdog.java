package dev.spindle.core.internal;

import dev.spindle.core.DeadlockException;
import dev.spindle.core.TaskDump;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlock and stall detector: one daemon platform thread, {@code spindle-watchdog}, started by
 * the first task group or the first blocked Spindle call, that looks every {@link #INTERVAL_MILLIS}.
 *
 * <h2>Deadlock: Go's rule, over the whole JVM</h2>
 * A check passes when all of this holds at once:
 * <ol>
 *   <li>at least one Spindle call is blocked, and none of them is settled (already handed its value
 *       or woken) or ends by itself (a timeout, a deadline, a context with a deadline);</li>
 *   <li>no Spindle timer is pending (a timer could close a channel or cancel a context);</li>
 *   <li>every platform thread is a JDK thread (its thread group is {@code system},
 *       {@code InnocuousThreadGroup} or {@code CarrierThreads}, or it is {@code DestroyJavaVM}), this
 *       watchdog, the timer thread, a worker of a fork/join pool with no task running or queued, or
 *       blocked in a Spindle call (and not interrupted);</li>
 *   <li>every virtual thread in the JDK's thread dump is blocked in a Spindle call.</li>
 * </ol>
 * Then no thread can run, so none can wake another: Go's "all goroutines are asleep". A deadlock is
 * reported only when two checks {@link #INTERVAL_MILLIS} apart pass with the very same blocked calls
 * (each call registers a new {@link Wait}, so the same objects mean nobody moved in between). A
 * thread outside Spindle (blocked in a socket read, a {@code CountDownLatch}, a {@code sleep}) could
 * still wake a task, so then nothing is proven and no deadlock is reported: that is what stall
 * reports are for. The JDK's thread dump (needed for rule 4) is taken only after rules 1-3 held for a
 * whole interval, and less often while the same calls stay blocked beside a thread outside Spindle.
 *
 * <h2>Stall</h2>
 * With a threshold set ({@link #reportStallsAfter}), a call blocked longer than it is reported once,
 * as suspected: a stall is only a long wait, which may be normal (an idle worker).
 */
public final class Watchdog {
    /** How often the watchdog looks, in ms; {@code spindle.watchdog.intervalMillis}, 0 turns it off. */
    public static final long INTERVAL_MILLIS = Long.getLong("spindle.watchdog.intervalMillis", 1000);
    /** The longest pause between JDK thread dumps while the same calls stay blocked, in intervals. */
    static final int MAX_BACKOFF = 32;
    /** Whether rule 4 may take the JDK's thread dump; {@code spindle.watchdog.threadDump}. */
    static final boolean THREAD_DUMP = Boolean.parseBoolean(System.getProperty("spindle.watchdog.threadDump", "true"));

    private static final System.Logger LOG = System.getLogger("dev.spindle.diagnostics");
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Thread thread;
    private static volatile TaskDump lastDeadlock;
    /** Nanoseconds; 0 = stalls are not reported. */
    private static volatile long stallNanos = parseStall(System.getProperty("spindle.stall.threshold"));

    // Watchdog thread only.
    private static Set<Wait> candidate = Set.of();
    private static Set<Wait> reported = Set.of();
    private static Set<Wait> dumpRefused = Set.of();
    private static int skip;
    private static int backoff = 1;
    private static final Set<Wait> STALLS_REPORTED = Collections.newSetFromMap(new IdentityHashMap<>());

    private Watchdog() {
    }

    /** Registers the MXBean and starts the watchdog thread (unless it is turned off), once. */
    static void ensureStarted() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        DiagnosticsBean.register();
        if (INTERVAL_MILLIS > 0) {
            Thread t = new Thread(null, Watchdog::run, "spindle-watchdog", 0, false);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /**
     * {@return the report of the last deadlock the watchdog proved, or {@code null}}
     */
    public static TaskDump lastDeadlock() {
        return lastDeadlock;
    }

    /**
     * Reports calls blocked longer than {@code threshold}, once each, to the
     * {@code dev.spindle.diagnostics} logger at WARNING.
     *
     * @param threshold the threshold; zero or negative turns stall reports off
     */
    public static void reportStallsAfter(Duration threshold) {
        stallNanos = threshold.isNegative() ? 0 : threshold.toNanos();
    }

    private static long parseStall(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Duration.parse(value).toNanos();
        } catch (RuntimeException e) {
            return Duration.ofMillis(Long.parseLong(value.strip())).toNanos();
        }
    }

    private static void run() {
        while (true) {
            LockSupport.parkNanos(INTERVAL_MILLIS * 1_000_000L);
            try {
                tick();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "spindle-watchdog: a check failed", e);
            }
        }
    }

    private static void tick() {
        Waits.pruneDead();
        List<Wait> registered = Waits.snapshot();
        checkDeadlock(registered);
        if (stallNanos > 0) {
            List<Wait> all = new ArrayList<>(registered);
            Waits.addBlockedTasks(all);
            reportStalls(all);
        }
    }

    private static void checkDeadlock(List<Wait> registered) {
        Set<Wait> now = asleepInSpindle(registered);
        if (now == null) {
            candidate = Set.of();
            return;
        }
        // Rules 1-3 held twice with the very same calls: nothing moved for a whole interval. Only now
        // is the JDK's thread dump taken (rule 4), when no Spindle task is mounting or unmounting.
        if (now.equals(candidate) && !now.equals(reported) && virtualThreadsAsleep(byThread(now), now)) {
            reported = now;
            act(now);
        }
        candidate = now;
    }

    /**
     * Rules 1-3 of the class comment: the blocked calls if they hold, else {@code null}. The
     * registered calls and the platform threads are checked first; only then are the groups' tasks
     * walked (each must be in a Spindle call: registered, or its park blocker).
     */
    static Set<Wait> asleepInSpindle(List<Wait> registered) {
        if (Scheduler.pending() > 0) {
            return null;
        }
        Set<Wait> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(registered);
        if (!platformThreadsAsleep(byThread(set))) {
            return null;
        }
        for (GroupInfo g : GroupInfo.open()) {
            for (Thread t : g.tasks()) {
                Wait w = Waits.of(t);
                if (w == null || w.thread() != t) {
                    return null; // a task outside a Spindle call may still wake anyone
                }
                set.add(w);
            }
        }
        if (set.isEmpty()) {
            return null;
        }
        for (Wait w : set) {
            Thread t = w.thread();
            if (w.settled() || w.endsByItself() || !t.isAlive() || t.isInterrupted()) {
                return null;
            }
        }
        return set;
    }

    private static Map<Long, Wait> byThread(Set<Wait> waits) {
        Map<Long, Wait> byThread = new HashMap<>();
        for (Wait w : waits) {
            byThread.put(w.thread().threadId(), w);
        }
        return byThread;
    }

    private static boolean platformThreadsAsleep(Map<Long, Wait> byThread) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            Thread t = all[i];
            if (t == thread || isJdkThread(t) || t.getName().equals("spindle-timer") || idlePoolWorker(t)) {
                continue;
            }
            if (!byThread.containsKey(t.threadId())) {
                return false;
            }
        }
        return true;
    }

    /** A worker of a fork/join pool with no task running or queued (the common pool's, say). */
    private static boolean idlePoolWorker(Thread t) {
        return t instanceof ForkJoinWorkerThread w && w.getPool().isQuiescent();
    }

    static boolean isJdkThread(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        if (g == null) {
            return true; // terminated
        }
        String group = g.getName();
        return group.equals("system") || group.equals("InnocuousThreadGroup") || group.equals("CarrierThreads")
                || t.getName().equals("DestroyJavaVM");
    }

    /**
     * Rule 4, with the JDK's thread dump: the only public way to list virtual threads. Taken rarely:
     * only when rules 1-3 held for a whole interval, and ever less often (up to every
     * {@link #MAX_BACKOFF} intervals) while the same calls stay blocked beside a virtual thread
     * outside Spindle. {@code -Dspindle.watchdog.threadDump=false} never takes it, and then no
     * deadlock is ever proven: on JDK 25.0.3 the dump crashed the JVM when taken in a loop while
     * virtual threads parked and unparked (JDK-8364343, JDK-8392031).
     */
    private static boolean virtualThreadsAsleep(Map<Long, Wait> byThread, Set<Wait> waits) {
        if (!THREAD_DUMP) {
            return false;
        }
        if (waits.equals(dumpRefused)) {
            if (skip > 0) {
                skip--;
                return false;
            }
        } else {
            backoff = 1;
        }
        List<JdkThreads.Entry> threads;
        try {
            threads = JdkThreads.take();
        } catch (UncheckedIOException | UnsupportedOperationException | LinkageError e) {
            return false; // cannot see the virtual threads: nothing can be proven
        }
        for (JdkThreads.Entry t : threads) {
            if (t.virtual() && !byThread.containsKey(t.id())) {
                dumpRefused = waits;
                skip = backoff;
                backoff = Math.min(MAX_BACKOFF, backoff * 2);
                return false;
            }
        }
        return true;
    }

    /** A proven deadlock: fail the groups that asked for it, report it otherwise. */
    private static void act(Set<Wait> waits) {
        TaskDump dump = Dumper.dump();
        DeadlockException e = new DeadlockException(dump);
        lastDeadlock = dump;
        Map<Long, GroupInfo> open = new HashMap<>();
        GroupInfo.open().forEach(g -> open.put(g.id(), g));
        List<GroupInfo> failing = new ArrayList<>();
        for (Wait w : waits) {
            GroupInfo g = open.get(GroupInfo.groupOf(w.thread().getName()));
            if (g != null && g.failsOnDeadlock() && !failing.contains(g)) {
                failing.add(g);
            }
        }
        if (failing.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        } else { // the exception carries the report: logging it too would print it twice
            LOG.log(System.Logger.Level.WARNING, "deadlock proven: failing "
                    + failing.stream().map(GroupInfo::label).toList() + " with a DeadlockException carrying the report");
        }
        failing.forEach(g -> g.failDeadlocked(e));
    }

    private static void reportStalls(List<Wait> waits) {
        long now = System.nanoTime();
        Set<Wait> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(waits);
        STALLS_REPORTED.retainAll(current);
        for (Wait w : waits) {
            if (now - w.sinceNanos() >= stallNanos && STALLS_REPORTED.add(w)) {
                LOG.log(System.Logger.Level.WARNING, "suspected stall: " + w.thread().getName() + " has waited "
                        + DumpText.human(Duration.ofNanos(now - w.sinceNanos())) + " on " + w.describe().describe());
            }
        }
    }
}
