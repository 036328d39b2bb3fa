package dev.spindle.core.internal;

import dev.spindle.core.DeadlockException;
import dev.spindle.core.DiagnosticsMXBean;
import dev.spindle.core.TaskDump;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** The {@link DiagnosticsMXBean}, registered once by the watchdog. */
final class DiagnosticsBean implements DiagnosticsMXBean {
    static final String NAME = "dev.spindle:type=Diagnostics";

    static void register() {
        try {
            ObjectName name = new ObjectName(NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(name)) {
                server.registerMBean(new DiagnosticsBean(), name);
            }
        } catch (JMException | RuntimeException | LinkageError e) {
            System.getLogger("dev.spindle.diagnostics").log(System.Logger.Level.DEBUG,
                    "could not register " + NAME, e);
        }
    }

    @Override
    public String getTaskDump() {
        return Dumper.dump().toText();
    }

    @Override
    public String getTaskDumpJson() {
        return Dumper.dump().toJson();
    }

    @Override
    public String getLastDeadlock() {
        TaskDump dump = Watchdog.lastDeadlock();
        return dump == null ? "" : new DeadlockException(dump).getMessage();
    }
}
