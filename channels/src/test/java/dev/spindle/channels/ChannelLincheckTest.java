package dev.spindle.channels;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Linearizability of channels and select against sequential specifications, in two parts.
 *
 * <p><b>Random scenarios</b> (model checking and stress) use only operations that never wait:
 * {@code trySend}, {@code tryReceive}, {@code close}, {@code closeWithError}, the closed queries and
 * {@code len}; plus {@code send}/{@code sendOrClosed} on the kinds whose sends never wait (unlimited
 * and the dropping policies), and a {@code selectInOrder} with a default over two channels. Lincheck
 * 3.7 cannot run a Java call that may park forever, so random scenarios stay clear of them.
 *
 * <p><b>Custom scenarios</b> (hand-written, model checking and stress) add the blocking calls
 * ({@code send}, {@code receive}, the {@code ...OrClosed} variants and {@code Select.select}), each
 * scenario written so that every blocking call is released in every interleaving. The
 * specification never waits: a step that would wait throws {@link IllegalStateException}, which no
 * real result matches, so the verifier rejects that order. The unbuffered specification is a
 * one-slot buffer whose send must be followed at once by the receive that takes its value (a
 * rendezvous is one step).
 *
 * <p>{@code Select.select} picks at random among ready clauses, which no deterministic specification
 * can predict; it is only used in scenarios where at most one of its clauses can be ready at a time.
 * Where both can be, the scenario uses {@code Select.selectInOrder}, whose specification is "the
 * first ready clause".
 *
 * <p>Every operation returns a value: closed outcomes are strings ({@code "closed"}, or
 * {@code "closed:boom"} after {@code closeWithError}), never exceptions.
 */
public class ChannelLincheckTest {
    static final IllegalStateException BOOM = new IllegalStateException("boom");

    public ChannelLincheckTest() {
    }

    // ================================================================ random scenarios

    @Test
    void unbufferedModelChecking() {
        modelCheck(Unbuffered.class, UnbufferedSpec.class, 1);
    }

    @Test
    void unbufferedStress() {
        stress(Unbuffered.class, UnbufferedSpec.class, 3);
    }

    @Test
    void buffered1ModelChecking() {
        modelCheck(Buffered1.class, Buffered1Spec.class, 3);
    }

    @Test
    void buffered1Stress() {
        stress(Buffered1.class, Buffered1Spec.class, 5);
    }

    @Test
    void buffered2ModelChecking() {
        modelCheck(Buffered2.class, Buffered2Spec.class, 3);
    }

    @Test
    void buffered2Stress() {
        stress(Buffered2.class, Buffered2Spec.class, 5);
    }

    @Test
    void unlimitedModelChecking() {
        modelCheck(Unlimited.class, UnlimitedSpec.class, 3);
    }

    @Test
    void unlimitedStress() {
        stress(Unlimited.class, UnlimitedSpec.class, 5);
    }

    @Test
    void conflatedModelChecking() {
        modelCheck(Conflated.class, ConflatedSpec.class, 1);
    }

    @Test
    void dropLatestModelChecking() {
        modelCheck(DropLatest2.class, DropLatest2Spec.class, 1);
    }

    @Test
    void droppingStress() {
        stress(Conflated.class, ConflatedSpec.class, 3);
        stress(DropLatest2.class, DropLatest2Spec.class, 3);
    }

    @Test
    void selectWithDefaultModelChecking() {
        modelCheck(TwoBuffered1.class, TwoBuffered1Spec.class, 3);
    }

    @Test
    void selectWithDefaultStress() {
        stress(TwoBuffered1.class, TwoBuffered1Spec.class, 5);
    }

    /**
     * Random scenarios under the model checker. Sizes are tuned so the whole class stays near a
     * minute on two cores; the kinds whose random operations are near-trivial (unbuffered: no
     * rendezvous is possible without a blocking call; the dropping kinds) get fewer iterations.
     */
    private static void modelCheck(Class<?> test, Class<?> spec, int iterations) {
        new ModelCheckingOptions()
                .iterations(iterations)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(spec)
                .check(test);
    }

    private static void stress(Class<?> test, Class<?> spec, int iterations) {
        new StressOptions()
                .iterations(iterations)
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(spec)
                .check(test);
    }

    // ================================================================ custom scenarios

