package dev.spindle.core;

import dev.spindle.core.internal.Contexts;
import dev.spindle.core.internal.GroupInfo;
import dev.spindle.core.internal.Scheduler;
import dev.spindle.core.internal.TaskGroupFailedEvent;
import dev.spindle.core.internal.TaskGroupObserver;
import dev.spindle.core.internal.TaskRunEvent;
import dev.spindle.core.internal.Wait;
import dev.spindle.core.internal.Waits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A group of tasks that ends as one: Go's {@code errgroup.Group} with structure.
 *
 * {@snippet :
 * try (TaskGroup group = TaskGroup.open(ctx)) {
 *     TaskHandle<User> user = group.go(() -> users.fetch(group.context(), id));
 *     TaskHandle<List<Order>> orders = group.go(() -> orders.fetch(group.context(), id));
 *     group.await();                      // throws the first failure
 *     return new Page(user.resultNow(), orders.resultNow());
 * }
 * }
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Every task runs on its own named virtual thread ({@code spindle-group-G-N}).</li>
 *   <li>The group has its own {@link #context()}, a child of the parent given to {@link #open}. The
 *       first task to fail cancels it, with that failure as its {@linkplain Context#cause() cause},
 *       and interrupts every other running task. Cancelling the parent (or
 *       {@link #cancel(Throwable)}) does the same. The parent is never cancelled by the group.</li>
 *   <li>{@link #await()} and {@link #close()} return only after every task has ended: no task
 *       outlives its group, whether the tasks succeed, fail or are cancelled, and whether or not the
 *       block that opened the group threw. Tasks may start more tasks in the same group while it is
 *       being awaited.</li>
 *   <li>The first failure is thrown as a {@link TaskFailedException} whose cause is exactly what the
 *       task threw; the failures of other tasks are attached to it as suppressed. A task that only
 *       ended because of the group's cancellation (it threw {@link InterruptedException} or
 *       {@link CancelledException} after the group was cancelled) is not a failure and is not
 *       reported; anything else a task throws after the cancellation is attached as suppressed.</li>
 *   <li>If the group was cancelled without a task failing (parent cancelled, deadline, or
 *       {@link #cancel(Throwable)}) and some task did not complete, a {@link CancelledException} is
 *       thrown instead.</li>
 *   <li>With a limit ({@link #open(Context, int)}), at most that many tasks run at once:
 *       {@link #go(Callable)} blocks for a free slot and {@link #tryGo(Callable)} refuses (Go's
 *       {@code SetLimit} and {@code TryGo}).</li>
 * </ul>
 *
 * <p><b>Closing.</b> {@code close()} waits like {@code await()} but never throws
 * {@link InterruptedException}: if the closing thread is interrupted, it cancels the group, keeps
 * waiting until every task has ended, then re-asserts the interrupt status. It throws the first
 * failure if {@code await()} has not already thrown it. A closed group refuses new tasks with an
 * {@link IllegalStateException}.
 *
 * <p>If the block that opened the group may throw while tasks wait for something that block would
 * have done, cancel the group in a {@code catch} (or use a context with a deadline): {@code close()}
 * waits for the tasks, as Go's {@code defer g.Wait()} would.
 *
 * <h2>Algorithm</h2>
 * The hot path takes no lock: {@link #state} packs the number of live tasks and a closed bit into
 * one {@code long} changed by CAS, and the threads are started by a thread-per-task executor of the
 * group's own ({@link #threads}), which keeps the live threads in its own concurrent set and is the
 * threads' container (thread dumps show them under it). A thread started with
 * {@code Thread.start()} would instead be added to the JDK's root container, one more concurrent set
 * shared by every virtual thread of the process, and the group would need a set of its own to
 * interrupt its tasks: two set insertions and removals per task where the executor has one, which
 * the profile showed (docs/benchmarks.md, core section). {@code go} adds one to the count (refused
 * once closed) and hands the task to the executor; a task that ends subtracts one. Only the task that
 * brings the count to zero takes {@link #lock}, to signal {@link #allEnded}; waiters check the count
 * under that lock, so no wake-up is lost. {@code close} waits for zero and then sets the closed bit
 * by a CAS from exactly "zero, open", so no task can slip in between. Failures are rare and are
 * recorded under {@link #lock}.
 *
 * <p>Cancellation is a callback on the group's context that shuts the executor down now, which
 * interrupts every thread in its set (the cancelling thread keeps its own interrupt status when it
 * is a task of the group). A task handed to the executor before that runs, sees the context done
 * and does not run its body; one handed to it later is refused, and {@code go} returns its handle
 * already cancelled without starting a thread for it.
 *
 * <p>Invariants: the count equals the number of tasks started and not ended (a task is counted
 * before its thread starts and uncounted after its last action); the closed bit is set only while
 * the count is zero, and never cleared.
 *
 * @since 0.1.0
 */
public final class TaskGroup implements AutoCloseable {
    private static final AtomicLong GROUP_IDS = new AtomicLong();

    private final Context parent;
    private final CancellableContext context;
    private final Context.Registration interruptOnCancel;
    private final Semaphore slots; // null when unlimited
    private final long id;
    private final String threadPrefix;
    /** What the diagnostics see of this group; registered while the group is open. */
    private final Diagnosed info;
    /** Set once by {@link #named}; read by the diagnostics. */
    private volatile String name;
    private volatile OnDeadlock onDeadlock = OnDeadlock.REPORT;
    /** Thread-safe, as every factory of {@code Thread.Builder}; {@link #newThread} names the threads. */
    private static final ThreadFactory UNNAMED = Thread.ofVirtual().factory();
    /**
     * Starts every task's thread and holds the running ones: running until the group is cancelled
     * (then shut down now, which interrupts them) or closed (then closed, once no task is left).
     */
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(this::newThread);
    /** The task whose thread {@link #newThread} is making on this thread; set only around it. */
    private static final ThreadLocal<Run<?>> STARTING = new ThreadLocal<>();
    /** Low 63 bits: live task count. {@link #CLOSED} bit: no more tasks. Changed by CAS only. */
    private volatile long state;
    private static final long CLOSED = Long.MIN_VALUE;
    private static final VarHandle STATE;
    /** The number of the next task's thread, from 1; only incremented (by {@link #newThread}). */
    private volatile long threadNumber = 1;
    private static final VarHandle THREAD_NUMBER;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskGroup.class, "state", long.class);
            THREAD_NUMBER = MethodHandles.lookup().findVarHandle(TaskGroup.class, "threadNumber", long.class);
            TASKS = MethodHandles.lookup().findVarHandle(TaskGroup.class, "tasks", Run.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allEnded = lock.newCondition();

    /**
     * The group's tasks for the diagnostics: a stack of {@link Run}s linked by {@link Run#nextTask},
     * newest first; {@code null} when empty. A started task is pushed by one CAS on this head (the
     * only per-task cost of the diagnostics). Ended tasks stay linked until the count reaches zero
     * ({@link #forgetEndedTasks} drops the list) or, in a group that never runs out of tasks, until
     * {@link #prune} unlinks them once {@link #pushedSincePrune} exceeds {@link #PRUNE_AFTER} and
     * twice the live count (so the list holds at most about three times the live tasks plus
     * {@code PRUNE_AFTER}, and pruning costs O(1) amortized per task). Only the head is
     * written by CAS; every other link is written under {@link #lock}, which readers also hold (a
     * group has one lock: a second one would cost its allocation in every group).
     */
    private volatile Run<?> tasks;
    private static final VarHandle TASKS;
    /**
     * Pushes before a group that never runs out of tasks prunes its list: a batch (N tasks, then
     * {@code await}) of up to this many never prunes while it runs, since the list is dropped whole
     * when the count reaches zero ({@link #forgetEndedTasks}). A prune reads every linked task's
     * state, written by tasks running on other cores: done mid-batch after 64 pushes it made
     * {@code TaskGroupBench} at 100 and 1,000 tasks 1.2-1.5x slower.
     */
    private static final int PRUNE_AFTER = 1024;
    /** Pushes since the last prune; a heuristic, so racy increments are harmless. */
    private int pushedSincePrune;

    // guarded by lock
    private Run<?> firstFailed;
    private List<Throwable> otherFailures;
    private boolean someCancelled;
    private boolean reported;
    private DeadlockException deadlock;

    private TaskGroup(Context parent, int limit) {
        this.slots = limit == Integer.MAX_VALUE ? null : new Semaphore(limit);
        this.id = GROUP_IDS.incrementAndGet();
        this.threadPrefix = GroupInfo.prefix(id);
        this.parent = parent;
        this.context = parent.withCancel();
        this.interruptOnCancel = context.onDone(this::interruptAll);
        this.info = new Diagnosed();
        info.register();
        notifyObservers(TaskGroupObserver::groupOpened);
    }

    /**
     * Opens a group under {@link Context#background()}, with no limit.
     *
     * @return the group; close it (try-with-resources)
     */
    public static TaskGroup open() {
        return new TaskGroup(Context.background(), Integer.MAX_VALUE);
    }

    /**
     * Opens a group whose context is a child of {@code parent}, with no limit.
     *
     * @param parent the parent context; cancelling it cancels the group
     * @return the group; close it (try-with-resources)
     */
    public static TaskGroup open(Context parent) {
        Objects.requireNonNull(parent, "parent");
        return new TaskGroup(parent, Integer.MAX_VALUE);
    }

    /**
     * Opens a group that runs at most {@code limit} tasks at once (Go's {@code SetLimit}).
     *
     * @param parent the parent context; cancelling it cancels the group
     * @param limit the most tasks running at once, at least 1
     * @return the group; close it (try-with-resources)
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public static TaskGroup open(Context parent, int limit) {
        Objects.requireNonNull(parent, "parent");
        if (limit < 1) {
            throw new IllegalArgumentException("TaskGroup limit must be >= 1, was " + limit);
        }
        return new TaskGroup(parent, limit);
    }

    /**
     * {@return the group's context} It is cancelled by the first failure (as its cause), by the
     * parent, by {@link #cancel(Throwable)}, and when the group is closed. Pass it to the tasks'
     * blocking calls.
     */
    public Context context() {
        return context;
    }

    /**
     * Names the group for the diagnostics ({@link Diagnostics#dump()}, deadlock reports, JFR events):
     * {@code group 3 "crawler"}. Its tasks' thread names do not change ({@code spindle-group-3-N}).
     *
     * @param name the name, not blank
     * @return this group
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if the group was named before
     */
    public TaskGroup named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("TaskGroup name must not be blank");
        }
        if (this.name != null) {
            throw new IllegalStateException("TaskGroup " + id + " is already named \"" + this.name
                    + "\"; cannot rename it to \"" + name + "\"");
        }
        this.name = name;
        return this;
    }

    /** {@return the name given by {@link #named}, or {@code null}} */
    public String name() {
        return name;
    }

    /**
     * Chooses what happens when Spindle proves that tasks of this group are deadlocked (the rule is on
     * {@link Diagnostics}): the default, {@link OnDeadlock#REPORT}, logs the report; {@link
     * OnDeadlock#FAIL} also cancels the group with a {@link DeadlockException}, so that its tasks are
     * interrupted and {@link #await()} throws it.
     *
     * @param policy what to do
     * @return this group
     */
    public TaskGroup onDeadlock(OnDeadlock policy) {
        this.onDeadlock = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** What a group does when its tasks are proven deadlocked: {@link #onDeadlock(OnDeadlock)}. */
    public enum OnDeadlock {
        /** Log the report (ERROR, logger {@code dev.spindle.diagnostics}); the tasks stay blocked. */
        REPORT,
        /**
         * Log the report and fail the group with a {@link DeadlockException}: its context is cancelled
         * with it as the cause, its tasks are interrupted, and {@code await}/{@code close} throw it.
         */
        FAIL
    }

    /**
     * Starts {@code task} in this group; blocks while the group is at its limit.
     *
     * @param task what to run
     * @param <T> the result type
     * @return the task's handle
     * @throws InterruptedException if interrupted while waiting for a free slot (the task is not
     *     started)
     * @throws IllegalStateException if the group is closed
     */
    public <T> TaskHandle<T> go(Callable<T> task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        if (slots != null) {
            slots.acquire();
        }
        return start(task);
    }

    /**
     * Starts {@code task} in this group; blocks while the group is at its limit.
     *
     * @param task what to run
     * @return the task's handle
     * @throws InterruptedException if interrupted while waiting for a free slot (the task is not
     *     started)
     * @throws IllegalStateException if the group is closed
     */
    public TaskHandle<Void> go(Task task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        return go(asCallable(task));
    }

    /**
     * Starts {@code task} only if the group is below its limit (Go's {@code TryGo}); never blocks.
     *
     * @param task what to run
     * @param <T> the result type
     * @return the handle, or empty if the group is at its limit
     * @throws IllegalStateException if the group is closed
     */
    public <T> Optional<TaskHandle<T>> tryGo(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        if (slots != null && !slots.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(start(task));
    }

    /**
     * Starts {@code task} only if the group is below its limit (Go's {@code TryGo}); never blocks.
     *
     * @param task what to run
     * @return the handle, or empty if the group is at its limit
     * @throws IllegalStateException if the group is closed
     */
    public Optional<TaskHandle<Void>> tryGo(Task task) {
        Objects.requireNonNull(task, "task");
        return tryGo(asCallable(task));
    }

    /**
     * Cancels the group: its context is cancelled with {@code cause} and every running task is
     * interrupted. Does nothing if the group is already cancelled.
     *
     * @param cause why, or {@code null}
     */
    public void cancel(Throwable cause) {
        boolean wasDone = context.isDone();
        context.cancel(cause);
        if (!wasDone) {
            TaskGroupFailedEvent.emit(this, "cancelled", null, cause);
        }
    }

    /**
     * Waits until every task has ended, then throws the first failure, if any.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the tasks keep running)
     * @throws TaskFailedException if a task failed (cause: what it threw; others suppressed)
     * @throws CancelledException if the group was cancelled without a failure and some task did not
     *     complete
     */
    public void await() throws InterruptedException {
        if (count(state) > 0) {
            awaitZero();
        }
        RuntimeException outcome = outcome(true);
        if (outcome != null) {
            throw outcome;
        }
    }

    /**
     * Waits until every task has ended, closes the group to new tasks and releases its context. See
     * the class documentation for interruption.
     *
     * @throws TaskFailedException if a task failed and {@link #await()} has not thrown it already
     * @throws CancelledException if the group was cancelled without a failure, some task did not
     *     complete, and {@link #await()} has not thrown it already
     */
    @Override
    public void close() {
        boolean interrupted = false;
        while (!STATE.compareAndSet(this, 0L, CLOSED)) {
            if ((state & CLOSED) != 0) {
                break; // closed before
            }
            try {
                awaitZero();
            } catch (InterruptedException e) {
                interrupted = true;
                context.cancel(new CancelledException("the thread closing the TaskGroup was interrupted"));
            }
        }
        interruptOnCancel.remove();
        context.cancel();
        info.unregister();
        tasks = null; // every task has ended
        threads.close(); // no task is left: this only waits for the last threads to leave the executor
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException outcome = outcome(false);
        if (outcome != null) {
            throw outcome;
        }
    }

    private static long count(long state) {
        return state & ~CLOSED;
    }

    private void awaitZero() throws InterruptedException {
        AwaitWait wait = new AwaitWait();
        Waits.begin(wait);
        lock.lock();
        try {
            while (count(state) > 0) {
                allEnded.await();
            }
        } finally {
            lock.unlock();
            Waits.end(wait);
        }
    }

    /** A {@code TaskGroup.await} or {@code close} waiting for this group's tasks, for the diagnostics. */
    private final class AwaitWait extends Wait {
        @Override
        public TaskDump.WaitsOn describe() {
            return new TaskDump.WaitsOn.TaskGroupWait(id, info.label(), count(state));
        }

        @Override
        public boolean settled() {
            return count(state) == 0;
        }

        @Override
        public boolean endsByItself() {
            return false;
        }
    }

    /** This group as the diagnostics see it. */
    private final class Diagnosed extends GroupInfo {
        Diagnosed() {
            super(id);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String state() {
            return (state & CLOSED) != 0 ? "closing" : context.isDone() ? "cancelled" : "running";
        }

        @Override
        public long running() {
            return count(state);
        }

        @Override
        public List<Thread> tasks() {
            return liveThreads();
        }

        @Override
        public boolean failsOnDeadlock() {
            return onDeadlock == OnDeadlock.FAIL;
        }

        @Override
        public void failDeadlocked(DeadlockException e) {
            lock.lock();
            try {
                if (deadlock == null) {
                    deadlock = e;
                }
            } finally {
                lock.unlock();
            }
            context.cancel(e);
        }
    }

    /** What await/close report; {@code null} if all went well or it was already reported. */
    private RuntimeException outcome(boolean fromAwait) {
        Run<?> first;
        List<Throwable> others;
        boolean cancelled;
        DeadlockException dead;
        lock.lock();
        try {
            if (reported && !fromAwait) {
                return null;
            }
            first = firstFailed;
            others = otherFailures == null ? List.of() : List.copyOf(otherFailures);
            cancelled = someCancelled;
            dead = deadlock;
            if (first != null || cancelled || dead != null) {
                reported = true;
            }
        } finally {
            lock.unlock();
        }
        RuntimeException e;
        if (dead != null) {
            return dead;
        } else if (first != null) {
            e = new TaskFailedException(first.thread.getName(), first.exception);
        } else if (cancelled) {
            e = Contexts.cancelledException(context);
        } else {
            return null;
        }
        others.forEach(e::addSuppressed);
        return e;
    }

    private <T> Run<T> start(Callable<T> task) {
        long s;
        do {
            s = state;
            if ((s & CLOSED) != 0) {
                releaseSlot();
                throw new IllegalStateException("TaskGroup is closed: go() called after close()");
            }
        } while (!STATE.compareAndSet(this, s, s + 1));
        Run<T> run = new Run<>(this, task);
        STARTING.set(run);
        try {
            threads.execute(run);
        } catch (RejectedExecutionException shutDown) { // cancelled: interruptAll shut the executor down
            if (run.thread == null) { // refused before the executor asked for a thread
                newThread(run); // never started: it only gives the handle its name
            }
            notifyObservers(TaskGroupObserver::taskStarted);
            run.cancelBeforeStart();
            return run;
        } catch (Throwable t) { // e.g. OutOfMemoryError: undo, or the group would wait for ever
            ended(-1, TaskHandle.State.FAILED);
            throw t;
        } finally {
            STARTING.set(null);
        }
        listed(run);
        notifyObservers(TaskGroupObserver::taskStarted);
        return run;
    }

    /** Pushes a started task on {@link #tasks}; prunes ended ones now and then. */
    private void listed(Run<?> run) {
        Run<?> head;
        do {
            head = tasks;
            run.nextTask = head;
        } while (!TASKS.compareAndSet(this, head, run));
        int pushed = ++pushedSincePrune;
        if (pushed > PRUNE_AFTER && pushed > 2 * count(state)) {
            prune();
        }
    }

    /**
     * Called by the task that brought the count to zero: drops the whole list if no task was pushed
     * since. Every task linked below the head read here was counted before that read, so if the count
     * is still zero after it, all of them have ended; the CAS fails if a task was pushed meanwhile.
     */
    private void forgetEndedTasks() {
        Run<?> head = tasks;
        if (head != null && count(state) == 0) {
            TASKS.compareAndSet(this, head, null);
        }
    }

    /** Unlinks ended tasks from {@link #tasks}, but for the head (pushers CAS it). Skips if busy. */
    private void prune() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            pushedSincePrune = 0;
            Run<?> prev = tasks;
            if (prev == null) {
                return;
            }
            for (Run<?> r = prev.nextTask; r != null; r = r.nextTask) {
                if (r.state == TaskHandle.State.RUNNING) {
                    prev.nextTask = r;
                    prev = r;
                }
            }
            prev.nextTask = null;
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks {@link #tasks} links now, ended ones included; for tests of the pruning. */
    int listLength() {
        lock.lock();
        try {
            int n = 0;
            for (Run<?> r = tasks; r != null; r = r.nextTask) {
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The threads of the tasks that have not ended, for the diagnostics; prunes the rest. */
    private List<Thread> liveThreads() {
        List<Thread> live = new ArrayList<>();
        lock.lock();
        try {
            for (Run<?> r = tasks; r != null; r = r.nextTask) {
                if (r.state == TaskHandle.State.RUNNING && r.thread != null) {
                    live.add(r.thread);
                }
            }
        } finally {
            lock.unlock();
        }
        prune();
        return live;
    }

    /**
     * The executor's thread factory: a new unstarted thread for the task {@link #start} is handing
     * to the executor on this thread ({@link #STARTING}), named {@code spindle-group-G-N}. The name is
     * built by one string concatenation and set on the unstarted thread: the JDK's naming factory
     * ({@code Thread.ofVirtual().name(prefix, 1)}) builds it with a {@code StringBuilder} and was a
     * third of the forking thread's profile (docs/benchmarks.md, core section).
     */
    private Thread newThread(Runnable executorTask) {
        Run<?> run = STARTING.get();
        Thread thread = UNNAMED.newThread(executorTask);
        thread.setName(threadPrefix + (long) THREAD_NUMBER.getAndAdd(this, 1L));
        run.thread = thread;
        return thread;
    }

    /** Observers are metrics: one that throws is reported and never breaks the group. */
    private static void notifyObservers(java.util.function.Consumer<TaskGroupObserver> event) {
        for (TaskGroupObserver o : TaskGroupObserver.Registry.current()) {
            try {
                event.accept(o);
            } catch (Throwable t) {
                Scheduler.reportUncaught(t);
            }
        }
    }

    private void releaseSlot() {
        if (slots != null) {
            slots.release();
        }
    }

    /**
     * Context callback: interrupt every task still running, and refuse new ones. Runs on the
     * cancelling thread, which is not interrupted if it is one of the tasks (named by this group,
     * as only the group's threads are) and was not interrupted before.
     */
    private void interruptAll() {
        Thread self = Thread.currentThread();
        boolean selfWasInterrupted = self.isInterrupted();
        threads.shutdownNow();
        if (!selfWasInterrupted && self.getName().startsWith(threadPrefix)) {
            Thread.interrupted(); // shutdownNow interrupted this task too: undo
        }
    }

    /** Called by a task's thread when its task threw; decides FAILED or CANCELLED. */
    private TaskHandle.State recordThrown(Run<?> run, Throwable thrown) {
        boolean cancelFirst = false;
        TaskHandle.State state;
        lock.lock();
        try {
            // The parent's callbacks may reach a task before the group's own context is cancelled.
            if (context.isDone() || parent.isDone()) {
                state = TaskHandle.State.CANCELLED;
                someCancelled = true;
                if (!(thrown instanceof InterruptedException) && !(thrown instanceof CancelledException)) {
                    addOther(thrown);
                }
            } else if (firstFailed == null) {
                firstFailed = run;
                cancelFirst = true;
                state = TaskHandle.State.FAILED;
            } else {
                addOther(thrown);
                state = TaskHandle.State.FAILED;
            }
        } finally {
            lock.unlock();
        }
        if (cancelFirst) {
            context.cancel(thrown);
            TaskGroupFailedEvent.emit(this, "failed", run.name(), thrown);
        }
        return state;
    }

    private void addOther(Throwable thrown) {
        if (otherFailures == null) {
            otherFailures = new ArrayList<>(2);
        }
        otherFailures.add(thrown);
    }

    /** A task ended as {@code outcome} after {@code nanos} (negative: not observed, not reported). */
    private void ended(long nanos, TaskHandle.State outcome) {
        // Metrics and the slot first, so that all is settled when await/close return.
        if (nanos >= 0 && TaskGroupObserver.Registry.current().length > 0) { // no lambda when unobserved
            notifyObservers(o -> o.taskEnded(nanos, outcome));
        }
        releaseSlot();
        if (count((long) STATE.getAndAdd(this, -1L)) == 1) {
            forgetEndedTasks();
            lock.lock();
            try {
                allEnded.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void markCancelledBeforeStart() {
        lock.lock();
        try {
            someCancelled = true;
        } finally {
            lock.unlock();
        }
    }

    private static Callable<Void> asCallable(Task task) {
        return () -> {
            task.run();
            return null;
        };
    }

    @Override
    public String toString() {
        long s = state;
        String named = name == null ? "" : " \"" + name + "\"";
        return "TaskGroup[" + threadPrefix + "*" + named + ", running=" + count(s) + ", closed=" + ((s & CLOSED) != 0)
                + ", context=" + context + "]";
    }

    /**
     * One task: its body (run on its own thread) and its handle.
     *
     * <p>{@link #state} is written once, by the task's thread, after {@link #result} or
     * {@link #exception}; readers read {@code state} first (volatile), then the field it guards.
     *
     * <p>{@link #completion} is completed by whichever of two threads sees both writes: the task's
     * thread writes {@code state}, then reads {@code completion}; {@link #toCompletableFuture}
     * publishes {@code completion}, then reads {@code state}. Both are volatile, so at least one of
     * them sees the other's write (completing twice is harmless: the first completion wins, and
     * both carry the same outcome).
     */
    private static final class Run<T> implements TaskHandle<T>, Runnable {
        private static final VarHandle COMPLETION;

        static {
            try {
                COMPLETION = MethodHandles.lookup().findVarHandle(Run.class, "completion", CompletableFuture.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final TaskGroup group;
        private final Callable<T> task;
        /** The next older task in the group's {@link TaskGroup#tasks} list; see there. */
        Run<?> nextTask;
        /**
         * Set by the group's thread factory before the thread starts. A task refused by the executor
         * (group cancelled) keeps a thread that never starts, only for its name.
         */
        Thread thread;

        private T result;
        private Throwable exception;
        /** RUNNING until the task ended; then its final state. */
        private volatile State state = State.RUNNING;
        /**
         * null = no {@link #toCompletableFuture} yet (nothing to complete: the common case costs one
         * volatile read); otherwise the future every returned future copies, completed once
         * {@link #state} is final. Set once, by CAS.
         */
        private volatile CompletableFuture<T> completion;

        Run(TaskGroup group, Callable<T> task) {
            this.group = group;
            this.task = task;
        }

        /** The task was refused because the group is cancelled: end it as cancelled, never run. */
        void cancelBeforeStart() {
            boolean observed = TaskGroupObserver.Registry.current().length > 0;
            exception = Contexts.cancelledException(group.context);
            group.markCancelledBeforeStart();
            state = State.CANCELLED;
            completeFuture();
            group.ended(observed ? 0 : -1, State.CANCELLED);
        }

        @Override
        public void run() {
            boolean observed = TaskGroupObserver.Registry.current().length > 0;
            long start = observed ? System.nanoTime() : 0;
            TaskRunEvent event = new TaskRunEvent();
            event.begin();
            try {
                if (group.context.isDone() || group.parent.isDone()) {
                    exception = Contexts.cancelledException(
                            group.context.isDone() ? group.context : group.parent);
                    group.markCancelledBeforeStart();
                    state = State.CANCELLED;
                    return;
                }
                result = task.call();
                state = State.SUCCEEDED;
            } catch (Throwable thrown) {
                exception = thrown;
                state = group.recordThrown(this, thrown);
            } finally {
                completeFuture();
                State s = state; // RUNNING only if recording what it threw failed (e.g. out of memory)
                commit(event, s == State.RUNNING ? State.FAILED : s);
                group.ended(observed ? System.nanoTime() - start : 0, s == State.RUNNING ? State.FAILED : s);
            }
        }

        /** Commits the task's {@link TaskRunEvent} if a recording wants it (it ran past the threshold). */
        private void commit(TaskRunEvent event, State outcome) {
            event.end();
            if (event.shouldCommit()) {
                event.task = name();
                event.group = group.toString();
                event.outcome = outcome.name();
                event.commit();
            }
        }

        /**
         * On the task's thread, once {@link #state} is final: completes the future, if any. Never
         * throws (dependents' exceptions stay in their stages), so the group always counts the end.
         */
        private void completeFuture() {
            CompletableFuture<T> c = completion;
            if (c != null && state != State.RUNNING) {
                complete(c);
            }
        }

        /** Completes {@code c} with the outcome; {@link #state} must be final. */
        private void complete(CompletableFuture<T> c) {
            switch (state) {
                case SUCCEEDED -> c.complete(result);
                // Wrapped as supplyAsync does: a task that threw a CancellationException failed,
                // and its future must say FAILED, not CANCELLED.
                case FAILED -> c.completeExceptionally(new CompletionException(exception));
                case CANCELLED -> {
                    CancellationException e = new CancellationException("task " + name() + " was cancelled");
                    e.initCause(exception);
                    c.completeExceptionally(e);
                }
                case RUNNING -> throw new IllegalStateException("task " + name() + " has not ended");
            }
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            CompletableFuture<T> c = completion;
            if (c == null) {
                CompletableFuture<T> made = new CompletableFuture<>();
                @SuppressWarnings("unchecked")
                CompletableFuture<T> witness = (CompletableFuture<T>) COMPLETION.compareAndExchange(this, null, made);
                c = witness == null ? made : witness;
            }
            if (state != State.RUNNING) {
                complete(c); // the task's thread may have ended before c was published
            }
            // A future per caller: cancelling or completing it must not reach the task's other
            // futures. Relayed by hand: copy() would wrap a cancellation, and no longer be cancelled.
            CompletableFuture<T> mine = new CompletableFuture<>();
            CompletableFuture<T> unused = c.whenComplete((r, x) -> {
                if (x == null) {
                    mine.complete(r);
                } else {
                    mine.completeExceptionally(x);
                }
            });
            return mine;
        }

        @Override
        public String name() {
            return thread.getName();
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public T resultNow() {
            State s = state;
            if (s != State.SUCCEEDED) {
                throw new IllegalStateException("task " + name() + " has no result: it is " + s);
            }
            return result;
        }

        @Override
        public Throwable exceptionNow() {
            State s = state;
            if (s != State.FAILED && s != State.CANCELLED) {
                throw new IllegalStateException("task " + name() + " has no exception: it is " + s);
            }
            return exception;
        }

        @Override
        public T join() throws InterruptedException {
            // Until the thread has ended, so its slot and count are released too; a refused task's
            // thread never starts, and its handle is already cancelled.
            if (thread.getState() != Thread.State.NEW) {
                thread.join();
            }
            return switch (state) {
                case SUCCEEDED -> result;
                case FAILED -> throw new TaskFailedException(name(), exception);
                case CANCELLED -> throw new CancelledException("task " + name() + " was cancelled", exception);
                case RUNNING -> throw new IllegalStateException("task " + name() + " is still running after join");
            };
        }

        @Override
        public String toString() {
            return "TaskHandle[" + name() + ", " + state + "]";
        }
    }
}
