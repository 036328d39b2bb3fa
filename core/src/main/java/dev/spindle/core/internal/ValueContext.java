package dev.spindle.core.internal;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A context carrying one value; done exactly when its parent is (Go's {@code valueCtx}). Lookups
 * walk up the chain, as in Go: contexts carry a few request-scoped values, not a map.
 */
final class ValueContext implements Context {
    private final Context parent;
    private final Key<?> key;
    private final Object value;

    ValueContext(Context parent, Key<?> key, Object value) {
        this.parent = parent;
        this.key = key;
        this.value = value;
    }

    @Override
    public boolean isDone() {
        return parent.isDone();
    }

    @Override
    public CancelledException err() {
        return parent.err();
    }

    @Override
    public Throwable cause() {
        return parent.cause();
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    @SuppressWarnings("unchecked") // the key's type parameter was checked by withValue
    public <T> Optional<T> value(Key<T> wanted) {
        Objects.requireNonNull(wanted, "key");
        return wanted == key ? Optional.of((T) value) : parent.value(wanted);
    }

    @Override
    public Registration onDone(Runnable callback) {
        return parent.onDone(callback);
    }

    @Override
    public String toString() {
        return parent + ".withValue(" + key.name() + ")";
    }
}
