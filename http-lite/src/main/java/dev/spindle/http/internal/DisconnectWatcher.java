package dev.spindle.http.internal;

import dev.spindle.core.CancellableContext;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;

/**
 * Notices a client going away while its handler runs, and cancels the request's context; Go's
 * {@code connReader.backgroundRead}.
 *
 * <p>A blocking socket tells of a closed peer only to a reader, so while the handler runs (after
 * the request body was read to its end) this watcher, on its own virtual thread, reads the
 * connection: end of stream or an error cancels the context; bytes (a pipelined next request) stay
 * in the connection's buffer and end the watch, as in Go. The watcher reads with a short poll
 * timeout so that {@link #stop()} returns within {@value #POLL_MILLIS} ms of the handler's end.
 *
 * <p>Started only when a handler asks for its context, so handlers that do not pay nothing.
 * Ownership of the {@link HttpInput} passes to the watcher at {@link #start} and back at
 * {@link #stop()} (the latch gives the happens-before edge).
 */
final class DisconnectWatcher implements Runnable {
    static final int POLL_MILLIS = 50;
    private static final int RUNNING = 0;
    private static final int DATA = 1;
    private static final int GONE = 2;
    private static final int IDLE = 3;

    private final HttpInput in;
    private final CancellableContext context;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean handlerDone;
    /** RUNNING until the watch ends; then DATA (bytes arrived), GONE (EOF or error), IDLE (stopped). */
    private volatile int result = RUNNING;
    /** Whether a poll has timed out with nothing read (false until one has); read by tests. */
    private volatile boolean pollTimedOut;

    private DisconnectWatcher(HttpInput in, CancellableContext context) {
        this.in = in;
        this.context = context;
    }

    static DisconnectWatcher start(HttpInput in, CancellableContext context) {
        DisconnectWatcher w = new DisconnectWatcher(in, context);
        Thread.ofVirtual().name("spindle-http-watch").start(w);
        return w;
    }

    @Override
    public void run() {
        long savedDeadline = in.deadline();
        try {
            while (true) {
                if (!in.canFill()) {
                    result = DATA;
                    return;
                }
                in.deadline(System.nanoTime() + POLL_MILLIS * 1_000_000L);
                try {
                    int n = in.fill();
                    if (n < 0) {
                        gone(new IOException("client closed the connection"));
                        return;
                    }
                    if (n > 0) {
                        result = DATA;
                        return;
                    }
                } catch (SocketTimeoutException poll) {
                    pollTimedOut = true;
                    if (handlerDone) {
                        result = IDLE;
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            gone(new IOException("connection failed: " + e.getMessage(), e));
        } finally {
            in.deadline(savedDeadline);
            ended.countDown();
        }
    }

    /**
     * Whether a poll of this watch has timed out (for tests: a TLS socket must stay usable after
     * its timed read gave up).
     *
     * @return {@code true} once one has
     */
    boolean pollTimedOut() {
        return pollTimedOut;
    }

    private void gone(IOException cause) {
        result = GONE;
        context.cancel(cause);
    }

    /**
     * Ends the watch after the handler returned and waits until the watcher has let go of the input.
     *
     * @return {@code false} if the client is gone (the connection must close)
     */
    boolean stop() {
        handlerDone = true;
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result != GONE;
    }
}
