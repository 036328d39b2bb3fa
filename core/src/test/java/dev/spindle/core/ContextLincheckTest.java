package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Linearizability of the state shared between cancellation and callback registration in a
 * cancellable context, against {@link Spec}. After every run, {@link #validate()} checks what the
 * operations' results cannot show: each kept callback ran exactly once iff the context is done, and
 * the context holds exactly the callbacks that have not run.
 */
public class ContextLincheckTest {
    private final CancellableContext ctx = Context.background().withCancel();
    private final ConcurrentLinkedQueue<AtomicInteger> kept = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ranOnRemovedCallbacks = new AtomicInteger();

    public ContextLincheckTest() {
    }

    @Operation
    public void cancel() {
        ctx.cancel();
    }

    @Operation
    public boolean isDone() {
        return ctx.isDone();
    }

    /** Registers a callback and keeps it; it must run once the context is done. */
    @Operation
    public void register() {
        AtomicInteger runs = new AtomicInteger();
        kept.add(runs);
        ctx.onDone(runs::incrementAndGet);
    }

    /**
     * Registers a callback and removes it at once: true iff removed before the context was done, in
     * which case it must never run.
     */
    @Operation
    public boolean registerThenRemove() {
        AtomicInteger runs = new AtomicInteger();
        Context.Registration r = ctx.onDone(runs::incrementAndGet);
        boolean removed = r.remove();
        if (removed && runs.get() != 0) {
            ranOnRemovedCallbacks.incrementAndGet();
        }
        return removed;
    }

    /** A child made now is done iff the parent is; cancelling it never affects the parent. */
    @Operation
    public boolean childIsDone() {
        CancellableContext child = ctx.withCancel();
        boolean done = child.isDone();
        child.cancel();
        return done;
    }

    @Validate
    public void validate() {
        boolean done = ctx.isDone();
        for (AtomicInteger runs : kept) {
            int expected = done ? 1 : 0;
            if (runs.get() != expected) {
                throw new IllegalStateException("a kept callback ran " + runs.get() + " times, done=" + done);
            }
        }
        if (ranOnRemovedCallbacks.get() != 0) {
            throw new IllegalStateException("a removed callback ran");
        }
        int held = ((CancelNode) ctx).registrations();
        int expectedHeld = done ? 0 : kept.size();
        if (held != expectedHeld) {
            throw new IllegalStateException("context holds " + held + " callbacks, expected " + expectedHeld);
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }

    /** The sequential specification: a flag that turns true once. */
    public static final class Spec {
        private boolean done;

        public Spec() {
        }

        public void cancel() {
            done = true;
        }

        public boolean isDone() {
            return done;
        }

        public void register() {
        }

        public boolean registerThenRemove() {
            return !done;
        }

        public boolean childIsDone() {
            return done;
        }
    }
}
