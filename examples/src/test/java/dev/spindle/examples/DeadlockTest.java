package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./spindle run deadlock}, as the launcher runs it but in a JVM of its own: a deadlock is proven
 * only when every thread of the JVM is blocked in Spindle, and this test runner's threads are not. The
 * watchdog keeps its default interval (1 s), as for a user.
 */
class DeadlockTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theForgottenCloseIsProvenReportedAndExitsWith2LikeGo() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, List.of(), Launcher.class, "deadlock")) {
            assertThat(child.awaitExit(BOUND)).as(child.stderr()).isEqualTo(2);
            assertThat(child.stdout()).containsSubsequence(
                    "sending 5 jobs on channel \"jobs\" to 3 workers in group \"workers\"",
                    "sum of squares = 55", "waiting for the workers to finish...")
                    .doesNotContain("all workers finished");
            assertThat(child.stderr()).containsOnlyOnce("all tasks are asleep - deadlock!").contains("group 1 \"workers\"",
                    "[chan receive channel#1 \"jobs\" unbuffered", "thread main [TaskGroup.await group 1 \"workers\"",
                    "dev.spindle.examples.Deadlock.square(Deadlock.java:")
                    .endsWith("spindle run deadlock: exit code 2" + System.lineSeparator());
        }
    }

    @Test
    void theFixedProgramClosesTheChannelAndExits0() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, List.of(), Launcher.class, "deadlock", "--fixed")) {
            assertThat(child.awaitExit(BOUND)).as(child.stderr()).isZero();
            assertThat(child.stdout()).contains("sum of squares = 55", "all workers finished");
            assertThat(child.stderr()).doesNotContain("deadlock");
        }
    }
}
