package dev.spindle.http.internal;

/**
 * Validates a Host field value or an absolute-form authority: RFC 9110 section 7.2,
 * {@code uri-host [ ":" port ]}, where uri-host is an RFC 3986 reg-name, IPv4 address or
 * bracketed IP-literal. User info ({@code '@'}) is rejected, as RFC 9110 section 4.2.4 asks.
 */
final class HostValidator {
    private HostValidator() {
    }

    static boolean isValidAuthority(String s) {
        int i = 0;
        int n = s.length();
        if (n > 0 && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int j = 1; j < close; j++) {
                char c = s.charAt(j);
                if (!(Ascii.hexValue(c) >= 0 || c == ':' || c == '.' || Ascii.isRegNameChar(c))) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            while (i < n && s.charAt(i) != ':') {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= n || Ascii.hexValue(s.charAt(i + 1)) < 0 || Ascii.hexValue(s.charAt(i + 2)) < 0) {
                        return false;
                    }
                    i += 2;
                } else if (c >= 128 || !Ascii.isRegNameChar(c)) {
                    return false;
                }
                i++;
            }
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != ':') {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return n - i - 1 <= 5;
    }
}
