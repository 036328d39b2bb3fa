package dev.spindle.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered blocked Spindle calls of the process, one per thread at most: what the task dump
 * and the deadlock detector read beside the park blockers of the groups' tasks ({@link Wait}).
 *
 * <p>A thread gets a {@link Slot} the first time it registers, and keeps it while it lives: a wait
 * writes its slot and clears it when it returns (a lock-free map lookup and a volatile write each,
 * no allocation), so a long-lived thread that waits a million times allocates once. Slots of
 * threads that have ended are dropped by {@link #pruneDead}, run when the slots added since the
 * last prune outnumber half the map (amortized O(1) per thread) and by every watchdog check.
 *
 * <p>Cost: a call that does not wait never comes here, nor does a group's task (found by its park
 * blocker).
 */
public final class Waits {
    private static final ConcurrentHashMap<Thread, Slot> SLOTS = new ConcurrentHashMap<>();
    /** Slots added since the last prune; a heuristic, so racy increments are harmless. */
    private static int addedSincePrune;

    /** A thread's registration: its current wait, or {@code null} between waits. */
    private static final class Slot {
        volatile Wait wait;
    }

    private Waits() {
    }

    /**
     * Registers {@code wait} as its thread's current wait and starts the watchdog if it is not
     * running.
     *
     * @param wait the call about to park
     */
    public static void begin(Wait wait) {
        wait.sinceNanos = System.nanoTime();
        register(wait);
    }

    /**
     * Like {@link #begin}, for a wait whose park time is already recorded
     * ({@link Wait#parkedAt}): the channel paths read the clock once.
     *
     * @param wait the call about to park
     */
    public static void register(Wait wait) {
        Slot slot = SLOTS.get(wait.thread);
        if (slot == null) {
            slot = new Slot();
            SLOTS.put(wait.thread, slot);
            if (++addedSincePrune > Math.max(1024, SLOTS.size() / 2)) {
                pruneDead();
            }
            Watchdog.ensureStarted();
        }
        slot.wait = wait;
    }

    /**
     * Removes {@code wait}; call in a {@code finally} after {@link #begin}.
     *
     * @param wait the call that stopped waiting
     */
    public static void end(Wait wait) {
        Slot slot = SLOTS.get(wait.thread);
        if (slot != null && slot.wait == wait) {
            slot.wait = null;
        }
    }

    /** Drops the slots of threads that have ended. */
    static void pruneDead() {
        addedSincePrune = 0;
        SLOTS.keySet().removeIf(t -> !t.isAlive());
    }

    /** {@return how many threads hold a slot now; for tests} */
    static int slotCount() {
        return SLOTS.size();
    }

    /** {@return the current registered waits, a snapshot} */
    public static List<Wait> snapshot() {
        List<Wait> waits = new ArrayList<>();
        for (Slot slot : SLOTS.values()) {
            Wait w = slot.wait;
            if (w != null) {
                waits.add(w);
            }
        }
        return waits;
    }

    /**
     * {@return the current wait of {@code thread}: registered, or its park blocker; or {@code null}}
     *
     * @param thread a thread
     */
    public static Wait of(Thread thread) {
        Slot slot = SLOTS.get(thread);
        Wait w = slot == null ? null : slot.wait;
        return w != null ? w : Wait.blockerOf(thread);
    }

    /**
     * {@return whether a channel call of the current thread may skip {@link #begin}: the thread is a
     * group's task, listed by its group, and its waiter is its park blocker}
     */
    public static boolean foundByBlocker() {
        return GroupInfo.groupOf(Thread.currentThread().getName()) >= 0;
    }

    /**
     * Adds to {@code into} the waits the open groups' tasks are parked in as park blockers.
     *
     * @param into where to add them
     */
    public static void addBlockedTasks(List<Wait> into) {
        for (GroupInfo g : GroupInfo.open()) {
            for (Thread t : g.tasks()) {
                Wait w = Wait.blockerOf(t);
                if (w != null && w.thread() == t) {
                    into.add(w);
                }
            }
        }
    }
}
