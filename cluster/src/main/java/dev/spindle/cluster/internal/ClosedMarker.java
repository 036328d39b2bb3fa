package dev.spindle.cluster.internal;

import java.io.Serial;
import java.io.Serializable;

/**
 * The item a closed distributed channel puts in its queue to wake blocked receivers. One logical
 * value: deserializes to {@link #INSTANCE}.
 */
public final class ClosedMarker implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The marker. */
    public static final ClosedMarker INSTANCE = new ClosedMarker();

    private ClosedMarker() {}

    /**
     * Keeps the marker a singleton across deserialization.
     *
     * @return {@link #INSTANCE}
     */
    @Serial
    private Object readResolve() {
        return INSTANCE;
    }

    /**
     * {@return whether it is the marker}
     *
     * @param o an item from the queue
     */
    public static boolean is(Object o) {
        return o instanceof ClosedMarker;
    }

    @Override
    public String toString() {
        return "ClosedMarker";
    }
}
