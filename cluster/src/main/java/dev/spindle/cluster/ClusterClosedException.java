package dev.spindle.cluster;

/**
 * A primitive was used after its {@link Cluster} was closed, or after the Hazelcast instance under
 * it shut down. Nothing was written by the call that throws it.
 *
 * @since 0.1.0
 */
public final class ClusterClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Takes what was called on which cluster.
     *
     * @param message what was called on which cluster
     */
    public ClusterClosedException(String message) {
        super(message);
    }

    /**
     * Takes what was called on which cluster.
     *
     * @param message what was called on which cluster
     * @param cause Hazelcast's exception
     */
    public ClusterClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
