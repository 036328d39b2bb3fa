package dev.spindle.channels.jcstress;

/**
 * A value whose fields are all plain (neither final nor volatile), so that only the channel's own
 * hand-off can make them visible to the receiver: a receiver that reads one of them before the
 * sender's writes would see a default (0, null) and report a torn value.
 */
final class Box {
    private static final String[] NAMES = {"zero", "one", "two", "three"};

    int id;
    long wide;
    String name;
    int[] pair;

    /** Writes every field with plain stores; {@code id} is 1..3. */
    Box(int id) {
        this.id = id;
        this.wide = id * 0x1_0000_0001L; // both 32-bit halves carry id: a torn long shows
        this.name = NAMES[id];
        this.pair = new int[] {id, id};
    }

    /**
     * What a reader sees: {@code id * 10 + n}, where {@code n} (0..4) counts the other fields that
     * agree with {@code id}. A whole box 1 reads 14; anything else is torn.
     */
    int seen() {
        int i = id;
        int n = 0;
        if (i > 0 && i < NAMES.length) {
            if (wide == i * 0x1_0000_0001L) {
                n++;
            }
            if (name == NAMES[i]) { // the very reference written, not an equal string
                n++;
            }
            int[] p = pair;
            if (p != null && p[0] == i) {
                n++;
            }
            if (p != null && p[1] == i) {
                n++;
            }
        }
        return i * 10 + n;
    }
}
