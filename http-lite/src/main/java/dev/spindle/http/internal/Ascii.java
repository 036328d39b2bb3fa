package dev.spindle.http.internal;

/**
 * Character classes of RFC 9110 and RFC 3986, as lookup tables (no regex on the hot path).
 *
 * <p>Invariant: every table has 256 entries, so any byte (as {@code b & 0xff}) indexes it.
 */
public final class Ascii {
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] PCHAR = new boolean[256]; // pchar minus '%' plus '/' and '?'
    private static final boolean[] REG_NAME = new boolean[256];

    static {
        String tchar = "!#$%&'*+-.^_`|~";
        for (int c = 0; c < 128; c++) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            TOKEN[c] = alnum || tchar.indexOf(c) >= 0;
            boolean unreserved = alnum || "-._~".indexOf(c) >= 0;
            boolean subDelim = "!$&'()*+,;=".indexOf(c) >= 0;
            PCHAR[c] = unreserved || subDelim || ":@/?".indexOf(c) >= 0;
            REG_NAME[c] = unreserved || subDelim;
        }
    }

    private Ascii() {
    }

    /**
     * Whether {@code c} is an RFC 9110 {@code tchar}.
     *
     * @param c a char or byte value (0..255)
     * @return {@code true} if it may appear in a token
     */
    public static boolean isToken(int c) {
        return c >= 0 && c < 256 && TOKEN[c];
    }

    /**
     * Whether {@code c} may appear literally in a request-target's path or query (RFC 3986
     * {@code pchar}, {@code "/"}, {@code "?"}; {@code '%'} is checked separately).
     *
     * @param c a byte value (0..255)
     * @return {@code true} if allowed
     */
    public static boolean isTargetChar(int c) {
        return PCHAR[c & 0xff];
    }

    /**
     * Whether {@code c} may appear in an RFC 3986 {@code reg-name} (besides percent-encoding).
     *
     * @param c a byte value (0..255)
     * @return {@code true} if allowed
     */
    public static boolean isRegNameChar(int c) {
        return REG_NAME[c & 0xff];
    }

    /**
     * The value of a hexadecimal digit.
     *
     * @param c a byte value
     * @return 0..15, or -1 if {@code c} is not a hex digit
     */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Whether {@code s} is a non-empty token.
     *
     * @param s the string
     * @return {@code true} if every char is a tchar
     */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a Content-Length style number: 1 to 18 decimal digits, nothing else.
     *
     * @param s the text
     * @return the value, or -1 if {@code s} is not such a number
     */
    public static long parseLength(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Whether {@code s} is a field value {@code Headers} accepts as is: no control character but
     * horizontal tab, no char above 0xff, no leading or trailing whitespace.
     *
     * @param s the text, or {@code null}
     * @return {@code true} if so ({@code false} for {@code null})
     */
    public static boolean isFieldValue(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return n == 0 || !(isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(n - 1)));
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
