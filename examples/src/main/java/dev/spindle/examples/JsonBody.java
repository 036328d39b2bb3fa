package dev.spindle.examples;

import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The examples' JSON bodies, with Jackson: requests are read into records, answers are records (or
 * lists and maps of them) written as JSON.
 *
 * <p>Reading is strict about types and lenient about extras: a string where a number belongs, a
 * number where a string belongs, or {@code 2.5} for an integer is refused rather than coerced, and
 * unknown fields are ignored. A request record checks its own values in its compact constructor by
 * throwing {@link IllegalArgumentException}. Whatever is wrong with a body, {@link #read} throws
 * {@link BadRequest} with a message that names it (the line and column of malformed JSON, the field
 * and the type it must have, or the record's own message), which the examples answer with 400.
 */
public final class JsonBody {
    /** The one mapper of the examples: thread-safe, configured once. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private JsonBody() {
    }

    /**
     * Reads the request's body as a {@code type}.
     *
     * @param <T> the body's type, a record
     * @param request the request
     * @param type the body's type
     * @return the body, never null
     * @throws BadRequest naming what is wrong, if the body is not a JSON {@code type}
     * @throws IOException if reading the body fails
     */
    public static <T> T read(Request request, Class<T> type) throws IOException {
        return parse(request.body().readAllBytes(), type);
    }

    /**
     * Parses {@code json} as a {@code type}.
     *
     * @param <T> the type, a record
     * @param json the JSON text, UTF-8
     * @param type the type
     * @return the value, never null
     * @throws BadRequest naming what is wrong, if it is not a JSON {@code type}
     */
    public static <T> T parse(byte[] json, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new BadRequest(describe(e));
        }
        if (value == null) {
            throw new BadRequest("the body is null; expected a JSON object");
        }
        return value;
    }

    /**
     * Answers {@code value} as JSON (and a final newline, for curl) with {@code status}.
     *
     * @param response the response
     * @param status the status code
     * @param value a record, or a list or map of them
     * @throws IOException if writing fails
     */
    public static void write(ResponseWriter response, int status, Object value) throws IOException {
        response.json(status, (text(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns {@code value} as JSON text on one line.
     *
     * @param value a record, or a list or map of them
     * @return the JSON text
     */
    public static String text(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** What is wrong with a body, for the client: no Java class names, no Jackson advice. */
    static String describe(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        String field = field(e);
        if (e instanceof InputCoercionException coercion && !field.isEmpty()) {
            return "field '" + field + "' is out of range for " + kind(coercion.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (!field.isEmpty()) {
                return "field '" + field + "' must be " + kind(mismatch.getTargetType());
            }
            return e.getOriginalMessage().startsWith("No content")
                    ? "the body is empty; expected a JSON object" : "the body must be a JSON object";
        }
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }

    /** The path to the culprit, e.g. {@code items[2].id}; empty for the whole body. */
    private static String field(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }
}
