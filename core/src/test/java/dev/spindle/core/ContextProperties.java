package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random context trees and random cancellations, against a model: a node is done iff it or an
 * ancestor was cancelled; its cause is the cause of the earliest of those cancellations; a live
 * cancellable node holds exactly its live cancellable children, a done one holds nothing.
 */
class ContextProperties {

    @Test
    void cancellationFollowsTheTree() {
        qt().withExamples(300)
                .forAll(lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 40),
                        lists().of(integers().between(0, 1_000_000)).ofSizeBetween(0, 15))
                .checkAssert(ContextProperties::check);
    }

    private static void check(List<Integer> shape, List<Integer> cancels) {
        int n = shape.size();
        int[] parent = new int[n];
        boolean[] cancellable = new boolean[n];
        List<Context> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int s = shape.get(i);
            parent[i] = i == 0 ? -1 : s % i;
            cancellable[i] = i == 0 || (s / 7) % 3 != 0; // two thirds cancellable, a third value nodes
            Context base = i == 0 ? Context.background() : nodes.get(parent[i]);
            nodes.add(cancellable[i] ? base.withCancel() : base.withValue(Context.key("k" + i), i));
        }
        int[] cancelOrder = new int[n];
        java.util.Arrays.fill(cancelOrder, Integer.MAX_VALUE);
        List<Throwable> causes = new ArrayList<>();
        for (int c : cancels) {
            int target = c % n;
            if (!cancellable[target]) {
                continue;
            }
            Throwable cause = new RuntimeException("cancel #" + causes.size() + " of node " + target);
            causes.add(cause);
            if (cancelOrder[target] == Integer.MAX_VALUE) {
                cancelOrder[target] = causes.size() - 1;
            }
            ((CancellableContext) nodes.get(target)).cancel(cause);
        }

        for (int i = 0; i < n; i++) {
            int earliest = Integer.MAX_VALUE;
            for (int a = i; a != -1; a = parent[a]) {
                earliest = Math.min(earliest, cancelOrder[a]);
            }
            Context ctx = nodes.get(i);
            if (earliest == Integer.MAX_VALUE) {
                assertThat(ctx.isDone()).as("node %d", i).isFalse();
                assertThat(ctx.cause()).isNull();
            } else {
                assertThat(ctx.isDone()).as("node %d", i).isTrue();
                assertThat(ctx.cause()).as("cause of node %d", i).isSameAs(causes.get(earliest));
            }
        }

        for (int i = 0; i < n; i++) {
            if (!cancellable[i]) {
                continue;
            }
            int expected = 0;
            if (!nodes.get(i).isDone()) {
                for (int c = 0; c < n; c++) {
                    if (cancellable[c] && c != i && nearestCancellableAncestor(c, parent, cancellable) == i
                            && !nodes.get(c).isDone()) {
                        expected++;
                    }
                }
            }
            assertThat(((CancelNode) nodes.get(i)).registrations()).as("registrations of node %d", i)
                    .isEqualTo(expected);
        }
    }

    private static int nearestCancellableAncestor(int node, int[] parent, boolean[] cancellable) {
        for (int a = parent[node]; a != -1; a = parent[a]) {
            if (cancellable[a]) {
                return a;
            }
        }
        return -1;
    }
}
