package dev.spindle.channels;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A call running on its own virtual thread, for "block it, then wake it" tests. */
final class Blocked<T> {
    final Thread thread;
    final CompletableFuture<T> result = new CompletableFuture<>();
    volatile boolean interruptedAfter;

    private Blocked(Callable<T> call) {
        thread = Thread.ofVirtual().name("blocked-call").start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                interruptedAfter = Thread.currentThread().isInterrupted();
            }
        });
    }

    /** Starts {@code call} and waits until its thread parks. */
    static <T> Blocked<T> start(Callable<T> call) {
        Blocked<T> b = new Blocked<>(call);
        b.awaitParked();
        return b;
    }

    void awaitParked() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).pollInSameThread().until(() -> result.isDone()
                || thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
        if (result.isDone()) {
            throw new AssertionError("the call did not block; it ended with " + describe());
        }
    }

    T get() throws Exception {
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not finish in 10 s", e);
        }
    }

    Throwable failure() throws Exception {
        try {
            T v = result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private String describe() {
        try {
            return String.valueOf(result.getNow(null));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
