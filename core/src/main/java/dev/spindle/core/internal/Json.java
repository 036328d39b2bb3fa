package dev.spindle.core.internal;

import dev.spindle.core.TaskDump;

import java.util.List;

/**
 * {@link TaskDump#toJson()}. Written here rather than with a JSON library: core depends on nothing
 * but the JDK, and this only writes one fixed shape (the tests read it back with Jackson). Field
 * names are the records' component names; {@code waitsOn} carries a {@code kind} (the record's
 * simple name) beside its components.
 */
public final class Json {
    private Json() {
    }

    /**
     * {@return {@code dump} as a JSON object}
     *
     * @param dump a dump
     */
    public static String render(TaskDump dump) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"taken\":");
        string(b, dump.taken().toString());
        b.append(",\"groups\":");
        array(b, dump.groups(), Json::group);
        b.append(",\"others\":");
        array(b, dump.others(), Json::task);
        return b.append('}').toString();
    }

    private static void group(StringBuilder b, TaskDump.Group g) {
        b.append("{\"id\":").append(g.id()).append(",\"name\":");
        string(b, g.name());
        b.append(",\"state\":");
        string(b, g.state());
        b.append(",\"opened\":");
        string(b, g.opened().toString());
        b.append(",\"running\":").append(g.running()).append(",\"tasks\":");
        array(b, g.tasks(), Json::task);
        b.append(",\"children\":");
        array(b, g.children(), Json::group);
        b.append('}');
    }

    private static void task(StringBuilder b, TaskDump.Task t) {
        b.append("{\"name\":");
        string(b, t.name());
        b.append(",\"threadId\":").append(t.threadId()).append(",\"virtual\":").append(t.virtual())
                .append(",\"state\":");
        string(b, t.state());
        b.append(",\"waiting\":");
        if (t.waiting() == null) {
            b.append("null");
        } else {
            TaskDump.Waiting w = t.waiting();
            b.append("{\"on\":");
            waitsOn(b, w.on());
            b.append(",\"since\":");
            string(b, w.since().toString());
            b.append(",\"waitedMillis\":").append(w.waited().toMillis()).append(",\"endsByItself\":")
                    .append(w.endsByItself()).append('}');
        }
        b.append(",\"stack\":");
        array(b, t.stack(), Json::string);
        b.append('}');
    }

    private static void waitsOn(StringBuilder b, TaskDump.WaitsOn on) {
        b.append("{\"kind\":");
        string(b, on.getClass().getSimpleName());
        b.append(",\"describe\":");
        string(b, on.describe());
        switch (on) {
            case TaskDump.WaitsOn.ChannelSend s -> channelField(b, s.channel());
            case TaskDump.WaitsOn.ChannelReceive r -> channelField(b, r.channel());
            case TaskDump.WaitsOn.Select s -> {
                b.append(",\"clauses\":");
                array(b, s.clauses(), Json::string);
                b.append(",\"channels\":");
                array(b, s.channels(), Json::channel);
            }
            case TaskDump.WaitsOn.WaitGroupWait w -> {
                b.append(",\"waitGroup\":");
                string(b, w.waitGroup());
                b.append(",\"count\":").append(w.count());
            }
            case TaskDump.WaitsOn.TaskGroupWait g -> {
                b.append(",\"groupId\":").append(g.groupId()).append(",\"group\":");
                string(b, g.group());
                b.append(",\"running\":").append(g.running());
            }
            case TaskDump.WaitsOn.ContextWait c -> {
                b.append(",\"context\":");
                string(b, c.context());
            }
            case TaskDump.WaitsOn.ClusterLockWait l -> {
                b.append(",\"lock\":");
                string(b, l.lock());
            }
            case TaskDump.WaitsOn.DistributedChannelWait d -> {
                b.append(",\"channel\":");
                string(b, d.channel());
                b.append(",\"operation\":");
                string(b, d.operation());
            }
        }
        b.append('}');
    }

    private static void channelField(StringBuilder b, TaskDump.ChannelInfo c) {
        b.append(",\"channel\":");
        channel(b, c);
    }

    private static void channel(StringBuilder b, TaskDump.ChannelInfo c) {
        b.append("{\"text\":");
        string(b, c.text());
        b.append(",\"name\":");
        string(b, c.name());
        b.append(",\"length\":").append(c.length()).append(",\"capacity\":").append(c.capacity())
                .append(",\"closed\":").append(c.closed()).append(",\"waitingSenders\":").append(c.waitingSenders())
                .append(",\"waitingReceivers\":").append(c.waitingReceivers()).append('}');
    }

    private interface Writer<T> {
        void write(StringBuilder b, T value);
    }

    private static <T> void array(StringBuilder b, List<T> items, Writer<T> writer) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            writer.write(b, items.get(i));
        }
        b.append(']');
    }

    /** A JSON string (RFC 8259 section 7), or {@code null}. */
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
