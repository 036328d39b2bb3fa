package dev.spindle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.core.TaskDump;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread keeps one slot while it lives; ended threads' slots are dropped. */
class WaitsTest {
    private static final class Probe extends Wait {
        @Override
        public TaskDump.WaitsOn describe() {
            return new TaskDump.WaitsOn.ContextWait("probe");
        }

        @Override
        public boolean settled() {
            return false;
        }

        @Override
        public boolean endsByItself() {
            return false;
        }
    }

    @Test
    void aThreadReusesItsSlotAndEndedThreadsLoseTheirs() throws Exception {
        Probe first = new Probe();
        Waits.begin(first);
        assertThat(Waits.of(Thread.currentThread())).isSameAs(first);
        Waits.end(first);
        assertThat(Waits.of(Thread.currentThread())).isNull();
        int before = Waits.slotCount();
        Probe second = new Probe();
        Waits.begin(second);
        assertThat(Waits.slotCount()).isEqualTo(before); // the same slot
        assertThat(Waits.snapshot()).contains(second).doesNotContain(first);
        Waits.end(second);

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Probe p = new Probe();
                Waits.begin(p);
                Waits.end(p);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Waits.pruneDead();
        assertThat(threads).noneMatch(t -> Waits.of(t) != null);
        assertThat(Waits.slotCount()).isLessThanOrEqualTo(before + 16);
    }
}
