package dev.spindle.core.internal;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every thread of the JVM, virtual ones included, with its stack: the JDK's own thread dump
 * ({@code HotSpotDiagnosticMXBean.dumpThreads}, the one {@code jcmd Thread.dump_to_file} writes),
 * read back. The JDK has no other public way to list virtual threads; this one costs a few tens of
 * milliseconds, so it runs only when a dump is asked for or a deadlock is suspected.
 *
 * <p>The plain-text format is read leniently: a thread starts at a line {@code #ID "NAME" [virtual]
 * [STATE] [TIME]} (JDK 21 prints no state), its frames follow, one per line, with or without a
 * leading {@code at}; lines starting with {@code -} (locks) are skipped.
 */
public final class JdkThreads {
    /** At most this many frames are kept per thread. */
    static final int MAX_FRAMES = 48;

    private JdkThreads() {
    }

    /**
     * One thread as the JDK's dump listed it.
     *
     * @param id its thread id
     * @param name its name
     * @param virtual whether it is virtual
     * @param state its state, or {@code UNKNOWN} when the JDK does not print it
     * @param frames its stack, innermost first
     */
    public record Entry(long id, String name, boolean virtual, String state, List<String> frames) {
    }

    /**
     * Takes the JDK's thread dump.
     *
     * @return every thread it listed
     * @throws UncheckedIOException if the dump could not be written or read (it goes through a
     *     temporary file)
     */
    public static List<Entry> take() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("spindle-threads");
            Path file = dir.resolve("threads.txt");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            List<Entry> entries = parse(Files.readAllLines(file));
            Files.delete(file);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("could not take the JDK's thread dump", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /**
     * Reads the plain-text thread dump.
     *
     * @param lines its lines
     * @return the threads, in the dump's order
     */
    static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        Header header = null;
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                if (header != null) {
                    entries.add(header.entry(frames));
                }
                header = Header.parse(line);
                frames = new ArrayList<>();
            } else if (header != null) {
                String frame = line.strip();
                if (frame.isEmpty() || frame.startsWith("-") || frames.size() >= MAX_FRAMES) {
                    continue;
                }
                frames.add(frame.startsWith("at ") ? frame.substring(3) : frame);
            }
        }
        if (header != null) {
            entries.add(header.entry(frames));
        }
        entries.removeIf(e -> e.id() < 0);
        return entries;
    }

    private record Header(long id, String name, boolean virtual, String state) {
        static Header parse(String line) {
            int space = line.indexOf(' ');
            int open = line.indexOf('"');
            int close = line.lastIndexOf('"');
            if (space < 0 || open < 0 || close <= open) {
                return new Header(-1, "", false, "UNKNOWN");
            }
            long id;
            try {
                id = Long.parseLong(line, 1, space, 10);
            } catch (NumberFormatException e) {
                return new Header(-1, "", false, "UNKNOWN");
            }
            String name = line.substring(open + 1, close);
            boolean virtual = false;
            String state = "UNKNOWN";
            for (String word : line.substring(close + 1).strip().split(" ", -1)) {
                if (word.equals("virtual")) {
                    virtual = true;
                } else if (isState(word)) {
                    state = word;
                }
            }
            return new Header(id, name, virtual, state);
        }

        private static boolean isState(String word) {
            for (Thread.State s : Thread.State.values()) {
                if (s.name().equals(word)) {
                    return true;
                }
            }
            return false;
        }

        Entry entry(List<String> frames) {
            return new Entry(id, name, virtual, state, List.copyOf(frames));
        }
    }
}
