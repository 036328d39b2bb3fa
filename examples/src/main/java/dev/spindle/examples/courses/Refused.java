package dev.spindle.examples.courses;

import java.io.Serial;

/**
 * Why a change to a course was refused. Thrown inside an atomic update on the member that owns the
 * course (so it crosses the network: it is serializable), which leaves the course unchanged.
 */
public final class Refused extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The reasons. */
    public enum Reason {
        /** There is no such course. */
        NO_SUCH_COURSE,
        /** The course has as many students as its capacity (or more than a new capacity). */
        FULL,
        /** The student is enrolled already. */
        ALREADY_ENROLLED,
        /** The student is not enrolled. */
        NOT_ENROLLED
    }

    private final Reason reason;

    /**
     * Creates it.
     *
     * @param reason the reason
     * @param message for people
     */
    public Refused(Reason reason, String message) {
        super(message, null, false, false); // an answer, not a bug: no stack trace
        this.reason = reason;
    }

    /**
     * Returns the reason.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
