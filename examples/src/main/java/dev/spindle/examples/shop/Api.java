package dev.spindle.examples.shop;

import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The shop's JSON-over-HTTP conventions, shared by every service: request bodies are JSON objects,
 * answers are JSON, an error is {@code {"error": "what went wrong"}} with its status code, and a
 * malformed request (bad JSON, a missing or mistyped field) is a {@link BadRequest} that the service
 * turns into 400 in one place ({@link ServiceInstanceServer}).
 */
final class Api {
    private Api() {
    }

    /** The client sent something the service cannot use; answered with 400 and the message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** The request body as a JSON object. */
    static Map<String, Object> body(Request request) throws IOException {
        String text = new String(request.body().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** A required, non-blank string field. */
    static String string(Map<String, Object> body, String field) {
        if (body.get(field) instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        throw new BadRequest("field '" + field + "' must be a non-empty string");
    }

    /** A required integer field between {@code min} and {@code max}. */
    static long number(Map<String, Object> body, String field, long min, long max) {
        if (body.get(field) instanceof Long n && n >= min && n <= max) {
            return n;
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

    /** Answers with {@code value} as JSON. */
    static void json(ResponseWriter response, int status, Object value) throws IOException {
        response.json(status, Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Answers {@code {"error": message}} with {@code status}. */
    static void error(ResponseWriter response, int status, String message) throws IOException {
        json(response, status, Json.object("error", message));
    }
}
