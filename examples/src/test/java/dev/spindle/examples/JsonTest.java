package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void readsAFlatObject() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("title", "Go \"for\" Java\n");
        expected.put("capacity", 25L);
        expected.put("open", true);
        expected.put("note", null);
        expected.put("é", "é");
        assertThat(Json.parseObject(" { \"title\" : \"Go \\\"for\\\" Java\\n\", \"capacity\":25,"
                + "\"open\":true, \"note\":null, \"\\u00e9\":\"é\" } ")).isEqualTo(expected);
        assertThat(Json.parseObject("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":[1]}",
        "{\"a\":\"\\x\"}", "{\"a\":99999999999999999999}", "{a:1}"})
    void rejectsWhatItDoesNotRead(String text) {
        assertThatThrownBy(() -> Json.parseObject(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON at character");
    }

    @Test
    void writesWhatItReads() {
        List<String> items = List.of("plain", "quote\" backslash\\ tab\t", "\u0001");
        assertThat(Json.array(items)).isEqualTo("[\"plain\",\"quote\\\" backslash\\\\ tab\\t\",\"\\u0001\"]");
        for (String s : items) {
            assertThat(Json.parseObject("{\"k\":" + Json.quote(s) + "}")).containsEntry("k", s);
        }
        assertThat(Arrays.asList(Json.array(List.of()))).containsExactly("[]");
    }
}
