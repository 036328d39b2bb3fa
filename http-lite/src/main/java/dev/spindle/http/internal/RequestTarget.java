package dev.spindle.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * Parses and validates a request-target (RFC 9112 section 3.2): origin-form {@code /path?query},
 * absolute-form {@code http://host/path?query}, and the asterisk-form {@code *}. The
 * authority-form is only for CONNECT, which this server does not implement (501).
 *
 * <p>Strict: every byte must be an RFC 3986 character allowed in its part; a {@code '%'} must be
 * followed by two hex digits; no fragment ({@code '#'}), no whitespace, no control or non-ASCII
 * byte; an absolute-form target must be {@code http} or {@code https}, without user info.
 *
 * @param path the raw path ({@code "*"} for the asterisk-form)
 * @param rawQuery the raw query, or {@code null}
 * @param authority the absolute-form's authority, or {@code null}
 */
record RequestTarget(String path, String rawQuery, String authority) {

    /** The target {@code /}, the most common one, shared. */
    private static final RequestTarget ROOT = new RequestTarget("/", null, null);

    static RequestTarget parse(byte[] b, int start, int end) throws HttpException {
        if (end - start == 1 && b[start] == '*') {
            return new RequestTarget("*", null, null);
        }
        if (b[start] == '/') {
            return end - start == 1 ? ROOT : originForm(b, start, end, null);
        }
        int colon = indexOf(b, start, end, (byte) ':');
        if (colon > start && colon + 2 < end && b[colon + 1] == '/' && b[colon + 2] == '/') {
            String scheme = latin1(b, start, colon);
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                throw HttpException.badRequest("bad-target", "absolute-form target with unsupported scheme: " + scheme);
            }
            int authStart = colon + 3;
            int authEnd = authStart;
            while (authEnd < end && b[authEnd] != '/' && b[authEnd] != '?') {
                authEnd++;
            }
            String authority = latin1(b, authStart, authEnd);
            if (!HostValidator.isValidAuthority(authority) || authority.isEmpty()) {
                throw HttpException.badRequest("bad-target", "invalid authority in absolute-form target");
            }
            if (authEnd == end) {
                return new RequestTarget("/", null, authority);
            }
            if (b[authEnd] == '?') {
                RequestTarget rest = originForm(b, authEnd, end, authority);
                return new RequestTarget("/", rest.rawQuery(), authority);
            }
            return originForm(b, authEnd, end, authority);
        }
        throw HttpException.badRequest("bad-target", "request-target is neither origin-form nor absolute-form");
    }

    private static RequestTarget originForm(byte[] b, int start, int end, String authority) throws HttpException {
        int query = -1;
        for (int i = start; i < end; i++) {
            int c = b[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= end || Ascii.hexValue(b[i + 1]) < 0 || Ascii.hexValue(b[i + 2]) < 0) {
                    throw HttpException.badRequest("bad-target", "malformed percent-encoding in request-target");
                }
                i += 2;
            } else if (!Ascii.isTargetChar(c)) {
                throw HttpException.badRequest("bad-target",
                        "invalid character (code " + c + ") in request-target");
            } else if (c == '?' && query < 0) {
                query = i;
            }
        }
        if (query < 0) {
            return new RequestTarget(latin1(b, start, end), null, authority);
        }
        String path = query == start ? "/" : latin1(b, start, query);
        return new RequestTarget(path, latin1(b, query + 1, end), authority);
    }

    private static int indexOf(byte[] b, int start, int end, byte c) {
        for (int i = start; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static String latin1(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
