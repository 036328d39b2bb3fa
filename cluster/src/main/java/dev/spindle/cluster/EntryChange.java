package dev.spindle.cluster;

import java.util.Objects;

/**
 * A change to one entry of a {@link DistributedMap}, delivered by {@link DistributedMap#watch()}.
 *
 * @param kind what happened
 * @param key the entry's key
 * @param oldValue the value before (null when added, and for some expirations)
 * @param value the value after (null when removed, expired or evicted)
 * @param <K> key type
 * @param <V> value type
 *
 * @since 0.1.0
 */
public record EntryChange<K, V>(Kind kind, K key, V oldValue, V value) {
    /** What happened to the entry. */
    public enum Kind {
        /** A new key. */
        ADDED,
        /** A new value for an existing key. */
        UPDATED,
        /** Removed by a call. */
        REMOVED,
        /** Removed because its time-to-live ran out. */
        EXPIRED,
        /** Removed to respect a size limit. */
        EVICTED
    }

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code kind} or {@code key} is null
     */
    public EntryChange {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(key, "key is null");
    }
}
