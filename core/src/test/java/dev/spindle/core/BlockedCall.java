package dev.spindle.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A blocking call running on its own virtual thread, for tests of what wakes it: started, then
 * awaited (with a bound) until the thread is parked in the call.
 */
final class BlockedCall {
    private final Thread thread;
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();

    private BlockedCall(Task call) {
        thread = Thread.ofVirtual().start(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
    }

    /** Starts {@code call} and returns once its thread is parked (WAITING). */
    static BlockedCall start(Task call) {
        BlockedCall blocked = new BlockedCall(call);
        await().atMost(Duration.ofSeconds(10)).until(() -> blocked.thread.getState() == Thread.State.WAITING);
        return blocked;
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the call to end; returns what it threw, or {@code null} if it returned. */
    Throwable join() throws InterruptedException {
        thread.join();
        return thrown.get();
    }
}
