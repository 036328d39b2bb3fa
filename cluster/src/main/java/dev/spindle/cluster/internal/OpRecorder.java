package dev.spindle.cluster.internal;

/** Receives the duration and outcome of each primitive call when metrics are bound. */
public interface OpRecorder {
    /** How a call ended; the names are the {@code outcome} tag values of {@code ClusterMetrics}. */
    enum Outcome {
        /** It returned. */
        SUCCESS,
        /** It threw (other than by cancellation). */
        FAILED,
        /** It was interrupted, or its context cancelled, while it waited. */
        CANCELLED
    }

    /**
     * Records one call.
     *
     * @param primitive e.g. {@code map}
     * @param name the primitive's name
     * @param op e.g. {@code put}
     * @param nanos how long the call took
     * @param outcome how it ended
     */
    void record(String primitive, String name, String op, long nanos, Outcome outcome);
}
