package dev.spindle.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.io.Serial;
import java.util.Map;

/**
 * Adds a delta to a {@code Long} entry (absent counts as 0) on the key's owner; returns the sum.
 * {@link DataSerializable} (one long on the wire, no Java serialization class descriptors) and
 * needs no factory registration, so it works on any member with this class on its class path.
 */
public final class AddProcessor implements EntryProcessor<String, Long, Long>, DataSerializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** What to add. */
    private long delta;
    private transient Long result;

    /** For deserialization. */
    public AddProcessor() {
    }

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

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(delta);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        delta = in.readLong();
    }
}
