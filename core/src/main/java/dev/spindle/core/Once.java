package dev.spindle.core;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs an action exactly once; Go's {@code sync.Once}, plus {@code sync.OnceValue} as
 * {@link #value(Supplier)}.
 *
 * <p>Prefer the JDK where it serves: for a lazily initialised static, the holder-class idiom is
 * free. A {@code Once} is for instance state and for actions with side effects (close once, start
 * once).
 *
 * <p>As in Go: concurrent callers of {@link #run(Runnable)} block until the one running the action
 * returns; if the action throws, the exception reaches its caller and the {@code Once} still counts
 * as done (the action is not retried). The wait uses a {@link ReentrantLock}, so a virtual thread
 * that waits does not pin its carrier. An action that calls {@code run} on its own {@code Once}
 * would deadlock in Go; here it fails with {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class Once {
    private final ReentrantLock lock = new ReentrantLock();
    /** Set once the action has returned or thrown; read without the lock on the fast path. */
    private volatile boolean done;

    /** Creates a {@code Once} whose action has not run. */
    public Once() {
    }

    /**
     * Runs {@code action} if no action has run on this {@code Once} yet; otherwise waits until it has
     * finished and returns.
     *
     * @param action the action
     * @throws IllegalStateException if called by the action itself
     */
    public void run(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (done) {
            return;
        }
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Once.run called from its own action (recursive initialisation)");
        }
        lock.lock();
        try {
            if (!done) {
                try {
                    action.run();
                } finally {
                    done = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether the action has run (or thrown)} */
    public boolean isDone() {
        return done;
    }

    /**
     * A supplier that calls {@code supplier} once, on first use, and then returns its value (or
     * throws its exception again) on every call; Go's {@code sync.OnceValue}.
     *
     * @param supplier computes the value; must not return {@code null}
     * @param <T> the value type
     * @return the memoizing supplier
     */
    public static <T> Supplier<T> value(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new OnceValue<>(supplier);
    }

    private static final class OnceValue<T> implements Supplier<T> {
        private final Once once = new Once();
        private final Supplier<T> supplier;
        private T value;           // written before once.done (volatile) turns true
        private Throwable failure; // RuntimeException or Error (a Supplier cannot throw checked ones)

        OnceValue(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public T get() {
            once.run(this::compute);
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException("Once.value supplier failed", f);
            }
            return value;
        }

        private void compute() {
            try {
                value = Objects.requireNonNull(supplier.get(), "Once.value supplier returned null");
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
