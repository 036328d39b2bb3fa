package dev.spindle.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * {@link TaskGroup}'s contract for tasks that run on cluster members (Hazelcast
 * {@code IExecutorService} {@code spindle.tasks}): the first failure cancels the group and the
 * other tasks (remote ones are interrupted on their member), {@link #await()} waits for every task
 * and throws the first failure, and no task outlives the group.
 *
 * <pre>{@code
 * try (ClusterTaskGroup g = cluster.taskGroup(ctx)) {
 *     List<TaskHandle<Integer>> parts = new ArrayList<>();
 *     for (int i = 0; i < 8; i++) {
 *         int n = i;
 *         parts.add(g.go(() -> work(n)));     // a ClusterTask: runs on some member
 *     }
 *     g.await();
 * }
 * }</pre>
 *
 * <p>Each task is submitted from a local virtual thread of an ordinary {@link TaskGroup}, which waits
 * for the member's answer; each member runs it on its executor threads (by default 16 per member).
 *
 * <h2>Under failure</h2>
 * If the member running a task leaves the cluster (crash, shutdown) the task is submitted again to
 * another member, up to {@value #ATTEMPTS} attempts in all: tasks must be idempotent. A task that
 * keeps running on a member cut off by a network partition cannot be cancelled from this side;
 * its result is lost and it is re-submitted here only if the partition removes that member.
 */
public final class ClusterTaskGroup implements AutoCloseable {
    /** Attempts per task when members running it leave the cluster. */
    public static final int ATTEMPTS = 3;
    static final String EXECUTOR = "spindle.tasks";

    private final Cluster cluster;
    private final TaskGroup group;
    private final IExecutorService executor;

    ClusterTaskGroup(Cluster cluster, Context ctx) {
        this.cluster = cluster;
        this.executor = cluster.call("taskGroup", EXECUTOR, "open", () -> cluster.hazelcast().getExecutorService(EXECUTOR));
        this.group = TaskGroup.open(ctx);
    }

    /**
     * Returns the group's context: done when the group is cancelled or fails.
     *
     * @return the group's context: done when the group is cancelled or fails
     */
    public Context context() {
        return group.context();
    }

    /**
     * Runs {@code task} on a member chosen by Hazelcast.
     *
     * @param task the task (serializable)
     * @param <T> its result type
     * @return a handle to its result
     * @throws InterruptedException if interrupted while the group is at its limit
     * @throws IllegalStateException if the group is closed or awaited
     */
    public <T> TaskHandle<T> go(ClusterTask<T> task) throws InterruptedException {
        java.util.Objects.requireNonNull(task, "taskGroup: task is null");
        cluster.ensureOpen("taskGroup: go");
        return group.go(() -> runRemote(task));
    }

    /**
     * Takes why the group is cancelled (becomes its context's cause).
     *
     * @param cause why the group is cancelled (becomes its context's cause)
     */
    public void cancel(Throwable cause) {
        group.cancel(cause);
    }

    /**
     * Waits for every task; throws the first failure (see {@link TaskGroup#await()}).
     *
     * @throws InterruptedException if interrupted
     */
    public void await() throws InterruptedException {
        group.await();
    }

    /** Waits for every task without throwing their failures (see {@link TaskGroup#close()}). */
    @Override
    public void close() {
        group.close();
    }

    private <T> T runRemote(ClusterTask<T> task) throws Exception {
        Context ctx = group.context();
        for (int attempt = 1; ; attempt++) {
            ctx.throwIfDone();
            Future<T> f = cluster.call("taskGroup", EXECUTOR, "submit", () -> executor.submit(task));
            Context.Registration cancelRemote = ctx.onDone(() -> f.cancel(true));
            try {
                return f.get();
            } catch (CancellationException e) {
                throw ctx.err();
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (memberGone(cause) && attempt < ATTEMPTS) {
                    continue;
                }
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            } finally {
                cancelRemote.remove();
            }
        }
    }

    private static boolean memberGone(Throwable t) {
        return t instanceof MemberLeftException || t instanceof TargetNotMemberException
                || t instanceof HazelcastInstanceNotActiveException;
    }
}
