package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deadlock detector's acceptance test: Go's classic deadlocks must be reported, and programs that
 * only look deadlocked (a thread outside Spindle, a pending timer, a deadline) must not. Each is one of
 * {@link DeadlockPrograms} in a JVM of its own, because the rule is about every thread of the JVM. The
 * watchdog looks every 100 ms, so the look-alikes, which wait 3 s, pass about 30 checks.
 */
class DeadlockDetectionTest {
    private static final List<String> FAST_WATCHDOG = List.of("-Dspindle.watchdog.intervalMillis=100");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /**
     * {@code group} and {@code waits} (separated by {@code "; "}) are what a report must name: the group
     * and each blocked call; for a look-alike, {@code waits} is what it prints when its wait ends.
     */
    @ParameterizedTest(name = "{0}: exit {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "receive-nobody-sends     | 2 | `group 1 \"lonely\"`   | `[chan receive channel#1 \"orphan\"`",
        "each-waits-for-the-other | 2 | `group 1 \"pair\"`     | `[chan receive channel#1 \"ping\"; [chan receive channel#2 \"pong\"`",
        "waitgroup-never-done     | 2 | `group 1 \"waiters\"`  | `[WaitGroup.await`",
        "consumer-quit            | 2 | `group 1 \"pipeline\"` | `[chan send channel#1 \"numbers\"`",
        "platform-sender-sleeps   | 0 | ``                     | ``",
        "timer-about-to-fire      | 0 | ``                     | ``",
        "context-deadline         | 0 | ``                     | `gave up waiting`",
    })
    void aDeadlockIsReportedALookAlikeIsNot(String program, int exitCode, String group, String waits)
            throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, FAST_WATCHDOG, DeadlockPrograms.class, program)) {
            int code = child.awaitExit(BOUND);
            String output = "stdout:\n" + child.stdout() + "\nstderr:\n" + child.stderr();
            assertThat(code).as(output).isEqualTo(exitCode);
            if (exitCode == 2) {
                assertThat(child.stderr()).as(output).contains("all tasks are asleep - deadlock!", group)
                        .contains(waits.split("; "));
            } else {
                assertThat(output).doesNotContainIgnoringCase("deadlock").contains(waits.split("; "));
            }
        }
    }

    @Test
    void mainAloneIsLoggedAndStaysBlocked() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, FAST_WATCHDOG, DeadlockPrograms.class, "main-alone")) {
            await().atMost(BOUND).until(() -> child.stderr().contains("all tasks are asleep - deadlock!"));
            assertThat(child.stderr()).contains("thread main [chan receive channel#1 \"never\"")
                    .doesNotContain("failing");
            assertThat(child.process().isAlive()).as("REPORT leaves the program blocked").isTrue();
        }
    }
}
