package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CoreDemoTest {
    @Test
    void printsWhatEachStepDid() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            CoreDemo.run(out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("sum of 1..10000 = 50005000")
                .contains("gathered: user(req-42), cart(req-42), prices(req-42)")
                .contains("group failed: inventory service is down")
                .contains("slow lookup ended as CANCELLED")
                .contains("cancelled: context deadline exceeded")
                .contains("a goroutine says goodbye from a virtual thread");
    }

    @Test
    void launcherKnowsTheDemo() {
        assertThat(Launcher.EXAMPLES).containsKey("core-demo");
    }
}
