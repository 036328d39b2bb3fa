package dev.spindle.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;

/**
 * The whole state of one fenced lock, the value of its entry in {@code spindle.locks}: who holds it
 * and the last fencing token issued. Changed only by the entry processors of {@link LockProcessors}
 * on the key's owner, so a grant and its token are one atomic step, and the backup receives the
 * resulting state (never a step to replay), so a promoted backup continues the same token sequence.
 *
 * <p>{@link DataSerializable}: about 50 bytes on the wire, no Java-serialization class descriptors,
 * no factory to register.
 */
public final class LockState implements DataSerializable {
    /**
     * How far the cluster time (ms) is shifted to make the least token a grant may issue: the low
     * 20 bits leave room for a million grants per millisecond before the counter outruns the clock.
     */
    static final int TIME_SHIFT = 20;

    /**
     * The last fencing token issued; 0 before the first grant. Never decreases, and each grant sets
     * it to at least {@link #floor} of the cluster time, so a lock whose entry was lost (its owner and
     * every backup gone at once, or a network partition healed by merging) still issues tokens larger
     * than every token issued before the loss, as long as the members' cluster clocks have not gone
     * back by more than the time since those tokens were issued.
     */
    private long fence;
    /** The holder's member or client uuid; null when released (a stale holder may remain, see {@link #isHeld}). */
    private UUID owner;
    /** The holder's thread id ({@code Thread.threadId()}); meaningless when {@link #owner} is null. */
    private long threadId;
    /** Reentrant holds of {@link #owner}'s thread; 0 when released. */
    private int holds;
    /** When the lease ends, wall clock ms of the key owner; {@link Long#MAX_VALUE}: no lease. */
    private long leaseEnd;
    /**
     * Whether {@link #owner} was in the member list when it took the lock: a member's holds end when
     * it leaves that list. false for a client (its holds are freed by the members it was connected
     * to, see {@code LockJanitor}).
     */
    private boolean ownerIsMember;
    /**
     * The call id of the last grant or release (0: none): Hazelcast re-sends an entry processor whose
     * key owner left before answering, and the re-sent call must find its own effect, not act twice.
     */
    private long lastCall;

    /** For deserialization, and the state of a lock never taken. */
    public LockState() {
    }

    /** {@return the last fencing token issued (0: none)} */
    public long fence() {
        return fence;
    }

    /** {@return the holder's uuid, or null if released} */
    public UUID owner() {
        return owner;
    }

    /**
     * Whether someone holds the lock at {@code nowMs}: an owner is set, its lease has not ended, and,
     * for a member, it is still in {@code members}.
     *
     * @param nowMs the key owner's wall clock
     * @param members the key owner's member list
     * @return true if held
     */
    public boolean isHeld(long nowMs, Set<Member> members) {
        return owner != null && leaseEnd > nowMs && (!ownerIsMember || contains(members, owner));
    }

    boolean isHeldBy(UUID caller, long thread, long nowMs, Set<Member> members) {
        return isHeld(nowMs, members) && owner.equals(caller) && threadId == thread;
    }

    /** Ms until the lease ends (at least 1), or 0 if the holder has no lease. */
    long leaseLeft(long nowMs) {
        return leaseEnd == Long.MAX_VALUE ? 0 : Math.max(1, leaseEnd - nowMs);
    }

    /** Whether call {@code call} was the last to change this state (so it is a re-sent call). */
    boolean changedBy(long call) {
        return call != 0 && lastCall == call;
    }

    /**
     * The least token a grant at cluster time {@code clusterTimeMs} issues. Hazelcast's cluster time
     * is the master's clock as every member estimates it, so members agree on it to within their
     * clock-sync error (milliseconds on a LAN).
     *
     * @param clusterTimeMs {@code Cluster.getClusterTime()} on the key's owner
     * @return {@code clusterTimeMs} shifted left by {@link #TIME_SHIFT} bits (0 for a negative time)
     */
    public static long floor(long clusterTimeMs) {
        return Math.max(0, clusterTimeMs) << TIME_SHIFT;
    }

    /**
     * Takes (or re-enters) the lock and issues the next token: one more than the last, or
     * {@code floor} if that is larger; {@code leaseMs <= 0}: no lease.
     */
    long grant(long call, UUID caller, long thread, long leaseMs, long nowMs, Set<Member> members, long floor) {
        lastCall = call;
        boolean reentry = isHeldBy(caller, thread, nowMs, members);
        holds = reentry ? holds + 1 : 1;
        owner = caller;
        threadId = thread;
        ownerIsMember = contains(members, caller);
        leaseEnd = leaseMs <= 0 || leaseMs >= Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + leaseMs;
        fence = Math.max(fence + 1, floor);
        return fence;
    }

    /** Drops one hold, or every hold if {@code all}; {@code call} as in {@link #changedBy}. */
    void release(long call, boolean all) {
        lastCall = call;
        holds = all ? 0 : holds - 1;
        if (holds == 0) {
            owner = null;
            threadId = 0;
            leaseEnd = 0;
            ownerIsMember = false;
        }
    }

    private static boolean contains(Set<Member> members, UUID id) {
        for (Member m : members) {
            if (m.getUuid().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(fence);
        out.writeLong(lastCall);
        out.writeBoolean(owner != null);
        if (owner != null) {
            out.writeLong(owner.getMostSignificantBits());
            out.writeLong(owner.getLeastSignificantBits());
            out.writeLong(threadId);
            out.writeInt(holds);
            out.writeLong(leaseEnd);
            out.writeBoolean(ownerIsMember);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        fence = in.readLong();
        lastCall = in.readLong();
        if (in.readBoolean()) {
            owner = new UUID(in.readLong(), in.readLong());
            threadId = in.readLong();
            holds = in.readInt();
            leaseEnd = in.readLong();
            ownerIsMember = in.readBoolean();
        }
    }

    @Override
    public String toString() {
        return "LockState[fence=" + fence + ", owner=" + owner + ", thread=" + threadId + ", holds=" + holds
                + ", leaseEnd=" + leaseEnd + ", member=" + ownerIsMember + "]";
    }
}
