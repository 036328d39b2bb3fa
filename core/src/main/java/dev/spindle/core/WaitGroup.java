package dev.spindle.core;

import dev.spindle.core.internal.Contexts;
import dev.spindle.core.internal.Wait;
import dev.spindle.core.internal.Waits;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter of outstanding work that others can wait on reaching zero; Go's {@code sync.WaitGroup}.
 *
 * <p>Prefer the JDK or {@link TaskGroup} where they fit: a {@link java.util.concurrent.CountDownLatch}
 * when the count is known up front, a {@link TaskGroup} when the work is tasks you start (it also
 * propagates failures and cancels). A {@code WaitGroup} is for the rest: work counted as it is
 * discovered, by anyone ({@link java.util.concurrent.Phaser} can do it too, with a 65,535-party
 * limit and a more intricate API).
 *
 * <p>As in Go: {@link #add(int)} with a positive delta must happen before the work it counts is
 * waited for; the group may be reused once the counter is back at zero. A counter that goes
 * negative is a programming mistake: {@code add} throws {@link IllegalStateException} and leaves the
 * counter unchanged.
 *
 * @since 0.1.0
 */
public final class WaitGroup {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    /** Outstanding work; never negative. Guarded by {@link #lock}. */
    private long count;

    /** Creates a wait group with a counter of zero. */
    public WaitGroup() {
    }

    /**
     * Adds {@code delta} (which may be negative) to the counter; wakes every waiter when it reaches
     * zero.
     *
     * @param delta the change
     * @throws IllegalStateException if the counter would go negative (it is left unchanged)
     */
    public void add(int delta) {
        lock.lock();
        try {
            long next = count + delta;
            if (next < 0) {
                throw new IllegalStateException("WaitGroup counter would go negative: " + count + " + (" + delta + ")");
            }
            count = next;
            if (next == 0) {
                zero.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decrements the counter by one.
     *
     * @throws IllegalStateException if the counter is already zero
     */
    public void done() {
        add(-1);
    }

    /**
     * Adds one, runs {@code task} on a new virtual thread and counts it done when it ends, however it
     * ends (Go 1.25's {@code wg.Go}). Its exceptions go where {@link Go#go(Task)} sends them.
     *
     * @param task what to run
     * @return the started thread
     */
    public Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        add(1);
        try {
            return Go.go(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException | Error e) {
            done(); // the thread did not start
            throw e;
        }
    }

    /** {@return the counter, the work still outstanding; a snapshot} */
    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the counter is zero.
     *
     * @throws InterruptedException if interrupted first
     */
    public void await() throws InterruptedException {
        AwaitWait wait = null;
        lock.lockInterruptibly();
        try {
            while (count > 0) {
                wait = recorded(wait, false);
                zero.await();
            }
        } finally {
            lock.unlock();
            ended(wait);
        }
    }

    /**
     * Blocks until the counter is zero or {@code timeout} elapses.
     *
     * @param timeout the longest wait
     * @return {@code true} if the counter reached zero
     * @throws InterruptedException if interrupted first
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Contexts.saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        AwaitWait wait = null;
        lock.lockInterruptibly();
        try {
            while (count > 0) {
                if (nanos <= 0) {
                    return false;
                }
                wait = recorded(wait, true);
                nanos = zero.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
            ended(wait);
        }
    }

    /**
     * Blocks until the counter is zero or {@code ctx} is done.
     *
     * @param ctx the context to wait under
     * @throws InterruptedException if interrupted first
     * @throws CancelledException if {@code ctx} is done first
     */
    public void await(Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, "ctx");
        Context.Registration wake = ctx.onDone(this::wakeAll);
        AwaitWait wait = null;
        try {
            lock.lockInterruptibly();
            try {
                while (count > 0) {
                    ctx.throwIfDone();
                    wait = recorded(wait, ctx.deadline().isPresent());
                    zero.await(); // wakeAll signals under the lock, so no wake-up is missed
                }
            } finally {
                lock.unlock();
            }
        } finally {
            wake.remove();
            ended(wait);
        }
    }

    /** Registers the wait for the diagnostics before the first park; {@code wait} once registered. */
    private AwaitWait recorded(AwaitWait wait, boolean timed) {
        if (wait == null) {
            wait = new AwaitWait(timed);
            Waits.begin(wait);
        }
        return wait;
    }

    private static void ended(AwaitWait wait) {
        if (wait != null) {
            Waits.end(wait);
        }
    }

    /** An {@code await} that parked, as the diagnostics see it. */
    private final class AwaitWait extends Wait {
        private final boolean timed;

        AwaitWait(boolean timed) {
            this.timed = timed;
        }

        @Override
        public TaskDump.WaitsOn describe() {
            return new TaskDump.WaitsOn.WaitGroupWait(WaitGroup.this.toString(), count());
        }

        @Override
        public boolean settled() {
            return count() == 0;
        }

        @Override
        public boolean endsByItself() {
            return timed;
        }
    }

    private void wakeAll() {
        lock.lock();
        try {
            zero.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WaitGroup[count=" + count() + "]";
    }
}
