package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;

/**
 * The units of one product left to sell, stored in the cluster map {@code stock} by product id, with
 * the fencing token of the last write.
 *
 * <p>The fencing check: every write to stock happens under the product's {@code DistributedLock}
 * and carries the token that lock issued. {@link #reserve} refuses a token lower than
 * {@code lastToken}, so an order service that lost its lock (paused past the lease while another
 * took the lock and wrote) cannot write a stale count. It runs inside {@code DistributedMap.update},
 * on the member that owns the entry, so the check and the write are one atomic step.
 *
 * @param available units left, never negative
 * @param lastToken the fencing token of the last reservation; 0 before any
 */
public record Stock(int available, long lastToken) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * The stock after taking {@code quantity} units under lock token {@code token}, or this stock
     * unchanged if refused: {@code token} is older than the last write's, or fewer than
     * {@code quantity} units are left. The caller tells by {@link #reservedBy(long)}.
     *
     * <p>Refusing by value rather than by exception keeps a sold-out product quiet: an exception
     * thrown inside a map update reaches the caller, but Hazelcast also logs it on the member.
     */
    public Stock reserve(int quantity, long token) {
        if (token < lastToken || quantity > available) {
            return this;
        }
        return new Stock(available - quantity, token);
    }

    /** Whether this stock is the result of a reservation under {@code token} (tokens are used once). */
    public boolean reservedBy(long token) {
        return lastToken == token;
    }
}
