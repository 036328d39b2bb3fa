package dev.spindle.examples.imagefarm;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterClosedException;
import dev.spindle.cluster.ClusterTask;
import java.io.Serial;

/**
 * Computes one tile's edges on whichever member runs it. Idempotent (the same tile gives the same
 * edges), so {@link dev.spindle.cluster.ClusterTaskGroup} may run it again when a member dies.
 * Each start is counted in the map {@code <job>.starts} (tile number to starts), so the job can
 * say how many tiles were re-run.
 */
final class EdgeTask implements ClusterTask<TileResult>, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String job;
    private final Tile tile;
    private final long delayMillis;
    /** The member running the task; set by Hazelcast when the task arrives there. */
    private transient HazelcastInstance member;

    EdgeTask(String job, Tile tile, long delayMillis) {
        this.job = job;
        this.tile = tile;
        this.delayMillis = delayMillis;
    }

    static String startsMap(String job) {
        return job + ".starts";
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /**
     * Computes the tile. If this member is being shut down meanwhile (its cluster calls fail, its
     * thread is interrupted), says so with Hazelcast's {@link HazelcastInstanceNotActiveException},
     * which the task group treats as "member gone" and answers by running the tile elsewhere; any
     * other failure fails the job.
     */
    @Override
    public TileResult call() throws Exception {
        try {
            return compute();
        } catch (ClusterClosedException | InterruptedException e) {
            if (member.getLifecycleService().isRunning()) {
                throw e;
            }
            var gone = new HazelcastInstanceNotActiveException("member stopped while computing tile " + tile.index());
            gone.addSuppressed(e);
            throw gone;
        }
    }

    private TileResult compute() throws InterruptedException {
        Cluster here = Cluster.of(member);
        here.<Integer, Integer>map(startsMap(job)).update(tile.index(), n -> n == null ? 1 : n + 1);
        if (delayMillis > 0) {
            Thread.sleep(delayMillis); // stands for heavier work, so a run can be watched and disturbed
        }
        return new TileResult(tile.index(), tile.x(), tile.y(), tile.width(), tile.height(), tile.edges(),
                here.localMember().address());
    }
}
