package dev.spindle.cluster;

import com.hazelcast.map.IMap;
import dev.spindle.cluster.internal.TokenBucketProcessor;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.Objects;

/**
 * A cluster-wide token bucket: at most {@code burst} permits at once, refilled at
 * {@code permitsPerSecond}, shared by every process that uses the same name.
 *
 * <pre>{@code
 * RateLimiter limiter = cluster.rateLimiter("payments-api", 100, 20);
 * if (!limiter.tryAcquire()) { return 429; }
 * }</pre>
 *
 * <p>Each call is one entry processor on the member that owns the bucket (internal map
 * {@code spindle.ratelimits}), which refills by its own clock and takes permits atomically. Every
 * handle of one name should use the same rate and burst; each call applies its own handle's.
 *
 * <h2>Under failure</h2>
 * The bucket survives the loss of one member (backup), but the new owner's clock takes over: a skew
 * between the two clocks shows up once as extra or missing permits. During a partition each side
 * has its own bucket, so the cluster-wide rate can be exceeded up to once per side.
 *
 * @since 0.1.0
 */
public final class RateLimiter {
    static final String MAP = "spindle.ratelimits";

    private final Cluster cluster;
    private final String name;
    private final double perSecond;
    private final long burst;
    private final IMap<String, TokenBucketProcessor.Bucket> buckets;

    RateLimiter(Cluster cluster, String name, double permitsPerSecond, long burst) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("rateLimiter '" + name + "': permitsPerSecond " + permitsPerSecond
                    + " is not a positive finite number");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimiter '" + name + "': burst " + burst + " is less than 1");
        }
        this.cluster = cluster;
        this.name = name;
        this.perSecond = permitsPerSecond;
        this.burst = burst;
        this.buckets = cluster.plumbing().call("rateLimiter", name, "open", () -> cluster.hazelcast().getMap(MAP));
    }

    /** {@return whether one permit was taken now} */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code permits} now if the bucket holds that many.
     *
     * @param permits how many to take (1 to burst)
     * @return whether they were taken now (all or none)
     */
    public boolean tryAcquire(long permits) {
        return step(permits) == 0;
    }

    /**
     * Waits until {@code permits} can be taken, or {@code ctx} is done.
     *
     * @param permits how many to take (1 to burst)
     * @param ctx gives up when done (nothing taken)
     * @throws CancelledException if {@code ctx} is done first
     * @throws InterruptedException if interrupted
     */
    public void acquire(long permits, Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, () -> "rateLimiter '" + name + "': ctx is null");
        while (true) {
            ctx.throwIfDone();
            long wait = step(permits);
            if (wait == 0) {
                return;
            }
            if (ctx.await(Duration.ofMillis(wait))) {
                ctx.throwIfDone();
            }
        }
    }

    /** {@return the limiter's cluster-wide name} */
    public String name() {
        return name;
    }

    private long step(long permits) {
        if (permits < 1 || permits > burst) {
            throw new IllegalArgumentException("rateLimiter '" + name + "': permits " + permits
                    + " is outside 1.." + burst + " (the burst)");
        }
        return cluster.plumbing().call("rateLimiter", name, "acquire",
                () -> buckets.executeOnKey(name, new TokenBucketProcessor(permits, perSecond, burst)));
    }
}