    /** Scenarios that end for every capacity, unbuffered included. */
    private static List<ExecutionScenario> anyCapacity(Class<?> test) {
        return List.of(
                parallel(test, t("send:1", "send:2"), t("receive", "receive")),
                parallel(test, t("send:1"), t("send:2"), t("receive", "receive")),
                parallel(test, t("receive"), t("receive"), t("send:1", "send:2")),
                parallel(test, t("sendOrClosed:1", "sendOrClosed:2"), t("receiveOrClosed"), t("close")),
                parallel(test, t("sendOrClosed:1"), t("receiveOrClosed", "receiveOrClosed"), t("closeWithError")),
                parallel(test, t("trySendElseSend:1", "send:2"), t("receive"), t("tryReceiveElseReceive")),
                parallel(test, t("sendOrClosed:1", "sendOrClosed:2", "len"), t("receiveOrClosed", "isClosedForReceive"),
                        t("isClosedForSend", "close")));
    }

    /** Scenarios that end only when a send into an empty buffer never waits. */
    private static List<ExecutionScenario> buffered(Class<?> test) {
        return List.of(
                parallel(test, t("receive", "receive"), t("trySend:1", "send:2")),
                parallel(test, t("send:1", "send:2", "send:3"), t("tryReceiveElseReceive", "tryReceiveElseReceive"),
                        t("receive")),
                parallel(test, t("send:1", "sendOrClosed:2", "sendOrClosed:3"), t("tryReceive", "receiveOrClosed"),
                        t("close", "tryReceive")));
    }

    @Test
    void blockingUnbufferedModelChecking() {
        modelCheckCustom(Unbuffered.class, UnbufferedSpec.class, anyCapacity(Unbuffered.class));
    }

    @Test
    void blockingBuffered1ModelChecking() {
        modelCheckCustom(Buffered1.class, Buffered1Spec.class,
                concat(anyCapacity(Buffered1.class), buffered(Buffered1.class)));
    }

    @Test
    void blockingBuffered2ModelChecking() {
        modelCheckCustom(Buffered2.class, Buffered2Spec.class,
                concat(anyCapacity(Buffered2.class), buffered(Buffered2.class)));
    }

    @Test
    void blockingUnlimitedModelChecking() {
        modelCheckCustom(Unlimited.class, UnlimitedSpec.class,
                concat(anyCapacity(Unlimited.class), buffered(Unlimited.class)));
    }

    @Test
    void blockingStress() {
        stressCustom(Unbuffered.class, UnbufferedSpec.class, anyCapacity(Unbuffered.class));
        stressCustom(Buffered1.class, Buffered1Spec.class,
                concat(anyCapacity(Buffered1.class), buffered(Buffered1.class)));
        stressCustom(Buffered2.class, Buffered2Spec.class,
                concat(anyCapacity(Buffered2.class), buffered(Buffered2.class)));
        stressCustom(Unlimited.class, UnlimitedSpec.class,
                concat(anyCapacity(Unlimited.class), buffered(Unlimited.class)));
    }

    /** Select scenarios for both pair kinds; {@code select} only where one clause at a time can be ready. */
    private static List<ExecutionScenario> selects(Class<?> test) {
        return List.of(
                // a select competes with a plain receive for A's values
                parallel(test, t("select"), t("sendA:1", "sendA:2"), t("receiveA")),
                // a select sees A's value or A's close
                parallel(test, t("select"), t("sendA:1"), t("closeA")),
                // values on both channels: the first ready clause in argument order wins
                parallel(test, t("selectInOrder", "selectInOrder"), t("sendA:1"), t("sendB:2")),
                // a select that receives from B or sends to A; closes release whatever waits
                parallel(test, t("selectReceiveBOrSendA:7"), t("receiveA"), t("sendB:2"), t("closeA", "closeB")));
    }

    /** Select scenarios that keep one ready clause at a time only when sends wait for a receiver. */
    private static List<ExecutionScenario> unbufferedSelects(Class<?> test) {
        return List.of(
                parallel(test, t("select", "select"), t("sendA:1", "sendB:2")),
                parallel(test, t("select"), t("selectInOrder"), t("sendA:1", "sendB:2")));
    }

    @Test
    void selectUnbufferedModelChecking() {
        modelCheckCustom(TwoUnbuffered.class, TwoUnbufferedSpec.class,
                concat(selects(TwoUnbuffered.class), unbufferedSelects(TwoUnbuffered.class)));
    }

    @Test
    void selectBuffered1ModelChecking() {
        modelCheckCustom(TwoBuffered1.class, TwoBuffered1Spec.class, selects(TwoBuffered1.class));
    }

