package dev.spindle.channels.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR event: a channel send or receive that had to wait for a counterpart (it queued a waiter; a
 * call that completed at once records nothing). Committed when the wait ends, however it ends.
 *
 * <p>Off unless a recording enables it; then, by default, only waits of 20 ms or more are kept
 * (as the JDK's {@code jdk.ThreadPark}); {@code jfr configure} or a {@code .jfc} file changes that.
 */
@Name("dev.spindle.ChannelWait")
@Label("Channel Wait")
@Category({"Spindle", "Channels"})
@Description("A channel send or receive that waited for a counterpart")
@Threshold("20 ms")
final class ChannelWaitEvent extends jdk.jfr.Event {
    @Label("Channel")
    @Description("The channel: its id, its name if it has one, and its kind")
    String channel;

    @Label("Operation")
    @Description("send or receive")
    String operation;

    @Label("Outcome")
    @Description("done, closed, timed out, interrupted, cancelled (its context was done) or failed")
    String outcome;
}
