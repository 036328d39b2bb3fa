package dev.spindle.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes percent-encoding and {@code application/x-www-form-urlencoded} queries. */
public final class QueryParser {
    private QueryParser() {
    }

    /**
     * Parses a raw query into decoded name-value lists.
     *
     * @param rawQuery the raw query, or {@code null}
     * @return the parameters, unmodifiable
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(params);
    }

    /**
     * Percent-decodes {@code s} as UTF-8; a malformed escape is kept literally.
     *
     * @param s the encoded text
     * @param plusIsSpace whether {@code '+'} means a space (query) or itself (path)
     * @return the decoded text
     */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Ascii.hexValue(s.charAt(i + 1)) >= 0
                    && Ascii.hexValue(s.charAt(i + 2)) >= 0) {
                out.write(Ascii.hexValue(s.charAt(i + 1)) * 16 + Ascii.hexValue(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