    @Test
    void selectStress() {
        stressCustom(TwoUnbuffered.class, TwoUnbufferedSpec.class,
                concat(selects(TwoUnbuffered.class), unbufferedSelects(TwoUnbuffered.class)));
        stressCustom(TwoBuffered1.class, TwoBuffered1Spec.class, selects(TwoBuffered1.class));
    }

    private static void modelCheckCustom(Class<?> test, Class<?> spec, List<ExecutionScenario> scenarios) {
        // The diagnostics' registry (a map keyed by thread, hence by identity hash codes) is not part
        // of the channel's linearizability, and its hashing made the model checker report
        // non-determinism: its methods run unanalysed.
        ModelCheckingOptions options = new ModelCheckingOptions().iterations(0).invocationsPerIteration(100)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses("dev.spindle.core.internal.Waits",
                        "dev.spindle.core.internal.Watchdog").allMethods().ignore());
        runCustom(options, test, spec, scenarios);
    }

    private static void stressCustom(Class<?> test, Class<?> spec, List<ExecutionScenario> scenarios) {
        StressOptions options = new StressOptions().iterations(0).invocationsPerIteration(500);
        runCustom(options, test, spec, scenarios);
    }

    private static void runCustom(Options<?, ?> options, Class<?> test, Class<?> spec,
            List<ExecutionScenario> scenarios) {
        for (ExecutionScenario scenario : scenarios) {
            options.addCustomScenario(scenario);
        }
        options.sequentialSpecification(spec).check(test);
    }

    private static List<ExecutionScenario> concat(List<ExecutionScenario> a, List<ExecutionScenario> b) {
        List<ExecutionScenario> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ================================================================ scenario helpers

    private static String[] t(String... actors) {
        return actors;
    }

    /** A scenario with only a parallel part: one list of actors per thread. */
    static ExecutionScenario parallel(Class<?> test, String[]... threads) {
        List<List<Actor>> par = new ArrayList<>();
        for (String[] thread : threads) {
            List<Actor> actors = new ArrayList<>();
            for (String a : thread) {
                actors.add(actor(test, a));
            }
            par.add(actors);
        }
        return new ExecutionScenario(List.of(), par, List.of(), null);
    }

    /** {@code "send:1"} is {@code send(1)}, {@code "receive"} is {@code receive()}: a public method by name and arity. */
    static Actor actor(Class<?> test, String spec) {
        String[] parts = spec.split(":");
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            args.add(Integer.parseInt(parts[i]));
        }
        Method method = Arrays.stream(test.getMethods())
                .filter(m -> m.getName().equals(parts[0]) && m.getParameterCount() == args.size())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no public " + spec + " in " + test));
        return new Actor(method, args);
    }

    static String closedTag(Throwable error) {
        return error == null ? "closed" : "closed:" + error.getMessage();
    }

    // ================================================================ one channel under test

    /**
     * Operations on one channel of {@code Integer}. The annotated ones never wait; the others are
     * used by custom scenarios (and annotated by {@link NeverBlocking} where they never wait).
     */
    public abstract static class OneChannel {
        final Channel<Integer> ch;

        protected OneChannel(Channel<Integer> ch) {
            this.ch = ch;
        }

        @Operation
        public String trySend(@Param(gen = IntGen.class, conf = "1:4") int v) {
            try {
                return ch.trySend(v) ? "ok" : "full";
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        @Operation
        public String tryReceive() {
            try {
                return ch.tryReceive().map(String::valueOf).orElse("empty");
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public boolean closeWithError() {
            return ch.closeWithError(BOOM);
        }

        @Operation
        public boolean isClosedForSend() {
            return ch.isClosedForSend();
        }

        @Operation
        public boolean isClosedForReceive() {
            return ch.isClosedForReceive();
        }

        @Operation
        public int len() {
            return ch.len();
        }

        public String send(int v) throws InterruptedException {
            try {
                ch.send(v);
                return "ok";
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        public String sendOrClosed(int v) throws InterruptedException {
            return ch.sendOrClosed(v) instanceof SendResult.Closed c ? closedTag(c.error()) : "ok";
        }

        public String receive() throws InterruptedException {
            try {
                return String.valueOf(ch.receive());
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        public String receiveOrClosed() throws InterruptedException {
            return switch (ch.receiveOrClosed()) {
                case ReceiveResult.Value<Integer> v -> String.valueOf(v.value());
                case ReceiveResult.Closed<Integer> c -> closedTag(c.error());
            };
        }

        /** A {@code trySend}, then a {@code send} if it failed: a value is never both kept and delivered. */
        public String trySendElseSend(int v) throws InterruptedException {
            try {
                if (ch.trySend(v)) {
                    return "ok";
                }
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
            return send(v);
        }

        /** A {@code tryReceive}, then a {@code receive} if it found nothing. */
        public String tryReceiveElseReceive() throws InterruptedException {
            String r = tryReceive();
            return r.equals("empty") ? receive() : r;
        }
    }

    /** A channel whose sends never wait, so random scenarios may use them. */
    public abstract static class NeverBlocking extends OneChannel {
        protected NeverBlocking(Channel<Integer> ch) {
            super(ch);
        }

        @Operation
        @Override
        public String send(@Param(gen = IntGen.class, conf = "1:4") int v) throws InterruptedException {
            return super.send(v);
        }

        @Operation
        @Override
        public String sendOrClosed(@Param(gen = IntGen.class, conf = "1:4") int v) throws InterruptedException {
            return super.sendOrClosed(v);
        }
    }

    public static class Unbuffered extends OneChannel {
        public Unbuffered() {
            super(Channel.unbuffered());
        }
    }

    public static class Buffered1 extends OneChannel {
        public Buffered1() {
            super(Channel.buffered(1));
        }
    }

    public static class Buffered2 extends OneChannel {
        public Buffered2() {
            super(Channel.buffered(2));
        }
    }

    public static class Unlimited extends NeverBlocking {
        public Unlimited() {
            super(Channel.unlimited());
        }
    }

    public static class Conflated extends NeverBlocking {
        public Conflated() {
            super(Channel.conflated());
        }
    }

    public static class DropLatest2 extends NeverBlocking {
        public DropLatest2() {
            super(Channel.buffered(2, Overflow.DROP_LATEST));
        }
    }

    // ================================================================ the sequential model

    /**
     * One channel, sequentially. A step that would wait throws {@link IllegalStateException}. When
     * unbuffered, a send that can only complete with a receiver parks its value in {@link #slot},
     * and the next step must be the receive that takes it ({@link #guard()} rejects anything else).
     */
    static final class Model {
        final int capacity;
        final Overflow overflow;
        final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        Integer slot;
        boolean closed;
        String tag = "closed";

        Model(int capacity, Overflow overflow) {
            this.capacity = capacity;
            this.overflow = overflow;
        }

        /** Rejects any step but the receive that completes a pending rendezvous. */
        void guard() {
            if (slot != null) {
                throw new IllegalStateException("a rendezvous is one step");
            }
        }

        String trySend(int v) {
            guard();
            if (closed) {
                return tag;
            }
            if (capacity == 0) {
                return "full";
            }
            return offer(v) ? "ok" : "full";
        }

        /** A send that may wait; {@link #guard()} must have been called by the caller. */
        String send(int v) {
            if (closed) {
                return tag;
            }
            if (capacity == 0) {
                slot = v;
                return "ok";
            }
            if (!offer(v)) {
                throw new IllegalStateException("send would wait");
            }
            return "ok";
        }

        /** Whether a send is ready without a receiver: closed, or there is room (or a drop policy). */
        boolean sendReadyWithoutReceiver() {
            return closed || capacity > 0 && (buffer.size() < capacity || overflow != Overflow.SUSPEND);
        }

        private boolean offer(int v) {
            if (buffer.size() < capacity) {
                buffer.addLast(v);
                return true;
            }
            switch (overflow) {
                case DROP_OLDEST -> {
                    buffer.pollFirst();
                    buffer.addLast(v);
                    return true;
                }
                case DROP_LATEST -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        boolean receiveReady() {
            return slot != null || !buffer.isEmpty() || closed;
        }

        String tryReceive() {
            return receiveReady() ? receive() : "empty";
        }

        String receive() {
            if (slot != null) {
                String v = String.valueOf(slot);
                slot = null;
                return v;
            }
            if (!buffer.isEmpty()) {
                return String.valueOf(buffer.pollFirst());
            }
            if (closed) {
                return tag;
            }
            throw new IllegalStateException("receive would wait");
        }

        boolean close(String closeTag) {
            guard();
            if (closed) {
                return false;
            }
            closed = true;
            tag = closeTag;
            return true;
        }
    }

    /** The specification of {@link OneChannel}, on a {@link Model}. */
    public abstract static class OneSpec {
        final Model m;

        protected OneSpec(int capacity, Overflow overflow) {
            m = new Model(capacity, overflow);
        }

        public String trySend(int v) {
            return m.trySend(v);
        }

        public String tryReceive() {
            return m.tryReceive();
        }

        public boolean close() {
            return m.close("closed");
        }

        public boolean closeWithError() {
            return m.close(closedTag(BOOM));
        }

        public boolean isClosedForSend() {
            m.guard();
            return m.closed;
        }

        public boolean isClosedForReceive() {
            m.guard();
            return m.closed && m.buffer.isEmpty();
        }

        public int len() {
            m.guard();
            return m.buffer.size();
        }

        public String send(int v) {
            m.guard();
            return m.send(v);
        }

        public String sendOrClosed(int v) {
            return send(v);
        }

        public String receive() {
            return m.receive();
        }

        public String receiveOrClosed() {
            return m.receive();
        }

        public String trySendElseSend(int v) {
            return send(v);
        }

        public String tryReceiveElseReceive() {
            return m.receive();
        }
    }

    public static class UnbufferedSpec extends OneSpec {
        public UnbufferedSpec() {
            super(0, Overflow.SUSPEND);
        }
    }

    public static class Buffered1Spec extends OneSpec {
        public Buffered1Spec() {
            super(1, Overflow.SUSPEND);
        }
    }

    public static class Buffered2Spec extends OneSpec {
        public Buffered2Spec() {
            super(2, Overflow.SUSPEND);
        }
    }

    public static class UnlimitedSpec extends OneSpec {
        public UnlimitedSpec() {
            super(Integer.MAX_VALUE, Overflow.SUSPEND);
        }
    }

    public static class ConflatedSpec extends OneSpec {
        public ConflatedSpec() {
            super(1, Overflow.DROP_OLDEST);
        }
    }

    public static class DropLatest2Spec extends OneSpec {
        public DropLatest2Spec() {
            super(2, Overflow.DROP_LATEST);
        }
    }

    // ================================================================ two channels and select

    /**
     * Two channels A and B with select operations. Annotated operations never wait; the others are
     * for custom scenarios.
     */
    public abstract static class TwoChannels {
        final Channel<Integer> a;
        final Channel<Integer> b;

        protected TwoChannels(Channel<Integer> a, Channel<Integer> b) {
            this.a = a;
            this.b = b;
        }

        @Operation
        public String trySendA(@Param(gen = IntGen.class, conf = "1:3") int v) {
            return trySend(a, v);
        }

        @Operation
        public String trySendB(@Param(gen = IntGen.class, conf = "4:6") int v) {
            return trySend(b, v);
        }

        @Operation
        public String tryReceiveA() {
            return tryReceive(a);
        }

        @Operation
        public String tryReceiveB() {
            return tryReceive(b);
        }

        @Operation
        public boolean closeA() {
            return a.close();
        }

        @Operation
        public boolean closeB() {
            return b.close();
        }

        /** Receives from A, else from B, else the default; all at one instant. */
        @Operation
        public String selectOrDefault() throws InterruptedException {
            return Select.selectInOrder(
                    a.onReceiveOrClosed(r -> "A:" + describe(r)),
                    b.onReceiveOrClosed(r -> "B:" + describe(r)),
                    Select.onDefault(() -> "default"));
        }

        /** Sends to A, else to B, else the default; all at one instant. */
        @Operation
        public String selectSendOrDefault(@Param(gen = IntGen.class, conf = "7:9") int v) throws InterruptedException {
            try {
                return Select.selectInOrder(
                        a.onSend(v, () -> "A:ok"),
                        b.onSend(v, () -> "B:ok"),
                        Select.onDefault(() -> "default"));
            } catch (ChannelClosedException e) {
                return "closed";
            }
        }

        public String sendA(int v) throws InterruptedException {
            return a.sendOrClosed(v).isClosed() ? "closed" : "ok";
        }

        public String sendB(int v) throws InterruptedException {
            return b.sendOrClosed(v).isClosed() ? "closed" : "ok";
        }

        public String receiveA() throws InterruptedException {
            return describe(a.receiveOrClosed());
        }

        public String receiveB() throws InterruptedException {
            return describe(b.receiveOrClosed());
        }

        /** {@code Select.select}: a uniformly random choice among ready clauses. */
        public String select() throws InterruptedException {
            return Select.select(
                    a.onReceiveOrClosed(r -> "A:" + describe(r)),
                    b.onReceiveOrClosed(r -> "B:" + describe(r)));
        }

        public String selectInOrder() throws InterruptedException {
            return Select.selectInOrder(
                    a.onReceiveOrClosed(r -> "A:" + describe(r)),
                    b.onReceiveOrClosed(r -> "B:" + describe(r)));
        }

        public String selectReceiveBOrSendA(int v) throws InterruptedException {
            try {
                return Select.selectInOrder(
                        b.onReceiveOrClosed(r -> "B:" + describe(r)),
                        a.onSend(v, () -> "A:ok"));
            } catch (ChannelClosedException e) {
                return "A:closed";
            }
        }

        private static String trySend(Channel<Integer> ch, int v) {
            try {
                return ch.trySend(v) ? "ok" : "full";
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        private static String tryReceive(Channel<Integer> ch) {
            try {
                return ch.tryReceive().map(String::valueOf).orElse("empty");
            } catch (ChannelClosedException e) {
                return closedTag(e.error());
            }
        }

        private static String describe(ReceiveResult<Integer> r) {
            return switch (r) {
                case ReceiveResult.Value<Integer> v -> String.valueOf(v.value());
                case ReceiveResult.Closed<Integer> c -> closedTag(c.error());
            };
        }
    }

    public static class TwoUnbuffered extends TwoChannels {
        public TwoUnbuffered() {
            super(Channel.unbuffered(), Channel.unbuffered());
        }
    }

    public static class TwoBuffered1 extends TwoChannels {
        public TwoBuffered1() {
            super(Channel.buffered(1), Channel.buffered(1));
        }
    }

    /** The specification of {@link TwoChannels}: two {@link Model}s; a select takes the first ready clause. */
    public abstract static class TwoSpec {
        final Model a;
        final Model b;

        protected TwoSpec(int capacity) {
            a = new Model(capacity, Overflow.SUSPEND);
            b = new Model(capacity, Overflow.SUSPEND);
        }

        private void guardBoth() {
            a.guard();
            b.guard();
        }

        public String trySendA(int v) {
            guardBoth();
            return a.trySend(v);
        }

        public String trySendB(int v) {
            guardBoth();
            return b.trySend(v);
        }

        public String tryReceiveA() {
            b.guard();
            return a.tryReceive();
        }

        public String tryReceiveB() {
            a.guard();
            return b.tryReceive();
        }

        public boolean closeA() {
            guardBoth();
            return a.close("closed");
        }

        public boolean closeB() {
            guardBoth();
            return b.close("closed");
        }

        public String sendA(int v) {
            guardBoth();
            return a.send(v);
        }

        public String sendB(int v) {
            guardBoth();
            return b.send(v);
        }

        public String receiveA() {
            b.guard();
            return a.receive();
        }

        public String receiveB() {
            a.guard();
            return b.receive();
        }

        /** The channel a receive-select takes from: the first ready, which must be any pending rendezvous. */
        private Model firstReady() {
            Model chosen = a.receiveReady() ? a : b.receiveReady() ? b : null;
            Model pending = a.slot != null ? a : b.slot != null ? b : null;
            if (pending != null && chosen != pending) {
                throw new IllegalStateException("a rendezvous is one step");
            }
            return chosen;
        }

        public String selectOrDefault() {
            Model chosen = firstReady();
            return chosen == null ? "default" : (chosen == a ? "A:" : "B:") + chosen.receive();
        }

        public String selectSendOrDefault(int v) {
            guardBoth();
            Model chosen = a.sendReadyWithoutReceiver() ? a : b.sendReadyWithoutReceiver() ? b : null;
            if (chosen == null) {
                return "default";
            }
            return chosen.send(v).equals("ok") ? (chosen == a ? "A:ok" : "B:ok") : "closed";
        }

        public String select() {
            return selectInOrder();
        }

        public String selectInOrder() {
            Model chosen = firstReady();
            if (chosen == null) {
                throw new IllegalStateException("select would wait");
            }
            return (chosen == a ? "A:" : "B:") + chosen.receive();
        }

        public String selectReceiveBOrSendA(int v) {
            if (a.slot != null) {
                throw new IllegalStateException("a rendezvous is one step");
            }
            if (b.receiveReady()) {
                return "B:" + b.receive();
            }
            // A's send: ready if closed or room; unbuffered, it is a rendezvous with the next receive
            if (a.closed) {
                return "A:closed";
            }
            a.send(v);
            return "A:ok";
        }
    }

    public static class TwoUnbufferedSpec extends TwoSpec {
        public TwoUnbufferedSpec() {
            super(0);
        }
    }

    public static class TwoBuffered1Spec extends TwoSpec {
        public TwoBuffered1Spec() {
            super(1);
        }
    }
}
