package dev.spindle.examples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtlTest {
    @Test
    void readsShortFormsAndIso() {
        assertThat(CacheNode.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CacheNode.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CacheNode.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CacheNode.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CacheNode.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "0s", "-5s", "PT0S", "5 s", "5d"})
    void rejectsTheRest(String text) {
        assertThatThrownBy(() -> CacheNode.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad ttl");
    }
}
