package dev.spindle.core.internal;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.DeadlineExceededException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A context that can be cancelled: what {@code withCancel}, {@code withTimeout} and
 * {@code withDeadline} return.
 *
 * <h2>Algorithm</h2>
 * Go's {@code cancelCtx} ({@code src/context/context.go}): a mutex, a set of children and a
 * {@code done} state. Ours differs in two ways. Children are not special: a child registers an
 * ordinary {@link #onDone} callback with its parent, so any {@link Context} (even a user's) can be a
 * parent, and {@code select} waits on "done" through the same hook. And the callbacks sit in an
 * intrusive doubly-linked list whose nodes are the {@link Registration}s themselves, so removing one
 * is O(1) and allocates nothing beyond the registration.
 *
 * <p>Cancel: under the lock, publish {@link #done} and detach the whole list, marking every node
 * fired; then, outside the lock, unregister from the parent, cancel the timer and run the detached
 * callbacks in registration order. Register: under the lock, if not done, link a node; if done, run
 * the callback at once on the caller. Remove: under the lock, unlink the node if it is still linked.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@link #done} goes from {@code null} to non-null once, under {@link #lock}.</li>
 *   <li>While {@code done == null}, the list holds exactly the registrations that were added and not
 *       removed; after, it is empty for good.</li>
 *   <li>A callback runs at most once, and runs iff its registration was linked when {@code done}
 *       was published, or it was registered after that.</li>
 *   <li>{@link Registration#remove()} returns {@code true} iff it unlinked the node, i.e. iff the
 *       callback will never run.</li>
 *   <li>Once done, this node holds no reference from its parent (its parent registration is removed)
 *       and no timer.</li>
 * </ul>
 * The lock is a {@link ReentrantLock}, never {@code synchronized} (which pins virtual threads on
 * JDK 21), and is never held while user code runs.
 */
public final class CancelNode implements CancellableContext {
    private final Context parent;
    /** This node's own deadline, earlier than the parent's; {@code null} if it has none. */
    private final Instant deadline;
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code null} while live; the terminal state once cancelled. Written under {@link #lock}. */
    private volatile Done done;
    /** Head and tail of the pending callbacks, guarded by {@link #lock}; null when empty. */
    private Node head;
    private Node tail;
    /** Number of linked callbacks, guarded by {@link #lock}. */
    private int size;

    /** Our callback in the parent; {@code null} until registered. */
    private volatile Registration parentRegistration;
    /** Our deadline timer; {@code null} if none or not yet scheduled. */
    private volatile ScheduledFuture<?> timer;

    private CancelNode(Context parent, Instant deadline) {
        this.parent = parent;
        this.deadline = deadline;
    }

    /**
     * Creates a child of {@code parent}, cancelled by the parent, and by {@code deadline} if not
     * null.
     *
     * @param parent the parent
     * @param deadline own deadline, or {@code null}
     * @param delayNanos time until the deadline, ignored when {@code deadline} is null
     * @return the child, registered with its parent and its timer
     */
    static CancelNode create(Context parent, Instant deadline, long delayNanos) {
        CancelNode node = new CancelNode(parent, deadline);
        Registration registration = parent.onDone(node::cancelFromParent);
        node.parentRegistration = registration;
        if (node.done != null) {
            registration.remove(); // cancelled while we registered: do not stay in the parent
            return node;
        }
        if (deadline != null) {
            node.armTimer(delayNanos);
        }
        return node;
    }

    private void armTimer(long delayNanos) {
        if (delayNanos <= 0) {
            cancelWith(Done.deadline(deadline));
            return;
        }
        timer = Scheduler.schedule(delayNanos, () -> cancelWith(Done.deadline(deadline)));
        if (done != null) {
            timer.cancel(false); // cancelled while we armed it
        }
    }

    @Override
    public void cancel() {
        cancelWith(Done.cancelled(null));
    }

    @Override
    public void cancel(Throwable cause) {
        cancelWith(Done.cancelled(cause));
    }

    private void cancelFromParent() {
        cancelWith(Done.from(parent));
    }

    /**
     * Completes this context with {@code outcome} unless it is already done.
     *
     * @param outcome the terminal state
     * @return {@code true} if this call completed it
     */
    boolean cancelWith(Done outcome) {
        Node first;
        lock.lock();
        try {
            if (done != null) {
                return false;
            }
            done = outcome;
            first = head;
            for (Node n = head; n != null; n = n.next) {
                n.owner = null; // fired: remove() will now return false
            }
            head = null;
            tail = null;
            size = 0;
        } finally {
            lock.unlock();
        }
        release();
        for (Node n = first; n != null; ) {
            Node next = n.next;
            n.prev = null;
            n.next = null;
            Scheduler.runReporting(n.callback);
            n = next;
        }
        return true;
    }

    private void release() {
        Registration registration = parentRegistration;
        if (registration != null) {
            registration.remove();
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public Registration onDone(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (done == null) {
            lock.lock();
            try {
                if (done == null) {
                    return link(new Node(this, callback));
                }
            } finally {
                lock.unlock();
            }
        }
        Scheduler.runReporting(callback);
        return FiredRegistration.INSTANCE;
    }

    private Node link(Node node) {
        node.prev = tail;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
        return node;
    }

    private boolean unlink(Node node) {
        lock.lock();
        try {
            if (node.owner == null) {
                return false;
            }
            node.owner = null;
            if (node.prev == null) {
                head = node.next;
            } else {
                node.prev.next = node.next;
            }
            if (node.next == null) {
                tail = node.prev;
            } else {
                node.next.prev = node.prev;
            }
            node.prev = null;
            node.next = null;
            size--;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of callbacks (children included) this context holds; a snapshot, for leak tests.
     *
     * @return the count
     */
    public int registrations() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDone() {
        return done != null;
    }

    @Override
    public CancelledException err() {
        Done d = done;
        return d == null ? null : d.err();
    }

    @Override
    public Throwable cause() {
        Done d = done;
        return d == null ? null : d.cause();
    }

    @Override
    public Optional<Instant> deadline() {
        return deadline != null ? Optional.of(deadline) : parent.deadline();
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        return parent.value(key);
    }

    @Override
    public String toString() {
        Done d = done;
        String kind = deadline == null ? "withCancel" : "withDeadline(" + deadline + ")";
        return parent + "." + kind + (d == null ? "" : "[" + d + "]");
    }

    /** A pending callback: a list node and its own registration handle. */
    private static final class Node implements Registration {
        /** The list this node is linked in; {@code null} once unlinked or fired. Guarded by its lock. */
        CancelNode owner;
        Node prev;
        Node next;
        final Runnable callback;

        Node(CancelNode owner, Runnable callback) {
            this.owner = owner;
            this.callback = callback;
        }

        @Override
        public boolean remove() {
            CancelNode o = owner; // racy read is only a hint; unlink re-checks under the lock
            return o != null && o.unlink(this);
        }
    }

    /** The registration of a callback that ran at once because the context was already done. */
    enum FiredRegistration implements Registration {
        INSTANCE;

        @Override
        public boolean remove() {
            return false;
        }
    }

    /**
     * The terminal state: what kind of end, and the cause. The error is made on first demand (most
     * cancelled contexts are never asked), then shared.
     */
    static final class Done {
        private final boolean deadlineExceeded;
        private final Throwable customCause;
        private final String message;
        /** {@code null} until first asked for; then the one error instance, set by CAS. */
        private volatile CancelledException err;
        private static final VarHandle ERR;

        static {
            try {
                ERR = MethodHandles.lookup().findVarHandle(Done.class, "err", CancelledException.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Done(boolean deadlineExceeded, Throwable customCause, String message, CancelledException err) {
            this.deadlineExceeded = deadlineExceeded;
            this.customCause = customCause;
            this.message = message;
            this.err = err;
        }

        static Done cancelled(Throwable cause) {
            return new Done(false, cause, "context cancelled", null);
        }

        static Done deadline(Instant deadline) {
            return new Done(true, null, "context deadline exceeded (deadline " + deadline + ")", null);
        }

        static Done from(Context parent) {
            CancelledException parentErr = parent.err();
            Throwable parentCause = parent.cause();
            Throwable custom = parentCause == parentErr ? null : parentCause;
            return new Done(parentErr instanceof DeadlineExceededException, custom,
                    parentErr == null ? "context cancelled" : parentErr.getMessage(), parentErr);
        }

        CancelledException err() {
            CancelledException e = err;
            if (e != null) {
                return e;
            }
            e = deadlineExceeded
                    ? new DeadlineExceededException(message, customCause)
                    : new CancelledException(message, customCause);
            CancelledException witness = (CancelledException) ERR.compareAndExchange(this, null, e);
            return witness == null ? e : witness;
        }

        Throwable cause() {
            return customCause != null ? customCause : err();
        }

        boolean deadlineExceeded() {
            return deadlineExceeded;
        }

        Throwable customCause() {
            return customCause;
        }

        @Override
        public String toString() {
            return message + (customCause == null ? "" : ": " + customCause);
        }
    }
}
