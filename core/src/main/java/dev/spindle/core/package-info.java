/**
 * Go's concurrency building blocks for Java on virtual threads.
 *
 * <h2>Conventions used throughout Spindle</h2>
 *
 * <p><b>Interruption.</b> A Spindle call that blocks declares {@link java.lang.InterruptedException}
 * and throws it, with the thread's interrupt status cleared, as soon as the waiting thread is
 * interrupted (the JDK's convention). A call that must not give up its wait to keep its contract
 * ({@link dev.spindle.core.TaskGroup#close()}) keeps waiting instead and re-asserts the interrupt
 * status before it returns.
 *
 * <p><b>Cancellation.</b> A blocking call that takes a {@link dev.spindle.core.Context} wakes
 * promptly when that context is cancelled and throws an unchecked
 * {@link dev.spindle.core.CancelledException} (or its subclass
 * {@link dev.spindle.core.DeadlineExceededException} when a deadline passed). The exception is
 * created by the thread that throws it, so its stack trace shows where the wait was; its
 * {@linkplain Throwable#getCause() cause} is the context's custom
 * {@linkplain dev.spindle.core.Context#cause() cause} (given to {@code cancel(Throwable)}, or the
 * failure that cancelled a task group), if it has one. Cancellation never loses work that a call already completed: a call either completes or
 * throws, never both.
 *
 * <p><b>Programming mistakes</b> (a null argument, a negative count, a closed group) fail at once
 * with an {@link java.lang.IllegalArgumentException}, {@link java.lang.NullPointerException} or
 * {@link java.lang.IllegalStateException} whose message names the culprit.
 *
 * <p><b>Threads.</b> Every task Spindle starts runs on a named virtual thread
 * ({@code spindle-go-N}, {@code spindle-group-G-N}), so thread dumps stay readable. Timers and
 * deadlines share one daemon platform thread ({@code spindle-timer}); no call starts a thread per
 * timer.
 */
package dev.spindle.core;
