package dev.spindle.http.internal;

/**
 * Lexical path cleaning, as Go's {@code path.Clean}: collapses repeated slashes, removes
 * {@code .} segments, and resolves {@code ..} segments against the segment before them (never above
 * the root). Used for the router's redirect of unclean request paths and for redirects.
 */
public final class Paths {
    private Paths() {
    }

    /**
     * Cleans an absolute path. A trailing slash is kept, as Go's router does.
     *
     * @param path a path starting with {@code '/'} (a missing one is added)
     * @return the clean path
     */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String[] parts = path.split("/", -1);
        String[] out = new String[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (n > 0) {
                    n--;
                }
                continue;
            }
            out[n++] = part;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        boolean trailing = path.endsWith("/");
        if (sb.isEmpty() || trailing) {
            sb.append('/');
        }
        return sb.toString();
    }

    /**
     * Whether {@link #clean(String)} would change {@code path}, without allocating in the common
     * case of a clean path.
     *
     * @param path a raw request path starting with {@code '/'}
     * @return {@code true} if the path has an empty, {@code .} or {@code ..} segment
     */
    public static boolean isClean(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            int next = i + 1;
            if (next < n && path.charAt(next) == '/') {
                return false;
            }
            if (next < n && path.charAt(next) == '.') {
                int after = next + 1;
                if (after == n || path.charAt(after) == '/') {
                    return false;
                }
                if (path.charAt(after) == '.' && (after + 1 == n || path.charAt(after + 1) == '/')) {
                    return false;
                }
            }
        }
        return true;
    }
}
