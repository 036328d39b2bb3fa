package dev.spindle.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this module's test class path, run in a JVM of its own (the test JVM's java binary
 * and class path), its stdout and stderr written to files so that they can be read while it runs.
 * Needed where the subject is the whole JVM: Spindle proves a deadlock only when every thread of the
 * JVM is blocked in Spindle, and a test runner's own threads never are. {@link #close()} kills it.
 *
 * @param process the child
 * @param out its stdout
 * @param err its stderr
 */
record ChildJvm(Process process, Path out, Path err) implements AutoCloseable {

    /**
     * Starts {@code mainClass} with {@code args}.
     *
     * @param dir where the output files go
     * @param jvmFlags flags before the class path, e.g. {@code -Dspindle.watchdog.intervalMillis=100}
     * @param mainClass the class to run
     * @param args its arguments
     * @return the running child
     * @throws IOException if it cannot be started
     */
    static ChildJvm start(Path dir, List<String> jvmFlags, Class<?> mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the test JVM's java binary is unknown"));
        List<String> command = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // JCTools; JDK 21 rejects the flag
        }
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        String name = mainClass.getSimpleName() + "-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]", "");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildJvm(process, out, err);
    }

    /**
     * Waits for the child to exit; kills it and fails the test if it does not within {@code bound}.
     *
     * @param bound the longest wait
     * @return its exit code
     * @throws InterruptedException if interrupted while waiting
     */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            fail("the child JVM did not exit within " + bound + "; stdout:%n%s%nstderr:%n%s", stdout(), stderr());
        }
        return process.exitValue();
    }

    /** {@return what it wrote on stdout so far} */
    String stdout() {
        return read(out);
    }

    /** {@return what it wrote on stderr so far} */
    String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Kills the child, if it still runs, and waits until it is gone (interruptible: the flag is kept). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
