/**
 * jcstress tests of the channels' lock-free hand-off paths, written against the public API only
 * ({@code Channel}, {@code Select}) so that they hold whatever the core underneath.
 *
 * <h2>What they check</h2>
 * <ul>
 *   <li>{@link dev.spindle.channels.jcstress.Publication}: a value handed through a channel is seen
 *       whole (its plain fields written before the send).</li>
 *   <li>{@link dev.spindle.channels.jcstress.BufferCell}: non-blocking sends and receives on a
 *       buffered(1)/(2) ring lose and duplicate nothing.</li>
 *   <li>{@link dev.spindle.channels.jcstress.CloseRaces} and
 *       {@link dev.spindle.channels.jcstress.SendersVsClose}: close racing sends and receives loses
 *       and duplicates nothing, a refused send leaves nothing behind, one close wins.</li>
 *   <li>{@link dev.spindle.channels.jcstress.SelectRaces}: a select with a default fires exactly one
 *       clause and the others leave no trace.</li>
 *   <li>{@link dev.spindle.channels.jcstress.ParkRaces} and
 *       {@link dev.spindle.channels.jcstress.WaiterWakeup}: a waiter is never left parked when what
 *       it waits for happens (a lost wake-up hangs, which jcstress reports as a failure).</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Every test's {@code @Outcome}s are exhaustive: each correct result is ACCEPTABLE and a
 *       catch-all FORBIDDEN covers the rest (torn, lost, duplicated, reordered). No outcome is
 *       "interesting": a result is right or it is a bug.</li>
 *   <li>At most two actors per test: jcstress runs a test only when it has a CPU per actor, and CI
 *       has two. Where a race needs a third party, one actor does two things in sequence (for
 *       example, send then close).</li>
 *   <li>An actor blocks only when the other actor always releases it (a close, a receive, a send);
 *       on a correct channel nothing hangs. Actors never throw on a correct channel: an exception is
 *       a test error, which fails the run.</li>
 *   <li>Result codes ({@link dev.spindle.channels.jcstress.Ops}): a send is {@code 1} sent,
 *       {@code 0} would wait, {@code -1} closed; a receive is the value (values are 1..9),
 *       {@code 0} empty, {@code -1} closed and drained; a drain lists the values it took as decimal
 *       digits in order ({@code 12} is 1 then 2, {@code 0} none); a close is {@code 1} if it closed
 *       the channel. A received {@link dev.spindle.channels.jcstress.Box} is reported as
 *       {@code id * 10 + fields seen}: {@code 14} is box 1 whole.</li>
 * </ul>
 *
 * <p>Run them with {@code scripts/jcstress.sh} ({@code short} in CI, {@code full} for the
 * jcstress defaults); {@code mvn verify} only compiles and packages them.
 */
package dev.spindle.channels.jcstress;
