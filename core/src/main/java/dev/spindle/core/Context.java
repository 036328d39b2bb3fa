package dev.spindle.core;

import dev.spindle.core.internal.Contexts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A cancellation signal with a cause, an optional deadline and request-scoped values, passed down a
 * call tree; Go's {@code context.Context}.
 *
 * <p>Contexts form a tree. {@link #background()} is the root: never cancelled, no deadline, no
 * values. {@link #withCancel()}, {@link #withTimeout(Duration)} and {@link #withDeadline(Instant)}
 * make a {@link CancellableContext} child; {@link #withValue(Key, Object)} a child carrying one more
 * value. Cancelling a context cancels all of its descendants, with the same
 * {@linkplain #err() error} and {@linkplain #cause() cause}; it never cancels its parent.
 *
 * <p>A context is done once, for good: {@link #isDone()} turns true, {@link #err()} and
 * {@link #cause()} stop being {@code null} and keep their values, and every callback registered with
 * {@link #onDone(Runnable)} runs once.
 *
 * <p>A parent does not keep its cancelled children: a child unregisters itself from its parent when
 * it is cancelled, for any reason, so a long-lived parent with millions of short-lived children
 * does not grow. A child that is never cancelled (neither directly, nor by a deadline, nor by an
 * ancestor) stays registered with its parent, as in Go: always cancel what you create, best with
 * try-with-resources on the {@link CancellableContext}.
 *
 * <p>All implementations in Spindle are thread-safe. Users may implement this interface (Go allows
 * it too); Spindle's derived contexts only use its public methods.
 *
 * @since 0.1.0
 */
public interface Context {

    /**
     * The root context: never done, no deadline, no values; Go's {@code context.Background()}.
     *
     * @return the single background context
     */
    static Context background() {
        return Contexts.background();
    }

    /**
     * Creates a new value key. Keys compare by identity, so a key held privately by a library can
     * never collide with another's, even under the same name.
     *
     * @param name a name for {@code toString} and debugging
     * @param <T> the type of the values stored under this key
     * @return a new key
     */
    static <T> Key<T> key(String name) {
        return new Key<>(name);
    }

    /**
     * Whether this context is done (cancelled, or its deadline passed). Once true, stays true.
     *
     * @return {@code true} if done
     */
    boolean isDone();

    /**
     * Why this context is done, as Go's {@code ctx.Err()}: {@code null} while not done; a
     * {@link DeadlineExceededException} if its (or an ancestor's) deadline passed; otherwise a
     * {@link CancelledException}. The same instance every time.
     *
     * @return the error, or {@code null}
     */
    CancelledException err();

    /**
     * The cause of the cancellation, as Go's {@code context.Cause(ctx)}: {@code null} while not
     * done; the {@code Throwable} given to {@link CancellableContext#cancel(Throwable)} (by this
     * context or the ancestor whose cancellation reached it); otherwise {@link #err()}.
     *
     * @return the cause, or {@code null}
     */
    Throwable cause();

    /**
     * The time at which this context is cancelled by itself, if any (the earliest of its own and its
     * ancestors' deadlines).
     *
     * @return the deadline, or empty
     */
    Optional<Instant> deadline();

    /**
     * The value stored under {@code key} by this context or its nearest ancestor that has one.
     *
     * @param key the key
     * @param <T> the value type
     * @return the value, or empty
     */
    <T> Optional<T> value(Key<T> key);

    /**
     * Registers {@code callback} to run once, when this context becomes done, on the thread that
     * completes it (the canceller, or the shared timer thread for a deadline). If the context is
     * already done, the callback runs at once on the calling thread before this method returns.
     *
     * <p>This is the low-level hook that Spindle's blocking calls and {@code select} use to wait for
     * "done" without a thread per wait: the callback must be short and must not block (unpark a
     * thread, complete a state). For longer work use {@link #afterFunc(Runnable)}. An exception
     * thrown by a callback is passed to the thread's uncaught-exception handler; the other callbacks
     * still run.
     *
     * @param callback what to run
     * @return a registration that removes the callback; removing it before the context is done
     *     means it never runs, and the context no longer holds it
     */
    Registration onDone(Runnable callback);

    /**
     * Runs {@code task} on a new virtual thread once this context is done; Go's
     * {@code context.AfterFunc}. Does not start a thread until then.
     *
     * @param task what to run
     * @return a registration whose {@link Registration#remove()} returns {@code true} if it stopped
     *     {@code task} from being started
     */
    default Registration afterFunc(Runnable task) {
        Objects.requireNonNull(task, "task");
        return onDone(() -> Go.go(task::run));
    }

    /**
     * Blocks until this context is done. Returns at once if it already is.
     *
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    default void await() throws InterruptedException {
        Contexts.await(this);
    }

    /**
     * Blocks until this context is done or {@code timeout} elapses.
     *
     * @param timeout the longest time to wait
     * @return {@code true} if the context is done
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    default boolean await(Duration timeout) throws InterruptedException {
        return Contexts.await(this, timeout);
    }

    /**
     * Throws if this context is done: a new {@link CancelledException} (or
     * {@link DeadlineExceededException}) with the caller's stack trace and this context's
     * {@linkplain #cause() cause}. For loops that check for cancellation between steps.
     *
     * @throws CancelledException if done
     */
    default void throwIfDone() {
        if (isDone()) {
            throw Contexts.cancelledException(this);
        }
    }

    /**
     * A child that can be cancelled on its own; Go's {@code context.WithCancel}.
     *
     * @return the child; cancel it (or close it) when its work is over
     */
    default CancellableContext withCancel() {
        return Contexts.withCancel(this);
    }

    /**
     * A child cancelled with a {@link DeadlineExceededException} once {@code timeout} has elapsed;
     * Go's {@code context.WithTimeout}. A zero or negative timeout gives a child that is already
     * done.
     *
     * @param timeout time from now until the deadline
     * @return the child; cancel it (or close it) when its work is over, to free its timer at once
     */
    default CancellableContext withTimeout(Duration timeout) {
        return Contexts.withTimeout(this, timeout);
    }

    /**
     * A child cancelled with a {@link DeadlineExceededException} at {@code deadline}; Go's
     * {@code context.WithDeadline}. If this context's own deadline is earlier, the child simply
     * inherits it.
     *
     * @param deadline when to cancel
     * @return the child; cancel it (or close it) when its work is over, to free its timer at once
     */
    default CancellableContext withDeadline(Instant deadline) {
        return Contexts.withDeadline(this, deadline);
    }

    /**
     * A child carrying {@code value} under {@code key}; Go's {@code context.WithValue}. It is done
     * exactly when this context is.
     *
     * @param key the key
     * @param value the value, not null
     * @param <T> the value type
     * @return the child
     */
    default <T> Context withValue(Key<T> key, T value) {
        return Contexts.withValue(this, key, value);
    }

    /**
     * A child with this context's values that is never cancelled and has no deadline; Go's
     * {@code context.WithoutCancel}. For work that must finish even when the request that started it
     * is cancelled.
     *
     * @return the detached child
     */
    default Context withoutCancel() {
        return Contexts.withoutCancel(this);
    }

    /**
     * A callback registered with {@link #onDone(Runnable)}.
     */
    interface Registration extends AutoCloseable {
        /**
         * Removes the callback if it has not started; Go's {@code stop} returned by AfterFunc.
         *
         * @return {@code true} if this call stopped the callback from ever running; {@code false}
         *     if it has already run or started, or was removed before
         */
        boolean remove();

        /** Same as {@link #remove()}, for try-with-resources. */
        @Override
        default void close() {
            remove();
        }
    }

    /**
     * A typed key for {@link #withValue(Key, Object)}; compares by identity.
     *
     * @param <T> the type of the values stored under this key
     */
    // T is a phantom type: no field holds a T, but it ties withValue's value to value()'s result.
    @SuppressWarnings("UnusedTypeParameter")
    final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** {@return the name given at creation} */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Context.Key(" + name + ")";
        }
    }
}
