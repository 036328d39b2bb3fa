package dev.spindle.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.util.Map;

/** Adds a delta to a {@code Long} entry (absent counts as 0) on the key's owner; returns the sum. */
public final class AddProcessor implements EntryProcessor<String, Long, Long> {
    @Serial
    private static final long serialVersionUID = 1L;
    private final long delta;
    private transient Long result;

    /**
     * Takes what to add.
     *
     * @param delta what to add
     */
    public AddProcessor(long delta) {
        this.delta = delta;
    }

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        Long current = entry.getValue();
        result = (current == null ? 0L : current) + delta;
        entry.setValue(result);
        return result;
    }

    @Override
    public EntryProcessor<String, Long, Long> getBackupProcessor() {
        return new UpdateProcessor.SetProcessor<>(result);
    }
}
