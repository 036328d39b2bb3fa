package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoroutinesTest {
    @Test
    void printsWhatEachProgramReceived() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Goroutines.run(out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).containsSubsequence(
                "1. two goroutines, one channel", "received: Hello", "received: World",
                "2. select with a deadline of 1.5 s", "received Hello", "timed out waiting",
                "3. fan-out to 4 workers, fan-in to one sum", "sum of squares of 1..100 = 338350");
        assertThat(Launcher.EXAMPLES).containsKeys("goroutines", "hello");
    }
}
