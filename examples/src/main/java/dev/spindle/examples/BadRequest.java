package dev.spindle.examples;

import java.io.Serial;

/**
 * A request the example cannot use (malformed JSON, a missing or mistyped field, a value out of
 * range): the client's mistake, answered with 400 and this message, which names the culprit.
 */
public final class BadRequest extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates it.
     *
     * @param message what is wrong, for the client
     */
    public BadRequest(String message) {
        super(message);
    }
}
