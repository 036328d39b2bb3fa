package dev.spindle.channels.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel's lock: a {@link ReentrantLock} that, when it finds the lock held, polls it a few times
 * before queueing and parking.
 *
 * <p>Why. A channel's critical sections are a few dozen nanoseconds (take a waiter, move a value),
 * but {@code ReentrantLock} parks a contending thread after a handful of attempts, and parking a
 * virtual thread unmounts it and sends it back through the scheduler, which costs microseconds here
 * (see {@code docs/channels.md}). Polling for about as long as a critical section lasts lets the
 * contender take the lock as the holder leaves it. The spin is bounded ({@link #SPINS}), so a
 * holder that is itself descheduled costs the contender only the spin before it parks as before.
 *
 * <p>Everything else is {@code ReentrantLock}'s (non-fair, reentrant, conditions unused).
 */
final class ChannelLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    /**
     * How many times a contender polls a held channel lock, with {@link Thread#onSpinWait()} between
     * polls, before it parks in {@link ReentrantLock#lock()}. System property
     * {@code spindle.channels.lockSpins}, for experiments; measured values in {@code docs/channels.md}.
     */
    static final int SPINS = Integer.getInteger("spindle.channels.lockSpins", 32);

    @Override
    public void lock() {
        if (tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!isLocked() && tryLock()) {
                return;
            }
        }
        super.lock();
    }
}
