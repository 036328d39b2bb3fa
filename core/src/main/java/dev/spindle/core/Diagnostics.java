package dev.spindle.core;

import dev.spindle.core.internal.Dumper;
import dev.spindle.core.internal.Watchdog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Spindle task is doing: Go's goroutine dump and its deadlock check, for Spindle's tasks.
 *
 * <ul>
 *   <li>{@link #dump()}: every open {@link TaskGroup} as a tree with its live tasks, and for each task
 *       blocked in a Spindle call what it waits on ({@code send}/{@code receive} on which channel,
 *       a {@code select} and its clauses, a {@code WaitGroup}, a {@code TaskGroup.await}, a
 *       {@code Context}, a cluster lock or distributed channel) and since when. Also over JMX
 *       ({@link DiagnosticsMXBean}) and, with http-lite, as a page at {@code /debug/spindle}.</li>
 *   <li>Deadlocks: a daemon thread, {@code spindle-watchdog} (started by the first task group or the
 *       first blocked Spindle call; {@code -Dspindle.watchdog.intervalMillis=0} turns it off), checks
 *       once a second. A group opened with {@link TaskGroup.OnDeadlock#FAIL} fails with a
 *       {@link DeadlockException}; otherwise the report is logged at ERROR on the
 *       {@code dev.spindle.diagnostics} logger ({@link System.Logger}).</li>
 *   <li>Stalls: {@link #reportStallsAfter(Duration)}.</li>
 * </ul>
 *
 * <h2>What a deadlock report proves</h2>
 * Go's rule: no thread can run, so none can wake another. Spindle reports a deadlock only when, in two
 * checks a second apart, the very same Spindle calls are blocked and
 * <ul>
 *   <li>none of them has a timeout or deadline, or a context with a deadline, and none was already
 *       completed by another thread;</li>
 *   <li>no Spindle timer is pending ({@code Timers.after}, a ticker, a context deadline);</li>
 *   <li>every other thread of the JVM, virtual or platform, is either blocked in a Spindle call (and
 *       not interrupted), an idle worker of a fork/join pool (no task running or queued), or one of
 *       the JDK's own threads (thread groups {@code system}, {@code InnocuousThreadGroup},
 *       {@code CarrierThreads}), which are assumed not to wake a Spindle call (they would only if a
 *       {@code Cleaner} action or a process-exit callback sent on a channel).</li>
 * </ul>
 * The virtual threads are listed with the JDK's thread dump, taken only once the rest has held for
 * a whole check interval; {@code -Dspindle.watchdog.threadDump=false} never takes it (on JDK 25.0.3
 * that dump crashed the JVM when taken in a loop while virtual threads parked and unparked,
 * JDK-8364343), and then no deadlock is ever reported.
 * Anything else (a platform thread reading a socket, a virtual thread in a {@code CountDownLatch}, a
 * test runner's threads) might still send the value a task waits for, so nothing is proven and no
 * deadlock is reported. A false deadlock report is a bug.
 *
 * <h2>What a stall report suspects</h2>
 * A stall is a Spindle call that has been blocked longer than a threshold. It proves nothing (an idle
 * worker waiting for jobs stalls by this definition); it tells where to look.
 *
 * @since 0.3.0
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * Takes a snapshot of every live task. Costs a JDK thread dump (tens of milliseconds with
     * thousands of threads); nothing is paid for it before it is asked for.
     *
     * @return the dump
     */
    public static TaskDump dump() {
        return Dumper.dump();
    }

    /**
     * {@return the dump taken when the watchdog last proved a deadlock, if it ever did} It stays
     * here after the deadlock was broken (a {@link TaskGroup.OnDeadlock#FAIL} group failed).
     */
    public static Optional<TaskDump> lastDeadlock() {
        return Optional.ofNullable(Watchdog.lastDeadlock());
    }

    /**
     * {@return the tasks blocked in one Spindle call for at least {@code threshold}, longest first}
     *
     * @param threshold the shortest wait that counts
     */
    public static List<TaskDump.Task> stalled(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        return dump().allTasks().stream()
                .filter(t -> t.waiting() != null && t.waiting().waited().compareTo(threshold) >= 0)
                .sorted((a, b) -> b.waiting().waited().compareTo(a.waiting().waited()))
                .toList();
    }

    /**
     * Makes the watchdog log, once per call, every Spindle call blocked longer than
     * {@code threshold}, at WARNING on the {@code dev.spindle.diagnostics} logger. Off by default
     * (or set {@code -Dspindle.stall.threshold=PT30S}).
     *
     * @param threshold how long a call may wait before it is reported; zero turns the reports off
     */
    public static void reportStallsAfter(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        Watchdog.reportStallsAfter(threshold);
    }
}
