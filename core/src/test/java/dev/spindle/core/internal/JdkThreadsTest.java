package dev.spindle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK's plain-text thread dump is read in both layouts: JDK 21 (no state) and JDK 25. */
class JdkThreadsTest {
    @Test
    void readsTheJdk25Layout() {
        List<JdkThreads.Entry> threads = JdkThreads.parse(List.of(
                "5060", "2026-12-02T12:59:01.583890787Z", "25.0.3+9-LTS", "",
                "#3 \"main\" RUNNABLE 2026-12-02T12:59:01.595151134Z",
                "    at java.base/jdk.internal.vm.ThreadSnapshot.create(Native Method)",
                "    at D.main(D.java:15)", "",
                "#13 \"Finalizer\" WAITING 2026-12-02T12:59:01.602509258Z",
                "    at java.base/java.lang.Object.wait0(Native Method)",
                "    - waiting on <java.lang.ref.ReferenceQueue$Lock@35d019a3>",
                "    at java.base/java.lang.Object.wait(Object.java:389)", "",
                "#14 \"Signal Dispatcher\" RUNNABLE 2026-12-02T12:59:01.602720680Z", "",
                "#23 \"spindle-group-1-1\" virtual WAITING 2026-12-02T12:59:01.607788799Z",
                "    at java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "    at D.lambda$main$0(D.java:9)"));
        assertThat(threads).extracting(JdkThreads.Entry::name)
                .containsExactly("main", "Finalizer", "Signal Dispatcher", "spindle-group-1-1");
        JdkThreads.Entry task = threads.get(3);
        assertThat(task.id()).isEqualTo(23);
        assertThat(task.virtual()).isTrue();
        assertThat(task.state()).isEqualTo("WAITING");
        assertThat(task.frames()).containsExactly("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "D.lambda$main$0(D.java:9)");
        assertThat(threads.get(1).frames()).hasSize(2); // the lock line is not a frame
        assertThat(threads.get(2).frames()).isEmpty();
    }

    @Test
    void readsTheJdk21LayoutAndNamesWithSpacesAndQuotes() {
        List<JdkThreads.Entry> threads = JdkThreads.parse(List.of(
                "1234", "2026-12-02T12:59:01Z", "21.0.5+11", "",
                "#1 \"main\"",
                "      java.base/java.lang.Thread.sleep0(Native Method)", "",
                "#30 \"a \"quoted\" name\" virtual",
                "      App.run(App.java:3)",
                "#garbage line", ""));
        assertThat(threads).hasSize(2);
        assertThat(threads.get(0).state()).isEqualTo("UNKNOWN");
        assertThat(threads.get(0).virtual()).isFalse();
        assertThat(threads.get(1).name()).isEqualTo("a \"quoted\" name");
        assertThat(threads.get(1).virtual()).isTrue();
        assertThat(threads.get(1).frames()).containsExactly("App.run(App.java:3)");
    }

    @Test
    void groupOfReadsTheGroupNumberFromATaskName() {
        assertThat(GroupInfo.groupOf("spindle-group-12-3")).isEqualTo(12);
        assertThat(GroupInfo.groupOf("spindle-group-x-3")).isEqualTo(-1);
        assertThat(GroupInfo.groupOf("spindle-go-1")).isEqualTo(-1);
        assertThat(GroupInfo.groupOf("spindle-group-7")).isEqualTo(-1);
    }

    @Test
    void takesTheRealDumpWithThisThreadInIt() {
        assertThat(JdkThreads.take()).anyMatch(t -> t.id() == Thread.currentThread().threadId()
                && t.name().equals(Thread.currentThread().getName()));
    }
}
