package dev.spindle.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TaskGroup}'s contract for tasks that run on cluster members (Hazelcast
 * {@code IExecutorService} {@code spindle.tasks}): the first failure cancels the group and the
 * other tasks (remote ones are interrupted on their member), {@link #await()} waits for every task
 * and throws the first failure, and no local task outlives the group. A remote task is interrupted on
 * its member when the group is cancelled; one that ignores interrupts can go on running there after
 * the group has closed.
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
 * Tasks go to the data members round-robin. If the member running a task leaves the cluster (crash,
 * shutdown) the task is submitted again to the next member, up to {@value #ATTEMPTS} attempts in all:
 * tasks must be idempotent. A task that throws {@link InterruptedException} while the group is not
 * cancelled counts as "its member went away" too (that is what a stopping member does to its tasks). A task that
 * keeps running on a member cut off by a network partition cannot be cancelled from this side;
 * its result is lost and it is re-submitted here only if the partition removes that member.
 *
 * @since 0.1.0
 */
public final class ClusterTaskGroup implements AutoCloseable {
    /** Attempts per task when members running it leave the cluster. */
    public static final int ATTEMPTS = 3;
    static final String EXECUTOR = "spindle.tasks";

    private final Cluster cluster;
    private final TaskGroup group;
    private final IExecutorService executor;
    private final AtomicInteger next = new AtomicInteger();

    ClusterTaskGroup(Cluster cluster, Context ctx) {
        this.cluster = cluster;
        this.executor = cluster.plumbing().call("taskGroup", EXECUTOR, "open", () -> cluster.hazelcast().getExecutorService(EXECUTOR));
        this.group = TaskGroup.open(ctx);
    }

    /** {@return the group's context: done when the group is cancelled or fails} */
    public Context context() {
        return group.context();
    }

    /**
     * Runs {@code task} on the next data member, round-robin.
     *
     * @param task the task (serializable)
     * @param <T> its result type
     * @return a handle to its result
     * @throws InterruptedException if interrupted while the group is at its limit
     * @throws IllegalStateException if the group is closed or awaited
     */
    public <T> TaskHandle<T> go(ClusterTask<T> task) throws InterruptedException {
        java.util.Objects.requireNonNull(task, "taskGroup: task is null");
        cluster.plumbing().ensureOpen("taskGroup: go");
        return group.go(() -> runRemote(task));
    }

    /**
     * Cancels the group: its context is cancelled with {@code cause}, every local task is interrupted
     * and every remote one is interrupted on its member. Does nothing if the group is already
     * cancelled.
     *
     * @param cause why (becomes the context's cause), or {@code null}
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
            Member target = nextMember();
            Future<T> f = cluster.plumbing().call("taskGroup", EXECUTOR, "submit", () -> executor.submitToMember(task, target));
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
                if (attempt < ATTEMPTS && !ctx.isDone() && memberGone(cause, target)) {
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

    /** Round-robin over the data members (not lite members), so tasks spread evenly. */
    private Member nextMember() {
        List<Member> members = new ArrayList<>();
        for (Member m : cluster.hazelcast().getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                members.add(m);
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("taskGroup: the cluster has no data member to run tasks on");
        }
        return members.get(Math.floorMod(next.getAndIncrement(), members.size()));
    }

    /**
     * Whether a failure means "the member running it went away" rather than "the task failed": a
     * Hazelcast member-left error; or the member is no longer listed; or the task was interrupted
     * or found its instance closed while this group was not cancelled (what a member that is
     * shutting down does to its running tasks, before the others notice it left).
     */
    private boolean memberGone(Throwable cause, Member target) {
        if (!cluster.hazelcast().getCluster().getMembers().contains(target)) {
            return true;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetNotMemberException
                    || t instanceof HazelcastInstanceNotActiveException || t instanceof ClusterClosedException
                    || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
