package dev.spindle.examples.imagefarm;

import java.io.PrintStream;

/** A one-line progress bar, {@code [#########.......] 37/96 tiles}, redrawn in place with {@code \r}. */
final class ProgressBar {
    static final int WIDTH = 40;

    private final PrintStream out;
    private final int total;
    private final String unit;

    ProgressBar(PrintStream out, int total, String unit) {
        this.out = out;
        this.total = total;
        this.unit = unit;
    }

    /** Redraws the bar at {@code done}; at {@code total} also ends the line. */
    void show(int done) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String line = "\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + unit;
        out.print(done == total ? line + System.lineSeparator() : line);
        out.flush();
    }
}
