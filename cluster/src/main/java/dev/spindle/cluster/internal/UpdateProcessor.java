package dev.spindle.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import dev.spindle.cluster.DistributedMap;
import java.io.Serial;
import java.util.Map;

/**
 * Applies a serializable function to one entry on the member that owns its key, under the
 * partition's single thread, so no other write to the key interleaves. The function runs once: the
 * backup replica is sent the resulting value (not the function), so a function that is not
 * deterministic (reads a clock, a random number) still leaves primary and backup equal.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class UpdateProcessor<K, V> implements EntryProcessor<K, V, V> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final DistributedMap.Update<V> fn;
    /** Set by {@link #process} on the primary, read by {@link #getBackupProcessor} right after. */
    private transient V result;

    /**
     * Takes the update.
     *
     * @param fn the update
     */
    public UpdateProcessor(DistributedMap.Update<V> fn) {
        this.fn = fn;
    }

    @Override
    public V process(Map.Entry<K, V> entry) {
        V next = fn.apply(entry.getValue());
        entry.setValue(next);
        result = next;
        return next;
    }

    @Override
    public EntryProcessor<K, V, V> getBackupProcessor() {
        return new SetProcessor<K, V, V>(result);
    }

    /** Sets a computed value on the backup (whose return value Hazelcast ignores). */
    public static final class SetProcessor<K, V, R> implements EntryProcessor<K, V, R> {
        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // values stored in maps are serializable by contract
        private final V value;

        public SetProcessor(V value) {
            this.value = value;
        }

        @Override
        public R process(Map.Entry<K, V> entry) {
            entry.setValue(value);
            return null;
        }
    }
}
