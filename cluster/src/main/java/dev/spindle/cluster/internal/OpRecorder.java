package dev.spindle.cluster.internal;

/** Receives the duration and outcome of each primitive call when metrics are bound. */
public interface OpRecorder {
    /**
     * Records one call.
     *
     * @param primitive e.g. {@code map}
     * @param name the primitive's name
     * @param op e.g. {@code put}
     * @param nanos how long the call took
     * @param failed whether it threw
     */
    void record(String primitive, String name, String op, long nanos, boolean failed);
}
