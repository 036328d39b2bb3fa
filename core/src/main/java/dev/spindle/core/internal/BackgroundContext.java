package dev.spindle.core.internal;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;

import java.io.Serial;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The root context: never done, so registrations are never kept. */
final class BackgroundContext implements Context {
    static final BackgroundContext INSTANCE = new BackgroundContext();

    private BackgroundContext() {
    }

    @Override
    public boolean isDone() {
        return false;
    }

    @Override
    public CancelledException err() {
        return null;
    }

    @Override
    public Throwable cause() {
        return null;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        Objects.requireNonNull(key, "key");
        return Optional.empty();
    }

    @Override
    public Registration onDone(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        return new NeverRegistration();
    }

    @Override
    public String toString() {
        return "Context.background";
    }

    /** A registration on a context that is never done: holds nothing, remove() succeeds once. */
    static final class NeverRegistration extends AtomicBoolean implements Registration {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public boolean remove() {
            return compareAndSet(false, true);
        }
    }
}
