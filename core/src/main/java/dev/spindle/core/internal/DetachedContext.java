package dev.spindle.core.internal;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Go's {@code WithoutCancel}: the parent's values, never done, no deadline. */
final class DetachedContext implements Context {
    private final Context parent;

    DetachedContext(Context parent) {
        this.parent = parent;
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
        return parent.value(key);
    }

    @Override
    public Registration onDone(Runnable callback) {
        return BackgroundContext.INSTANCE.onDone(callback);
    }

    @Override
    public String toString() {
        return parent + ".withoutCancel";
    }
}
