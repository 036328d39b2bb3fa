package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {
    record Form(String title, Long capacity, List<String> tags) {
        Form {
            if (title != null && title.isBlank()) {
                throw new IllegalArgumentException("\"title\" must not be blank");
            }
        }
    }

    record Answer(long id, String name, Instant at, List<String> items) {}

    @Test
    void readsARecordAndIgnoresUnknownFields() {
        assertThat(parse("{\"title\":\"Go \\\"for\\\" Java\\n\",\"capacity\":25,\"tags\":[\"a\",\"\\u00e9\"],\"x\":1}"))
                .isEqualTo(new Form("Go \"for\" Java\n", 25L, List.of("a", "é")));
        assertThat(parse("{}")).isEqualTo(new Form(null, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{not json               | malformed JSON at line 1, column 2: Unexpected character ('n'",
        "{\"title\":\"x\"} x     | malformed JSON at line 1, column 15: Unrecognized token 'x'",
        "{\"title\":\"x\",}      | malformed JSON at line 1, column 14",
        "{\"title\":\"\\x\"}     | malformed JSON at line 1, column 12: Unrecognized character escape 'x'",
        "``                      | the body is empty; expected a JSON object",
        "null                    | the body is null; expected a JSON object",
        "[]                      | the body must be a JSON object",
        "\"text\"                | the body must be a JSON object",
        "{\"capacity\":\"25\"}   | field 'capacity' must be an integer",
        "{\"capacity\":2.5}      | field 'capacity' must be an integer",
        "{\"capacity\":true}     | field 'capacity' must be an integer",
        "{\"capacity\":99999999999999999999} | field 'capacity' is out of range for an integer",
        "{\"title\":5}           | field 'title' must be a string",
        "{\"title\":false}       | field 'title' must be a string",
        "{\"title\":{}}          | field 'title' must be a string",
        "{\"tags\":\"a\"}        | field 'tags' must be an array",
        "{\"tags\":[1]}          | field 'tags[0]' must be a string",
        "{\"title\":\" \"}       | \"title\" must not be blank",
    })
    void refusesABadBodyNamingWhatIsWrong(String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(BadRequest.class).hasMessageStartingWith(message)
                .hasMessageNotContaining("JsonBodyTest").hasMessageNotContaining("CoercionConfig");
    }

    @Test
    void writesRecordsWithTheirComponentsInOrderAndInstantsAsIsoText() {
        Answer answer = new Answer(7, "quote\" backslash\\ tab\t\u0001", Instant.parse("2026-12-02T06:39:00.123456Z"),
                List.of());
        assertThat(JsonBody.text(answer)).isEqualTo("{\"id\":7,\"name\":\"quote\\\" backslash\\\\ tab\\t\\u0001\","
                + "\"at\":\"2026-12-02T06:39:00.123456Z\",\"items\":[]}");
        assertThat(JsonBody.parse(JsonBody.text(answer).getBytes(StandardCharsets.UTF_8), Answer.class))
                .isEqualTo(answer);
        assertThat(JsonBody.text(Map.of("k", List.of(answer)))).startsWith("{\"k\":[{\"id\":7,");
    }

    private static Form parse(String body) {
        return JsonBody.parse(body.getBytes(StandardCharsets.UTF_8), Form.class);
    }
}
