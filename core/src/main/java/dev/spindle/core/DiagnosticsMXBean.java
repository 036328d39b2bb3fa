package dev.spindle.core;

/**
 * Spindle's diagnostics over JMX, registered as {@code dev.spindle:type=Diagnostics} when the first
 * task group opens or the first Spindle call blocks. Read it with JDK Mission Control, JConsole or any
 * JMX client (locally, or after {@code jcmd PID ManagementAgent.start_local}): no signal, no restart.
 *
 * @since 0.3.0
 */
public interface DiagnosticsMXBean {
    /** {@return {@link Diagnostics#dump()} as text} */
    String getTaskDump();

    /** {@return {@link Diagnostics#dump()} as JSON} */
    String getTaskDumpJson();

    /** {@return the report of the last deadlock proven, or an empty string} */
    String getLastDeadlock();
}
