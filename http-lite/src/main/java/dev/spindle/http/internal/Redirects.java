package dev.spindle.http.internal;

/**
 * Helpers for redirects, as Go's {@code http.Redirect}: a relative location is resolved against
 * the request path's directory and cleaned, so the client gets an absolute path.
 */
public final class Redirects {
    private Redirects() {
    }

    /**
     * Resolves {@code location} against {@code requestPath}.
     *
     * @param requestPath the request's raw path
     * @param location an absolute URL, an absolute path or a relative path
     * @return the location to send
     * @throws IllegalArgumentException if {@code location} holds a control character
     */
    public static String resolve(String requestPath, String location) {
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("redirect location holds a control character at index " + i);
            }
        }
        if (location.startsWith("/") || hasScheme(location)) {
            return location;
        }
        String query = "";
        int q = location.indexOf('?');
        if (q >= 0) {
            query = location.substring(q);
            location = location.substring(0, q);
        }
        String dir = requestPath.isEmpty() ? "/" : requestPath.substring(0, requestPath.lastIndexOf('/') + 1);
        boolean trailing = location.endsWith("/") || location.isEmpty();
        String cleaned = Paths.clean(dir + location);
        if (trailing && !cleaned.endsWith("/")) {
            cleaned += "/";
        }
        return cleaned + query;
    }

    private static boolean hasScheme(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Escapes {@code &, <, >, ", '} for HTML.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
