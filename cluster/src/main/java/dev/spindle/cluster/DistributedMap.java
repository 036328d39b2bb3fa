package dev.spindle.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.spindle.channels.Channel;
import dev.spindle.cluster.internal.UpdateProcessor;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A cluster-wide map, partitioned over the members with synchronous backups (Hazelcast {@code IMap}).
 *
 * <p>Keys and values must be serializable (records and {@link Serializable} classes work); nulls are
 * rejected with a {@link NullPointerException} naming the argument, a value that cannot be serialized
 * with an {@link IllegalArgumentException} naming its class; in both cases nothing is written. Keys
 * are compared by their serialized form, not {@code equals}.
 *
 * <h2>Atomic updates</h2>
 * {@link #update(Object, Update)} runs a function on the member that owns the key, with no other
 * write to that key in between: a read-modify-write without a lock and with one network round trip.
 * The function must be serializable (a lambda assigned to {@link Update} is) and its class present on
 * every member. If it throws, the entry is unchanged and the exception reaches the caller.
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>Member crash: a write acknowledged to the caller is on the owner and on
 *       {@code backupCount} backups, so it survives that many simultaneous member losses. A write
 *       in flight when the owner dies may or may not have happened (the call throws); retrying an
 *       idempotent write ({@code put}, {@code set}) is safe.</li>
 *   <li>Long pause: calls to a paused owner wait (up to Hazelcast's invocation timeout, 120 s) until
 *       it resumes or is removed; then they are retried on the new owner.</li>
 *   <li>Network partition: both sides keep accepting writes; when they merge, each key keeps one
 *       side's value (Hazelcast's merge policy, by default the value from the larger side) and the
 *       other side's writes to it are lost.</li>
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 *
 * @since 0.1.0
 */
public final class DistributedMap<K, V> {
    /**
     * A serializable update for {@link #update(Object, Update)}.
     *
     * @param <V> value type
     */
    @FunctionalInterface
    public interface Update<V> extends Serializable {
        /**
         * Computes the new value of the entry from its current one.
         *
         * @param current the value now, or null if the key has none
         * @return the new value, or null to remove the entry
         */
        V apply(V current);
    }

    private final Cluster cluster;
    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final IMap<K, V> map;

    DistributedMap(Cluster cluster, String name, Class<K> keyType, Class<V> valueType) {
        this.cluster = cluster;
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.map = cluster.plumbing().call("map", name, "open", () -> cluster.hazelcast().getMap(name));
    }

    /** {@return the map's cluster-wide name} */
    public String name() {
        return name;
    }

    /**
     * {@return the value of {@code key}, or {@code null} if it has none}
     *
     * @param key the key
     */
    public V get(K key) {
        checkKey("get", key);
        return checkValue("get", cluster.plumbing().call("map", name, "get", () -> map.get(key)));
    }

    /**
     * Sets {@code key} to {@code value}.
     *
     * @param key the key
     * @param value the value
     * @return the previous value, or null
     */
    public V put(K key, V value) {
        checkEntry("put", key, value);
        return checkValue("put", cluster.plumbing().call("map", name, "put", () -> map.put(key, value)));
    }

    /**
     * Sets {@code key} to {@code value}, removed after {@code ttl} unless written again.
     *
     * @param key the key
     * @param value the value
     * @param ttl how long the entry lives (positive)
     * @return the previous value, or null
     */
    public V put(K key, V value, Duration ttl) {
        checkEntry("put", key, value);
        long ms = ttlMillis("put", ttl);
        return checkValue("put", cluster.plumbing().call("map", name, "put", () -> map.put(key, value, ms, TimeUnit.MILLISECONDS)));
    }

    /**
     * Sets {@code key} to {@code value} without returning the previous value (cheaper than
     * {@link #put(Object, Object)}).
     *
     * @param key the key
     * @param value the value
     */
    public void set(K key, V value) {
        checkEntry("set", key, value);
        cluster.plumbing().call("map", name, "set", () -> {
            map.set(key, value);
            return null;
        });
    }

    /**
     * Sets {@code key} to {@code value} if it has no value.
     *
     * @param key the key
     * @param value the value
     * @return null if set, else the value already there
     */
    public V putIfAbsent(K key, V value) {
        checkEntry("putIfAbsent", key, value);
        return checkValue("putIfAbsent", cluster.plumbing().call("map", name, "putIfAbsent", () -> map.putIfAbsent(key, value)));
    }

    /**
     * Like {@link #putIfAbsent(Object, Object)}, with a time-to-live.
     *
     * @param key the key
     * @param value the value
     * @param ttl how long the entry lives (positive)
     * @return null if set, else the value already there
     */
    public V putIfAbsent(K key, V value, Duration ttl) {
        checkEntry("putIfAbsent", key, value);
        long ms = ttlMillis("putIfAbsent", ttl);
        return checkValue("putIfAbsent", cluster.plumbing().call("map", name, "putIfAbsent",
                () -> map.putIfAbsent(key, value, ms, TimeUnit.MILLISECONDS)));
    }

    /**
     * Removes {@code key}'s entry.
     *
     * @param key the key
     * @return the value it had, or {@code null} if it had none
     */
    public V remove(K key) {
        checkKey("remove", key);
        return checkValue("remove", cluster.plumbing().call("map", name, "remove", () -> map.remove(key)));
    }

    /**
     * Removes {@code key} only if its value is {@code value}.
     *
     * @param key the key
     * @param value the expected value
     * @return whether it was removed
     */
    public boolean remove(K key, V value) {
        checkEntry("remove", key, value);
        return cluster.plumbing().call("map", name, "remove", () -> map.remove(key, value));
    }

    /**
     * Replaces the value of {@code key} if it has one.
     *
     * @param key the key
     * @param value the new value
     * @return the previous value, or null (and nothing set)
     */
    public V replace(K key, V value) {
        checkEntry("replace", key, value);
        return checkValue("replace", cluster.plumbing().call("map", name, "replace", () -> map.replace(key, value)));
    }

    /**
     * Replaces the value of {@code key} only if it is {@code expected} (compare-and-set).
     *
     * @param key the key
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was replaced
     */
    public boolean replace(K key, V expected, V value) {
        checkEntry("replace", key, expected);
        checkEntry("replace", key, value);
        return cluster.plumbing().call("map", name, "replace", () -> map.replace(key, expected, value));
    }

    /**
     * Applies {@code fn} to the value of {@code key} atomically, on the member that owns the key.
     *
     * @param key the key
     * @param fn gets the current value (null if none), returns the new value (null removes the
     *     entry); must be serializable and side-effect free (it runs on another JVM)
     * @return the new value
     * @throws RuntimeException whatever {@code fn} threw; the entry is then unchanged
     */
    public V update(K key, Update<V> fn) {
        checkKey("update", key);
        Objects.requireNonNull(fn, "update: fn is null");
        Object r = cluster.plumbing().call("map", name, "update", () -> map.executeOnKey(key, new UpdateProcessor<K, V>(fn)));
        if (r instanceof UpdateProcessor.Failure f) {
            f.error().addSuppressed(new RuntimeException("map '" + name + "': update of a key: the function threw on the key's owner"));
            throw f.error();
        }
        return checkValue("update", r);
    }

    /**
     * {@return whether {@code key} has a value}
     *
     * @param key the key
     */
    public boolean containsKey(K key) {
        checkKey("containsKey", key);
        return cluster.plumbing().call("map", name, "containsKey", () -> map.containsKey(key));
    }

    /**
     * {@return the values of those of {@code keys} that have one}
     *
     * @param keys the keys
     */
    public Map<K, V> getAll(Set<K> keys) {
        Objects.requireNonNull(keys, "getAll: keys is null");
        keys.forEach(k -> checkKey("getAll", k));
        Map<K, V> all = cluster.plumbing().call("map", name, "getAll", () -> map.getAll(keys));
        all.values().forEach(v -> checkValue("getAll", v));
        return all;
    }

    /** {@return the keys, a snapshot (costly on a large map: it visits every member)} */
    public Set<K> keySet() {
        return cluster.plumbing().call("map", name, "keySet", map::keySet);
    }

    /** {@return the number of entries (a snapshot)} */
    public int size() {
        return cluster.plumbing().call("map", name, "size", map::size);
    }

    /** Removes every entry. */
    public void clear() {
        cluster.plumbing().call("map", name, "clear", () -> {
            map.clear();
            return null;
        });
    }

    /**
     * Changes to the map from now on, as a channel (unbounded: a slow receiver costs memory, never
     * lost events). Events for one key arrive in order; across keys, no order is promised.
     *
     * <p>Under failure: events are delivered by the member that owns each key; an event of a write
     * whose owner crashed before publishing it is lost (the write itself survives on the backup).
     * A client subscription is re-registered by Hazelcast after it reconnects; events in between
     * are lost.
     *
     * @return the subscription; close it when done
     */
    public Subscription<EntryChange<K, V>> watch() {
        return cluster.plumbing().listen("map", name, "watch", Channel.unlimited(),
                sub -> map.addEntryListener(new Listener(sub), true), map::removeEntryListener);
    }

    @Override
    public String toString() {
        return "DistributedMap[" + name + "]";
    }

    private final class Listener implements EntryAddedListener<K, V>, EntryUpdatedListener<K, V>,
            EntryRemovedListener<K, V>, EntryExpiredListener<K, V>, EntryEvictedListener<K, V> {
        private final Subscription<EntryChange<K, V>> sub;

        Listener(Subscription<EntryChange<K, V>> sub) {
            this.sub = sub;
        }

        private void deliver(EntryChange.Kind kind, EntryEvent<K, V> e) {
            sub.deliver(new EntryChange<>(kind, e.getKey(), e.getOldValue(), e.getValue()));
        }

        @Override
        public void entryAdded(EntryEvent<K, V> e) {
            deliver(EntryChange.Kind.ADDED, e);
        }

        @Override
        public void entryUpdated(EntryEvent<K, V> e) {
            deliver(EntryChange.Kind.UPDATED, e);
        }

        @Override
        public void entryRemoved(EntryEvent<K, V> e) {
            deliver(EntryChange.Kind.REMOVED, e);
        }

        @Override
        public void entryExpired(EntryEvent<K, V> e) {
            deliver(EntryChange.Kind.EXPIRED, e);
        }

        @Override
        public void entryEvicted(EntryEvent<K, V> e) {
            deliver(EntryChange.Kind.EVICTED, e);
        }
    }

    private void checkKey(String op, K key) {
        Objects.requireNonNull(key, () -> "map '" + name + "': " + op + ": key is null");
        if (keyType != null && !keyType.isInstance(key)) {
            throw new ClassCastException("map '" + name + "': " + op + ": key of class "
                    + key.getClass().getName() + " is not a " + keyType.getName());
        }
    }

    private void checkEntry(String op, K key, V value) {
        checkKey(op, key);
        Objects.requireNonNull(value, () -> "map '" + name + "': " + op + ": value is null");
        if (valueType != null && !valueType.isInstance(value)) {
            throw new ClassCastException("map '" + name + "': " + op + ": value of class "
                    + value.getClass().getName() + " is not a " + valueType.getName());
        }
    }

    private V checkValue(String op, Object value) {
        if (value != null && valueType != null && !valueType.isInstance(value)) {
            throw new ClassCastException("map '" + name + "': " + op + ": the map holds a value of class "
                    + value.getClass().getName() + ", not " + valueType.getName());
        }
        @SuppressWarnings("unchecked")
        V v = (V) value;
        return v;
    }

    private long ttlMillis(String op, Duration ttl) {
        ClusterPlumbing.positive(ttl, () -> "map '" + name + "': " + op + ": ttl");
        return Math.max(1, ttl.toMillis());
    }
}
