package dev.spindle.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import dev.spindle.cluster.DistributedMap;
import java.io.Serial;
import java.util.Map;

/**
 * Applies a serializable function to one entry on the member that owns its key, under the
 * partition's single thread, so no other write to the key interleaves. The function runs once: the
 * backup replica is sent the resulting value (not the function), so a function that is not
 * deterministic (reads a clock, a random number) still leaves primary and backup equal. An exception
 * from the function is returned as a {@link Failure}, not thrown on the member, and the caller
 * rethrows it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class UpdateProcessor<K, V> implements EntryProcessor<K, V, Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The user's function. */
    private final DistributedMap.Update<V> fn;
    /** Set by {@link #process} on the primary, read by {@link #getBackupProcessor} right after. */
    private transient V result;
    private transient boolean changed;

    /**
     * Takes the update.
     *
     * @param fn the update
     */
    public UpdateProcessor(DistributedMap.Update<V> fn) {
        this.fn = fn;
    }

    /**
     * What the function threw, carried back as the processor's result so that Hazelcast does not
     * log a refusal (e.g. "out of stock") as a SEVERE error on the member.
     *
     * @param error the exception
     */
    public record Failure(RuntimeException error) implements java.io.Serializable {}

    /** Returns the new value, or a {@link Failure} (the entry is then unchanged, no backup sent). */
    @Override
    public Object process(Map.Entry<K, V> entry) {
        V next;
        try {
            next = fn.apply(entry.getValue());
        } catch (RuntimeException e) {
            return new Failure(e);
        }
        entry.setValue(next);
        result = next;
        changed = true;
        return next;
    }

    @Override
    public EntryProcessor<K, V, Object> getBackupProcessor() {
        // null: nothing changed on the primary, so nothing to send to the backup.
        return changed ? new SetProcessor<K, V, Object>(result) : null;
    }

    /**
     * Sets a computed value on the backup (whose return value Hazelcast ignores).
     * {@link com.hazelcast.nio.serialization.DataSerializable}: the value is written with Hazelcast's
     * own serialization, without Java serialization's class descriptors for the processor.
     *
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type (always null)
     */
    public static final class SetProcessor<K, V, R> implements EntryProcessor<K, V, R>,
            com.hazelcast.nio.serialization.DataSerializable {
        @Serial
        private static final long serialVersionUID = 1L;
        /** The value to set. */
        @SuppressWarnings("serial") // values stored in maps are serializable by contract
        private V value;

        /** For deserialization. */
        public SetProcessor() {
        }

        /**
         * Takes the value to set.
         *
         * @param value the value
         */
        public SetProcessor(V value) {
            this.value = value;
        }

        @Override
        public R process(Map.Entry<K, V> entry) {
            entry.setValue(value);
            return null;
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeObject(value);
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            value = in.readObject();
        }
    }
}
