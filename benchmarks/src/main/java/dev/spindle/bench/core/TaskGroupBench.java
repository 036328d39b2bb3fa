package dev.spindle.bench.core;

import dev.spindle.core.TaskGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fork N trivial tasks on virtual threads and wait for all of them: Spindle's {@link TaskGroup}
 * beside the JDK's ways of doing the same, in one run, same JVM flags, same benchmark thread.
 *
 * <ul>
 *   <li>{@code spindle}: {@code TaskGroup.open()}, N x {@code go}, {@code await}, {@code close}.</li>
 *   <li>{@code executor}: {@code Executors.newVirtualThreadPerTaskExecutor()} opened per batch,
 *       {@code invokeAll}, {@code close} — the same structure (nothing outlives the batch).</li>
 *   <li>{@code executorShared}: one long-lived virtual-thread executor, {@code invokeAll} only —
 *       no structure at all, the cheapest possible baseline.</li>
 *   <li>{@code completableFuture}: N x {@code supplyAsync} on that shared executor, then
 *       {@code allOf(...).join()}.</li>
 * </ul>
 * The score is time per batch; divide by {@code tasks} for time per task.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskGroupBench {
    @Param({"spindle", "executor", "executorShared", "completableFuture"})
    public String impl;

    @Param({"1", "10", "100", "1000", "10000"})
    public int tasks;

    private List<Callable<Integer>> work;
    private ExecutorService shared;

    @Setup(Level.Trial)
    public void setUp() {
        work = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int value = i;
            work.add(() -> value);
        }
        shared = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        shared.close();
    }

    @Benchmark
    public long forkAndAwait() throws Exception {
        return switch (impl) {
            case "spindle" -> spindle();
            case "executor" -> executor();
            case "executorShared" -> sum(shared.invokeAll(work));
            case "completableFuture" -> completableFuture();
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    }

    private long spindle() throws InterruptedException {
        long sum = 0;
        try (TaskGroup group = TaskGroup.open()) {
            List<dev.spindle.core.TaskHandle<Integer>> handles = new ArrayList<>(tasks);
            for (Callable<Integer> c : work) {
                handles.add(group.go(c));
            }
            group.await();
            for (var h : handles) {
                sum += h.resultNow();
            }
        }
        return sum;
    }

    private long executor() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return sum(executor.invokeAll(work));
        }
    }

    private long completableFuture() {
        @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
        CompletableFuture<Integer>[] futures = new CompletableFuture[tasks];
        for (int i = 0; i < tasks; i++) {
            Callable<Integer> c = work.get(i);
            futures[i] = CompletableFuture.supplyAsync(() -> call(c), shared);
        }
        CompletableFuture.allOf(futures).join();
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.join();
        }
        return sum;
    }

    private static Integer call(Callable<Integer> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sum(List<Future<Integer>> futures) throws Exception {
        long sum = 0;
        for (Future<Integer> f : futures) {
            sum += f.get();
        }
        return sum;
    }
}
