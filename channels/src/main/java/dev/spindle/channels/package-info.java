/**
 * Go's channels and {@code select} for Java virtual threads.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.spindle.channels.Channel}: {@code unbuffered()}, {@code buffered(n)},
 *       {@code unlimited()}, {@code conflated()} and overflow policies; its two sides are
 *       {@link dev.spindle.channels.SendChannel} ({@code chan<- T}) and
 *       {@link dev.spindle.channels.ReceiveChannel} ({@code <-chan T}).</li>
 *   <li>{@link dev.spindle.channels.Select}: wait on several channel operations, a timeout, a
 *       context or a default at once; a ready clause is chosen uniformly at random.</li>
 *   <li>{@link dev.spindle.channels.Timers}: {@code after}, {@code timer} and {@code tick} as
 *       channels, on one shared timer thread.</li>
 *   <li>{@link dev.spindle.channels.Channels}: pipelines on a {@link dev.spindle.core.TaskGroup}
 *       (merge, worker pool, map, filter).</li>
 *   <li>{@link dev.spindle.channels.ChannelMetrics}: optional Micrometer binding.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@code null} elements are rejected with a {@link java.lang.NullPointerException} naming the
 *       call.</li>
 *   <li>Every blocking call throws {@link java.lang.InterruptedException} when its thread is
 *       interrupted while it waits; a call taking a {@link dev.spindle.core.Context} also throws the
 *       unchecked {@link dev.spindle.core.CancelledException} when that context is done first.</li>
 *   <li>No value is ever lost or duplicated by an interrupted, cancelled or timed-out call: it either
 *       completes (a value received exactly once, a value handed over) or has no effect. If the
 *       operation completed at the same moment the wait was cut short, the call returns normally and
 *       the thread's interrupt flag is set again.</li>
 *   <li>Two error styles: throwing calls ({@code send}, {@code receive}) that throw
 *       {@link dev.spindle.channels.ChannelClosedException}, and {@code ...OrClosed} calls that
 *       return a sealed {@link dev.spindle.channels.ReceiveResult} or
 *       {@link dev.spindle.channels.SendResult} instead.</li>
 *   <li>{@code close()} on a closed channel is a no-op that returns {@code false}.</li>
 * </ul>
 */
package dev.spindle.channels;
