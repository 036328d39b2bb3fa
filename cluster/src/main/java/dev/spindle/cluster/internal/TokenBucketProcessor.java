package dev.spindle.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * A token bucket stepped on the member that owns it: refill by elapsed wall-clock time on that
 * member (one clock for every caller), then take {@code permits} if there are enough. Returns 0 when
 * taken, else the milliseconds until there will be enough (nothing taken). The backup is sent the
 * resulting bucket, not the step, so primary and backup agree.
 */
public final class TokenBucketProcessor implements EntryProcessor<String, TokenBucketProcessor.Bucket, Long> {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * The bucket's state.
     *
     * @param tokens tokens available
     * @param atMillis when {@code tokens} was computed (owner's clock)
     */
    public record Bucket(double tokens, long atMillis) implements Serializable {}

    /** Permits to take. */
    private final long permits;
    /** Refill rate. */
    private final double perSecond;
    /** Bucket size. */
    private final long burst;
    private transient Bucket result;

    /**
     * A step that takes {@code permits} from a bucket with this rate and size.
     *
     * @param permits to take
     * @param perSecond refill rate
     * @param burst capacity
     */
    public TokenBucketProcessor(long permits, double perSecond, long burst) {
        this.permits = permits;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @Override
    public Long process(Map.Entry<String, Bucket> entry) {
        long now = System.currentTimeMillis();
        Bucket b = entry.getValue();
        double tokens = b == null ? burst
                : Math.min((double) burst, b.tokens() + Math.max(0, now - b.atMillis()) * perSecond / 1000.0);
        long wait = 0;
        if (tokens >= permits) {
            tokens -= permits;
        } else {
            wait = Math.max(1, (long) Math.ceil((permits - tokens) * 1000.0 / perSecond));
        }
        result = new Bucket(tokens, now);
        entry.setValue(result);
        return wait;
    }

    @Override
    public EntryProcessor<String, Bucket, Long> getBackupProcessor() {
        return new UpdateProcessor.SetProcessor<>(result);
    }
}
