package dev.spindle.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.io.Serial;
import java.util.Map;
import java.util.UUID;

/**
 * The entry processors that change a fenced lock's {@link LockState}, each one call to the key's
 * owner (which applies it on its partition thread, so they are atomic with each other) followed by
 * Hazelcast's synchronous backup of the resulting state. "Held" is judged on the key owner's clock and
 * member list ({@link LockState#isHeld}), so a lease that ended or a holder whose member left frees
 * the lock for the next {@link Acquire} even before anyone writes the entry.
 */
public final class LockProcessors {
    private LockProcessors() {
    }

    /**
     * Takes the lock for {@code (caller, thread)} if it is free or already theirs, and issues the next
     * fencing token in the same step. Returns the token ({@code > 0}) when granted; otherwise
     * {@code 0} if the holder has no lease, or minus the ms left of the holder's lease.
     */
    public static final class Acquire implements EntryProcessor<String, LockState, Long>, DataSerializable,
            HazelcastInstanceAware {
        @Serial
        private static final long serialVersionUID = 1L;
        /** This call's id (random, not 0): a re-sent call finds it in the state and does not act twice. */
        private long call;
        /** The calling member's or client's uuid. */
        private UUID caller;
        /** The calling thread's id. */
        private long thread;
        /** Lease in ms; {@code <= 0}: none. */
        private long leaseMs;
        private transient HazelcastInstance hz;
        private transient LockState granted;

        /** For deserialization. */
        public Acquire() {
        }

        /**
         * An acquire by one thread of one member or client.
         *
         * @param caller the member's or client's uuid
         * @param thread the thread's id
         * @param leaseMs the lease in ms ({@code <= 0}: none)
         */
        public Acquire(UUID caller, long thread, long leaseMs) {
            this.call = newCallId();
            this.caller = caller;
            this.thread = thread;
            this.leaseMs = leaseMs;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hz = hazelcastInstance;
        }

        @Override
        public Long process(Map.Entry<String, LockState> entry) {
            LockState state = entry.getValue() == null ? new LockState() : entry.getValue();
            long now = System.currentTimeMillis();
            var members = hz.getCluster().getMembers();
            boolean mine = state.isHeldBy(caller, thread, now, members);
            if (mine && state.changedBy(call)) {
                return state.fence(); // re-sent after its first run was granted (and backed up)
            }
            if (state.isHeld(now, members) && !mine) {
                return -state.leaseLeft(now);
            }
            long floor = LockState.floor(hz.getCluster().getClusterTime());
            long token = state.grant(call, caller, thread, leaseMs, now, members, floor);
            entry.setValue(state);
            granted = state;
            return token;
        }

        @Override
        public EntryProcessor<String, LockState, Long> getBackupProcessor() {
            return granted == null ? null : new UpdateProcessor.SetProcessor<>(granted);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(call);
            writeUuid(out, caller);
            out.writeLong(thread);
            out.writeLong(leaseMs);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            call = in.readLong();
            caller = readUuid(in);
            thread = in.readLong();
            leaseMs = in.readLong();
        }
    }

    /**
     * Drops one hold of {@code (caller, thread)}, or, forced, every hold of whoever holds the lock.
     * Returns whether there was such a hold (false: the caller did not hold it, its lease ended, or its
     * member left).
     */
    public static final class Release implements EntryProcessor<String, LockState, Boolean>, DataSerializable,
            HazelcastInstanceAware {
        @Serial
        private static final long serialVersionUID = 1L;
        /** This call's id, as {@link Acquire}'s. */
        private long call;
        /** The releasing member's or client's uuid; null: forced (any holder, every hold). */
        private UUID caller;
        /** The releasing thread's id. */
        private long thread;
        private transient HazelcastInstance hz;
        private transient LockState released;

        /** For deserialization. */
        public Release() {
        }

        /**
         * A release by one thread, or forced.
         *
         * @param caller the member's or client's uuid; null to force
         * @param thread the thread's id (ignored when forced)
         */
        public Release(UUID caller, long thread) {
            this.call = newCallId();
            this.caller = caller;
            this.thread = thread;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hz = hazelcastInstance;
        }

        @Override
        public Boolean process(Map.Entry<String, LockState> entry) {
            LockState state = entry.getValue();
            if (state != null && state.changedBy(call)) {
                return true; // re-sent after its first run released (and was backed up)
            }
            long now = System.currentTimeMillis();
            var members = hz.getCluster().getMembers();
            boolean mine = state != null && (caller == null
                    ? state.isHeld(now, members) : state.isHeldBy(caller, thread, now, members));
            if (!mine) {
                return false;
            }
            state.release(call, caller == null);
            entry.setValue(state);
            released = state;
            return true;
        }

        @Override
        public EntryProcessor<String, LockState, Boolean> getBackupProcessor() {
            return released == null ? null : new UpdateProcessor.SetProcessor<>(released);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(call);
            out.writeBoolean(caller != null);
            if (caller != null) {
                writeUuid(out, caller);
            }
            out.writeLong(thread);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            call = in.readLong();
            caller = in.readBoolean() ? readUuid(in) : null;
            thread = in.readLong();
        }
    }

    /**
     * Frees every lock held by {@code owner} (a member that left, or a client gone from the cluster),
     * for {@code executeOnEntries}. Decides on the entry alone (no clock, no member list), so it is its
     * own backup processor. Returns null.
     */
    public static final class ReleaseOwner implements EntryProcessor<String, LockState, Object>, DataSerializable {
        @Serial
        private static final long serialVersionUID = 1L;
        /** The departed member's or client's uuid. */
        private UUID owner;

        /** For deserialization. */
        public ReleaseOwner() {
        }

        /**
         * Frees the locks of one member or client.
         *
         * @param owner its uuid
         */
        public ReleaseOwner(UUID owner) {
            this.owner = owner;
        }

        @Override
        public Object process(Map.Entry<String, LockState> entry) {
            LockState state = entry.getValue();
            if (state != null && owner.equals(state.owner())) {
                state.release(0, true);
                entry.setValue(state);
            }
            return null;
        }

        @Override
        public EntryProcessor<String, LockState, Object> getBackupProcessor() {
            return this;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeUuid(out, owner);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            owner = readUuid(in);
        }
    }

    /** Whether anyone holds the lock now, judged on the key owner (read-only: no backup, no event). */
    public static final class IsHeld implements EntryProcessor<String, LockState, Boolean>, ReadOnly,
            DataSerializable, HazelcastInstanceAware {
        @Serial
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance hz;

        /** For deserialization and use. */
        public IsHeld() {
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hz = hazelcastInstance;
        }

        @Override
        public Boolean process(Map.Entry<String, LockState> entry) {
            LockState state = entry.getValue();
            return state != null && state.isHeld(System.currentTimeMillis(), hz.getCluster().getMembers());
        }

        @Override
        public EntryProcessor<String, LockState, Boolean> getBackupProcessor() {
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
            // no fields
        }

        @Override
        public void readData(ObjectDataInput in) {
            // no fields
        }
    }

    /** A random call id, never 0 (0 means "no call" in {@link LockState}). */
    private static long newCallId() {
        long id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        return id == 0 ? 1 : id;
    }

    private static void writeUuid(ObjectDataOutput out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(ObjectDataInput in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }
}
