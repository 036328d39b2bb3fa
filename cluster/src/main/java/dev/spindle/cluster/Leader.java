package dev.spindle.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Who leads an election, and since which term.
 *
 * @param candidate the leader's candidate id (as given to {@link LeaderElection#campaign(String)})
 * @param term the fencing term: strictly larger for each new leadership of this election
 * @param owner the uuid of the member (or client) the leader runs in
 *
 * @since 0.1.0
 */
public record Leader(String candidate, long term, UUID owner) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public Leader {
        Objects.requireNonNull(candidate, "candidate is null");
        Objects.requireNonNull(owner, "owner is null");
    }
}
