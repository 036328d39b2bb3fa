package dev.spindle.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A member joined or left, delivered on {@link Cluster#membership()}.
 *
 * @param kind joined or left
 * @param member the member that joined or left
 * @param members every member after the change, oldest first
 *
 * @since 0.1.0
 */
public record MembershipEvent(Kind kind, ClusterMember member, List<ClusterMember> members) {
    /** What happened. */
    public enum Kind {
        /** The member joined. */
        JOINED,
        /** The member left: shut down, crashed or was cut off (its heartbeat timed out). */
        LEFT
    }

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if an argument is null
     */
    public MembershipEvent {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(member, "member is null");
        members = List.copyOf(members);
    }
}
