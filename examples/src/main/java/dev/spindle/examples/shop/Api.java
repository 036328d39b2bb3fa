package dev.spindle.examples.shop;

import dev.spindle.examples.BadRequest;
import dev.spindle.examples.JsonBody;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import java.io.IOException;

/**
 * The shop's JSON-over-HTTP conventions, shared by every service: request bodies are JSON objects
 * read into records (each checks its fields in its constructor), answers are records written as
 * JSON, an error is {@code {"error": "what went wrong"}} with its status code, and a malformed
 * request (bad JSON, a missing or mistyped field) is a {@link BadRequest} that the service turns into
 * 400 in one place ({@link ServiceInstanceServer}).
 */
final class Api {
    private Api() {
    }

    /**
     * The body of an error answer.
     *
     * @param error what went wrong, for people
     */
    record Problem(String error) {}

    /**
     * The request body as a {@code type}.
     *
     * @throws BadRequest naming what is wrong with it
     */
    static <T> T body(Request request, Class<T> type) throws IOException {
        return JsonBody.read(request, type);
    }

    /**
     * A required, non-blank string field, stripped.
     *
     * @throws BadRequest if it is missing or blank
     */
    static String text(String value, String field) {
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        throw new BadRequest("field '" + field + "' must be a non-empty string");
    }

    /**
     * A required integer field between {@code min} and {@code max}.
     *
     * @throws BadRequest if it is missing or out of range
     */
    static long number(Long value, String field, long min, long max) {
        if (value != null && value >= min && value <= max) {
            return value;
        }
        throw new BadRequest("field '" + field + "' must be an integer from " + min + " to " + max);
    }

    /** A path value that must be a number, e.g. the {@code {id}} of {@code /users/{id}}. */
    static long id(Request request, String name) {
        try {
            return Long.parseLong(request.pathValue(name));
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number, got '" + request.pathValue(name) + "'");
        }
    }

    /** Answers with {@code value} (a record, or a list or map of them) as JSON. */
    static void json(ResponseWriter response, int status, Object value) throws IOException {
        JsonBody.write(response, status, value);
    }

    /** Answers {@code {"error": message}} with {@code status}. */
    static void error(ResponseWriter response, int status, String message) throws IOException {
        json(response, status, new Problem(message));
    }
}
