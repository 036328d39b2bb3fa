package dev.spindle.channels.internal;

import dev.spindle.core.Context;
import dev.spindle.core.internal.Wait;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The part of a blocked call that another thread completes: a thread, an outcome word and the
 * outcome's payload. A plain {@code send}/{@code receive} is its own parker (a {@link Waiter});
 * a {@code select} has one parker shared by the waiters it queued on each channel.
 *
 * <p>Protocol. {@link #state} moves once out of {@link #WAITING}, by CAS, either to {@link #CLAIMED}
 * (a counterpart or a closing channel won) or to {@link #CANCELLED} (the waiting thread gave up:
 * interrupt, timeout, context). The claimer then writes {@link #item} and {@link #selected} and
 * publishes {@link #DONE} or {@link #CLOSED} with a volatile write, then unparks the thread. So a
 * waiter that sees {@code state >= DONE} also sees the payload, and a waiter that loses the cancel
 * CAS knows the outcome is coming and waits for it without giving up again.
 *
 * <p>Waking only a thread that parks (after JCTools' {@code MpscBlockingConsumerArrayQueue} and the
 * JDK's {@code LinkedTransferQueue}): the waiting thread spins first, and only when it is about to
 * park does it publish {@link #parked}; the claimer unparks only if it sees that. Both sides write
 * one volatile and then read the other's (the waiter: {@code parked}, then {@code state}; the
 * claimer: {@code state}, then {@code parked}); volatile accesses are sequentially consistent, so
 * at least one side sees the other's write: either the waiter sees the outcome and does not park,
 * or the claimer sees {@code parked} and unparks. A hand-off answered during the spin thus costs no
 * {@code unpark}, and leaves no stale park permit that would make the thread's next park return at
 * once.
 */
public abstract class Parker extends Wait {
    /** Nobody has decided this wait yet. */
    public static final int WAITING = 0;
    /** A counterpart won the claim CAS and is about to publish the outcome. */
    public static final int CLAIMED = 1;
    /** Completed: the value was handed over ({@link #item} holds a received value). */
    public static final int DONE = 2;
    /** Completed: the channel was closed while waiting. */
    public static final int CLOSED = 3;
    /** The waiting thread withdrew; nothing happened. */
    public static final int CANCELLED = 4;

    /**
     * Carrier threads of the JDK's virtual-thread scheduler: the system property
     * {@code jdk.virtualThreadScheduler.parallelism} if set (Spindle only reads it), else the number
     * of processors, as the JDK decides. Spinning is pointless with one: the thread that would answer
     * needs the carrier the spinner holds.
     */
    public static final int CARRIERS = carriers();

    /** {@link #park} stopped because the thread was interrupted (the flag has been cleared). */
    public static final int STOP_INTERRUPTED = -1;
    /** {@link #park} stopped because the deadline passed. */
    public static final int STOP_TIMED_OUT = -2;
    /** {@link #park} stopped because the context is done. */
    public static final int STOP_CONTEXT = -3;

    /**
     * How many times a plain send or receive waiting on an unbuffered channel (at the head of its
     * queue) polls its state with {@link Thread#onSpinWait()} before parking. A counterpart running on
     * another carrier often answers within this window, which saves a park and an unpark (with
     * {@link #parked}, the claimer then calls no {@code unpark} at all). Zero when the virtual-thread
     * scheduler has one carrier ({@link #CARRIERS}): the counterpart cannot run while we spin. Set by
     * the system property {@code spindle.channels.spins}, for experiments. Measured here (2 cores, JDK
     * 25, interleaved forks, 2026-12-02, {@code docs/channels.md} "Knobs"): 64 instead of 16 took
     * ping-pong from 4,869 to 1,894 ns, unbuffered SPSC from 2,337 to 1,060 ns and {@code fanIn} from
     * 1,907 to 1,742 ns per message; 256 made ping-pong 45x slower than 16 in an earlier run (the spin
     * outlasted the partner's whole turn), 0 made it 6x slower (every hand-off parked).
     */
    public static final int SPINS = Integer.getInteger("spindle.channels.spins", CARRIERS > 1 ? 64 : 0);

    /**
     * How many times a {@code select} with no clause on an unbuffered channel polls its state before
     * parking, once queued (one with such a clause spins {@link #SPINS}: its counterparts spin that
     * long, and with 16 select spins against their 64, unbuffered selects were 1.06-1.34x slower).
     * Kept at 16 (0 with one carrier): 64 made a select over 8 buffered channels slower (252 to 303
     * ns). System property {@code spindle.channels.selectSpins}, for experiments.
     */
    public static final int SELECT_SPINS = Integer.getInteger("spindle.channels.selectSpins", CARRIERS > 1 ? 16 : 0);

    /**
     * Spins before parking on a buffered channel (an empty or full buffer). Zero by default: measured
     * here, 0 / 4 / 64 spins gave 134 / 229 / 274 ns per message for a capacity-16 SPSC channel and
     * 61 / 83 / 92 ns for 4x4 MPMC; the spinning waiter holds a carrier that the other side needs.
     * System property {@code spindle.channels.bufferedSpins}, for experiments.
     */
    public static final int BUFFERED_SPINS = Integer.getInteger("spindle.channels.bufferedSpins", 0);

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the call has a timeout or deadline; set before it parks, read by the diagnostics. */
    boolean timed;
    /** {@link #WAITING}, {@link #CLAIMED}, {@link #DONE}, {@link #CLOSED} or {@link #CANCELLED}. */
    volatile int state;
    /** Set by the waiting thread once its spin is over and it is about to park; never cleared. */
    private volatile boolean parked;
    /** The value handed to a receiver; written by the claimer before it publishes the outcome. */
    Object item;
    /** For a select: the index of the clause that fired; written before the outcome. */
    int selected;

    Parker(Thread thread) {
        super(thread);
    }

    private static int carriers() {
        String set = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        try {
            return set == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(set.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors(); // the JDK rejects it too; its default
        }
    }

    /** Records that the call is about to park, for the diagnostics (it is its thread's park blocker). */
    final void parking(long sinceNanos, boolean ends) {
        timed = ends;
        parkedAt(sinceNanos);
    }

    @Override
    public final boolean settled() {
        return state != WAITING;
    }

    @Override
    public final boolean endsByItself() {
        return timed;
    }

    /** Tries to win this wait for a counterpart; the winner must then call {@link #finish}. */
    final boolean tryClaim() {
        return state == WAITING && STATE.compareAndSet(this, WAITING, CLAIMED);
    }

    /** Tries to withdraw the wait; on success nobody will complete it. */
    final boolean tryCancel() {
        return state == WAITING && STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    /** Publishes the outcome of a claimed wait and wakes its thread if it parked (or is about to). */
    final void finish(int clause, Object value, int outcome) {
        item = value;
        selected = clause;
        state = outcome;
        if (parked) {
            LockSupport.unpark(thread());
        }
    }

    /**
     * Parks until the outcome is published or a stop condition holds. Does not cancel. Callers spin
     * first ({@link #spin}), and register a context callback only if the spin was not answered.
     *
     * @param deadline a {@link System#nanoTime()} deadline, used only if {@code timed}
     * @param timed whether {@code deadline} applies
     * @param ctx a context whose completion stops the wait (its callback must unpark this thread), or
     *     {@code null}
     * @return {@link #DONE} or {@link #CLOSED}, or a {@code STOP_...} code
     */
    final int park(long deadline, boolean timed, Context ctx) {
        while (true) {
            int s = state;
            if (s >= DONE) {
                return s;
            }
            if (Thread.interrupted()) {
                return STOP_INTERRUPTED;
            }
            if (ctx != null && ctx.isDone()) {
                return STOP_CONTEXT;
            }
            if (!parked) {
                parked = true; // then read the state again before parking: see the class comment
                continue;
            }
            if (timed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return STOP_TIMED_OUT;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
    }

    /**
     * Polls the state up to {@code spins} times, with {@link Thread#onSpinWait()} between polls.
     *
     * @return {@link #DONE} or {@link #CLOSED} if the outcome was published meanwhile, else the
     *     state last seen
     */
    final int spin(int spins) {
        int s = state;
        for (int i = 0; i < spins && s < DONE; i++) {
            Thread.onSpinWait();
            s = state;
        }
        return s;
    }

    /**
     * Waits, ignoring interrupts, for the outcome of a wait that a counterpart has claimed (so it is
     * moments away), and returns it.
     */
    // Thread.yield: the claimer is a few instructions from done; parking would cost more than it saves.
    @SuppressWarnings("ThreadPriorityCheck")
    final int awaitClaimed() {
        int s;
        while ((s = state) < DONE) {
            Thread.yield();
        }
        return s;
    }

    /** Unparks the waiting thread; used by context callbacks so that {@link #park} rechecks. */
    final void wake() {
        LockSupport.unpark(thread());
    }
}
