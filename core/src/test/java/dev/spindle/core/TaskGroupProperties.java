package dev.spindle.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random groups of tasks that succeed, fail, or block until cancelled. Whatever happens: the group
 * returns only after every task ended; with no failure it throws nothing and every result is there;
 * with failures it throws a {@link TaskFailedException} whose cause is the failure that cancelled
 * the group, and cause plus suppressed are exactly the failures thrown, none twice, none lost.
 */
class TaskGroupProperties {
    private static final int SUCCEED = 0;
    private static final int FAIL = 1;
    private static final int BLOCK = 2;

    @Test
    void groupEndsAfterEveryTaskAndReportsTheFirstFailure() {
        qt().withExamples(200)
                .forAll(lists().of(integers().between(0, 2)).ofSizeBetween(1, 25), integers().between(0, 3))
                .checkAssert(TaskGroupProperties::check);
    }

    private static void check(List<Integer> kinds, Integer limitChoice) {
        boolean anyFailure = kinds.contains(FAIL);
        int limit = limitChoice == 0 ? Integer.MAX_VALUE : limitChoice + 1;
        AtomicInteger running = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        List<TaskHandle<Integer>> handles = new ArrayList<>();
        Throwable outcome = null;
        TaskGroup group = limit == Integer.MAX_VALUE
                ? TaskGroup.open(Context.background()) : TaskGroup.open(Context.background(), limit);
        try {
            for (int i = 0; i < kinds.size(); i++) {
                int kind = kinds.get(i);
                int index = i;
                // With a limit, a blocker would hold a slot forever if no failure comes: only block
                // when a failure is sure to cancel it and the limit leaves room for that failure.
                boolean block = kind == BLOCK && anyFailure && limit == Integer.MAX_VALUE;
                handles.add(group.go(() -> {
                    running.incrementAndGet();
                    try {
                        if (kind == FAIL) {
                            RuntimeException e = new RuntimeException("task " + index);
                            thrown.add(e);
                            throw e;
                        }
                        if (block) {
                            new CountDownLatch(1).await();
                        }
                        return index;
                    } finally {
                        running.decrementAndGet();
                    }
                }));
            }
            group.await();
        } catch (Throwable t) {
            outcome = t;
        } finally {
            try {
                group.close();
            } catch (Throwable t) {
                if (outcome == null) {
                    outcome = t;
                }
            }
        }

        assertThat(running).as("every task ended before the group returned").hasValue(0);
        for (TaskHandle<Integer> h : handles) {
            assertThat(h.state()).isNotEqualTo(TaskHandle.State.RUNNING);
        }
        if (thrown.isEmpty()) {
            assertThat(outcome).isNull();
            for (int i = 0; i < handles.size(); i++) {
                assertThat(handles.get(i).resultNow()).isEqualTo(i);
            }
            return;
        }
        assertThat(outcome).isInstanceOf(TaskFailedException.class);
        assertThat(outcome.getCause()).isSameAs(group.context().cause());
        Set<Throwable> reported = new HashSet<>();
        reported.add(outcome.getCause());
        for (Throwable s : outcome.getSuppressed()) {
            assertThat(reported.add(s)).as("reported once: %s", s).isTrue();
        }
        assertThat(reported).containsExactlyInAnyOrderElementsOf(thrown);
    }
}
