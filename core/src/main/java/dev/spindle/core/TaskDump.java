package dev.spindle.core;

import dev.spindle.core.internal.DumpText;
import dev.spindle.core.internal.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of every live Spindle task: Go's goroutine dump, with what each blocked task waits on.
 * Made by {@link Diagnostics#dump()}; printed by {@link #toText()} (Go's layout) or
 * {@link #toJson()}.
 *
 * <p>{@link #groups()} are the task groups that are open, as a tree: a group opened by a task of
 * another group is that group's child. A task of a group is listed with its thread's name, state and
 * stack; if it is blocked in a Spindle call ({@code send}, {@code receive}, {@code select},
 * {@code WaitGroup.await}, {@code TaskGroup.await}, {@code Context.await}, a cluster lock or
 * distributed channel) its {@link Task#waiting()} says on what and since when. {@link #others()} are
 * threads outside any group (for example {@code main}, or a {@code go(...)} task) blocked in a
 * Spindle call.
 *
 * <p>A snapshot, not an atomic one: tasks come and go while it is taken, so a task may show a wait
 * that ended a moment later, and a group may list a task that has just ended. Each entry is
 * consistent in itself.
 *
 * @param taken when the snapshot was taken
 * @param groups the open task groups that have no open parent group, each with its subtree
 * @param others threads that are not tasks of a listed group but are blocked in a Spindle call
 * @since 0.3.0
 */
public record TaskDump(Instant taken, List<Group> groups, List<Task> others) {

    /**
     * Checks the components and copies the lists.
     *
     * @param taken when the snapshot was taken
     * @param groups the root groups
     * @param others threads outside any listed group, blocked in a Spindle call
     */
    public TaskDump {
        Objects.requireNonNull(taken, "taken");
        groups = List.copyOf(groups);
        others = List.copyOf(others);
    }

    /**
     * {@return the dump as text, in the layout of Go's goroutine dump} Groups are indented under
     * their parent; each task reads {@code task NAME [WHAT IT WAITS ON, FOR HOW LONG]:} followed by
     * its stack.
     */
    public String toText() {
        return DumpText.render(this);
    }

    /** {@return the dump as one JSON object, with the same fields as these records} */
    public String toJson() {
        return Json.render(this);
    }

    /** {@return every task in the dump, groups first (depth first), then {@link #others()}} */
    public List<Task> allTasks() {
        List<Task> all = new java.util.ArrayList<>();
        groups.forEach(g -> g.collect(all));
        all.addAll(others);
        return all;
    }

    /**
     * An open task group.
     *
     * @param id the group's number, as in its tasks' names ({@code spindle-group-ID-N})
     * @param name the name given by {@link TaskGroup#named(String)}, or {@code null}
     * @param state {@code "running"}, {@code "cancelled"} (its context is done) or {@code "closing"}
     * @param opened when the group was opened
     * @param running how many of its tasks had not ended
     * @param tasks its tasks that were alive when the snapshot was taken
     * @param children groups opened by its tasks
     */
    public record Group(long id, String name, String state, Instant opened, long running, List<Task> tasks,
            List<Group> children) {
        /**
         * Checks the components and copies the lists.
         *
         * @param id the group's number
         * @param name its name or {@code null}
         * @param state running, cancelled or closing
         * @param opened when it was opened
         * @param running live task count
         * @param tasks the live tasks
         * @param children child groups
         */
        public Group {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(opened, "opened");
            tasks = List.copyOf(tasks);
            children = List.copyOf(children);
        }

        /** {@return {@code group 3 "crawler"}, or {@code group 3} when unnamed} */
        public String label() {
            return name == null ? "group " + id : "group " + id + " \"" + name + "\"";
        }

        void collect(List<Task> into) {
            into.addAll(tasks);
            children.forEach(c -> c.collect(into));
        }
    }

    /**
     * One task (or, in {@link #others()}, one thread).
     *
     * @param name the thread's name ({@code spindle-group-G-N} for a group's task)
     * @param threadId the thread's id
     * @param virtual whether it is a virtual thread
     * @param state the thread's state ({@link Thread.State#name()}: {@code RUNNABLE}, {@code WAITING},
     *     ...)
     * @param waiting what it is blocked on in Spindle, or {@code null} if it is not blocked in a
     *     Spindle call (it may be running, or blocked elsewhere: its stack tells)
     * @param stack its stack, innermost frame first, each frame as the JDK's thread dump prints it
     *     ({@code module/class.method(File.java:line)}); at most 48 frames
     */
    public record Task(String name, long threadId, boolean virtual, String state, Waiting waiting,
            List<String> stack) {
        /**
         * Checks the components and copies the lists.
         *
         * @param name thread name
         * @param threadId thread id
         * @param virtual virtual or platform
         * @param state JVM thread state
         * @param waiting the Spindle wait or {@code null}
         * @param stack frames, innermost first
         */
        public Task {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            stack = List.copyOf(stack);
        }
    }

    /**
     * A blocked Spindle call.
     *
     * @param on what the call waits on
     * @param since when it started to wait (after its brief spin, when it parked)
     * @param waited how long it had waited when the snapshot was taken
     * @param endsByItself whether the wait can end without a Spindle task of this JVM ending it: it has
     *     a timeout or deadline, a context with a deadline, or (cluster waits) its waker may be
     *     another process; the deadlock detector never counts such a wait as asleep
     */
    public record Waiting(WaitsOn on, Instant since, Duration waited, boolean endsByItself) {
        /**
         * Checks the components.
         *
         * @param on what it waits on
         * @param since since when
         * @param waited for how long
         * @param endsByItself whether a timeout or deadline ends it
         */
        public Waiting {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(waited, "waited");
        }
    }

    /**
     * What a blocked call waits on: one record per kind of Spindle wait. A switch over it needs no
     * {@code default}: a new kind of wait fails to compile until every switch handles it.
     */
    public sealed interface WaitsOn {
        /** {@return a short phrase as in Go's dump, e.g. {@code chan receive channel#7 "jobs" unbuffered}} */
        String describe();

        /**
         * A {@code send} blocked on a channel.
         *
         * @param channel the channel
         */
        record ChannelSend(ChannelInfo channel) implements WaitsOn {
            @Override
            public String describe() {
                return "chan send " + channel.describe();
            }
        }

        /**
         * A {@code receive} blocked on a channel.
         *
         * @param channel the channel
         */
        record ChannelReceive(ChannelInfo channel) implements WaitsOn {
            @Override
            public String describe() {
                return "chan receive " + channel.describe();
            }
        }

        /**
         * A {@code select} blocked with these clauses.
         *
         * @param clauses each clause: {@code receive channel#3}, {@code send channel#4},
         *     {@code done ctx}, {@code timeout 2s}
         * @param channels the channels its send and receive clauses wait on, in clause order
         */
        record Select(List<String> clauses, List<ChannelInfo> channels) implements WaitsOn {
            /**
             * Checks the components and copies the lists.
             *
             * @param clauses the clauses
             * @param channels the channels
             */
            public Select {
                clauses = List.copyOf(clauses);
                channels = List.copyOf(channels);
            }

            @Override
            public String describe() {
                return "select [" + String.join("; ", clauses) + "]";
            }
        }

        /**
         * {@code WaitGroup.await}.
         *
         * @param waitGroup the wait group's text
         * @param count its counter when the snapshot was taken
         */
        record WaitGroupWait(String waitGroup, long count) implements WaitsOn {
            @Override
            public String describe() {
                return "WaitGroup.await " + waitGroup + " (count " + count + ")";
            }
        }

        /**
         * {@code TaskGroup.await} or {@code close}.
         *
         * @param groupId the awaited group's number
         * @param group the awaited group's label
         * @param running how many of its tasks had not ended
         */
        record TaskGroupWait(long groupId, String group, long running) implements WaitsOn {
            @Override
            public String describe() {
                return "TaskGroup.await " + group + " (" + running + " running)";
            }
        }

        /**
         * {@code Context.await}.
         *
         * @param context the awaited context
         */
        record ContextWait(String context) implements WaitsOn {
            @Override
            public String describe() {
                return "Context.await " + context;
            }
        }

        /**
         * A cluster lock's {@code lock}.
         *
         * @param lock the lock's name
         */
        record ClusterLockWait(String lock) implements WaitsOn {
            @Override
            public String describe() {
                return "cluster lock \"" + lock + "\"";
            }
        }

        /**
         * A distributed channel's {@code send} or {@code receive}.
         *
         * @param channel the channel's name
         * @param operation {@code send} or {@code receive}
         */
        record DistributedChannelWait(String channel, String operation) implements WaitsOn {
            @Override
            public String describe() {
                return "distributed chan " + operation + " \"" + channel + "\"";
            }
        }
    }

    /**
     * A channel as a blocked call saw it.
     *
     * @param text the channel's {@code toString()}: {@code channel#7 "jobs" buffered(16)}
     * @param name its name, or {@code null}
     * @param length values in its buffer
     * @param capacity its buffer size; 0 for unbuffered, {@link Integer#MAX_VALUE} for unlimited
     * @param closed whether it was closed
     * @param waitingSenders senders blocked on it (select clauses included)
     * @param waitingReceivers receivers blocked on it (select clauses included)
     */
    public record ChannelInfo(String text, String name, int length, int capacity, boolean closed,
            int waitingSenders, int waitingReceivers) {
        /** {@return {@code channel#7 "jobs" buffered(16) (len 0, 2 senders waiting)}} */
        public String describe() {
            StringBuilder b = new StringBuilder(text).append(" (len ").append(length);
            if (closed) {
                b.append(", closed");
            }
            if (waitingSenders > 0) {
                b.append(", ").append(waitingSenders).append(waitingSenders == 1 ? " sender" : " senders").append(" waiting");
            }
            if (waitingReceivers > 0) {
                b.append(", ").append(waitingReceivers).append(waitingReceivers == 1 ? " receiver" : " receivers")
                        .append(" waiting");
            }
            return b.append(')').toString();
        }
    }
}
