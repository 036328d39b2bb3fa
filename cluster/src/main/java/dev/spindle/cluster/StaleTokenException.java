package dev.spindle.cluster;

/**
 * A fencing token was older than the newest one issued for its lock: its holder lost the lock (lease
 * ran out, member was cut off) and someone else acquired it since. The protected action must not
 * happen.
 *
 * @since 0.1.0
 */
public final class StaleTokenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** The stale token. */
    private final long token;
    /** The newest token issued. */
    private final long current;

    /**
     * Creates the exception for a stale token of a lock.
     *
     * @param lock the lock's name
     * @param token the stale token
     * @param current the newest token issued
     */
    public StaleTokenException(String lock, long token, long current) {
        super("lock '" + lock + "': fencing token " + token + " is stale (token " + current + " was issued since)");
        this.token = token;
        this.current = current;
    }

    /** {@return the stale token} */
    public long token() {
        return token;
    }

    /** {@return the newest token issued when the check was made} */
    public long current() {
        return current;
    }
}
