package dev.spindle.bench.cluster;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.util.Map;

/**
 * The raw twin of Spindle's exact counter: the entry processor a Hazelcast user writes to add 1 to a
 * {@code Long} entry (absent counts as 0) on the key's owner and return the sum. The same work as
 * Spindle's internal {@code AddProcessor(1)}: one read, one add, one write, Java serialization. Its
 * backup is Hazelcast's default (the same processor runs again on the backup replica), where
 * Spindle's ships the new value; both make one synchronous backup operation.
 */
final class RawIncrement implements EntryProcessor<String, Long, Long> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Stateless, so one instance serves every call, as a user would keep it. */
    static final RawIncrement INSTANCE = new RawIncrement();

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        Long current = entry.getValue();
        long next = (current == null ? 0L : current) + 1;
        entry.setValue(next);
        return next;
    }
}
