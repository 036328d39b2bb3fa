package dev.spindle.channels.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR event: a {@code select} that found no clause ready and waited. Committed when the wait ends,
 * however it ends. Off unless a recording enables it; by default only waits of 20 ms or more.
 */
@Name("dev.spindle.SelectWait")
@Label("Select Wait")
@Category({"Spindle", "Channels"})
@Description("A select that waited because none of its clauses was ready")
@Threshold("20 ms")
final class SelectWaitEvent extends jdk.jfr.Event {
    @Label("Clauses")
    @Description("The clauses that took part, in argument order")
    String clauses;

    @Label("Outcome")
    @Description("The clause that fired, or timed out, interrupted or failed")
    String outcome;
}
