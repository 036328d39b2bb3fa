package dev.spindle.examples;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.SendChannel;
import dev.spindle.core.DeadlockException;
import dev.spindle.core.TaskGroup;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Go's most common deadlock, caught: a producer sends jobs on the channel {@code "jobs"} to a pool of
 * workers, main collects their results, then waits for the workers, but the producer forgot to close
 * {@code "jobs"}, so each worker's {@code for (job : jobs)} waits for a next job forever. Every thread
 * of the JVM is then blocked in a Spindle call; about two seconds later (two watchdog checks a second
 * apart) Spindle has proven it, fails the group (opened with {@link TaskGroup.OnDeadlock#FAIL}) with a
 * {@link DeadlockException}, and this program prints its report (Go's {@code all goroutines are asleep
 * - deadlock!} and a dump of every task) on stderr and exits with 2, as a Go program does.
 * {@code --fixed} runs the corrected program, which closes {@code "jobs"} and exits 0. Run with
 * {@code ./spindle run deadlock [--fixed]}; docs/diagnostics.md reads its report line by line.
 */
@Command(name = "deadlock", description = "A worker pool whose producer forgets to close the jobs channel: "
        + "Spindle proves the deadlock, the program prints the report and exits with 2, as Go does.")
public final class Deadlock implements Callable<Integer> {
    static final int JOBS = 5;
    static final int WORKERS = 3;

    @Option(names = "--fixed", description = "run the corrected program: the producer closes \"jobs\", "
            + "the workers' loops end, exit code 0")
    private boolean fixed;

    private Deadlock() {
    }

    @Override
    public Integer call() throws InterruptedException {
        return run(fixed, System.out, System.err);
    }

    /**
     * Runs the pipeline. It needs a JVM of its own: a deadlock is proven only when every thread of the
     * JVM is blocked in Spindle.
     *
     * @param fixed whether the producer closes {@code "jobs"}
     * @param out where the progress goes
     * @param err where the deadlock report goes
     * @return 0 when the workers ended, 2 after a proven deadlock (its report printed on {@code err})
     * @throws InterruptedException if the calling thread is interrupted
     */
    static int run(boolean fixed, PrintStream out, PrintStream err) throws InterruptedException {
        Channel<Integer> jobs = Channel.<Integer>unbuffered().named("jobs");
        Channel<Integer> results = Channel.<Integer>unbuffered().named("results");
        try (TaskGroup workers = TaskGroup.open().named("workers").onDeadlock(TaskGroup.OnDeadlock.FAIL)) {
            out.println("sending " + JOBS + " jobs on channel \"jobs\" to " + WORKERS + " workers in group \"workers\"");
            workers.go(() -> produce(jobs, fixed));
            for (int i = 0; i < WORKERS; i++) {
                workers.go(() -> square(jobs, results));
            }
            long sum = 0;
            for (int i = 0; i < JOBS; i++) {
                sum += results.receive();
            }
            out.println("collected " + JOBS + " results from \"results\": sum of squares = " + sum);
            out.println("waiting for the workers to finish...");
            workers.await();
            out.println("all workers finished");
            return 0;
        } catch (DeadlockException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** Sends the jobs 1..JOBS; the bug: without {@code fixed} it never closes the channel. */
    private static void produce(SendChannel<Integer> jobs, boolean fixed) throws InterruptedException {
        for (int n = 1; n <= JOBS; n++) {
            jobs.send(n);
        }
        if (fixed) {
            jobs.close(); // Go's `defer close(jobs)`: the workers' loops end once the jobs are taken
        }
    }

    /** A worker: squares each job until {@code jobs} is closed (Go's {@code for n := range jobs}). */
    private static void square(ReceiveChannel<Integer> jobs, SendChannel<Integer> results)
            throws InterruptedException {
        for (int n : jobs) {
            results.send(n * n);
        }
    }
}
