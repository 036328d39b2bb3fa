package dev.spindle.examples.shop;

import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's page for browsers: {@code index.html}, {@code shop.css} and {@code shop.js} from this
 * package's resources ({@code src/main/resources/dev/spindle/examples/shop/page/}), plain files with
 * no build step and nothing fetched from elsewhere, so the page works offline.
 *
 * <p>The gateway answers {@code GET /} with the page when {@link #wantsHtml} says the client prefers
 * HTML (a browser), and with its JSON list of services otherwise (curl, scripts): same address, the
 * choice made by {@code Accept} (RFC 9110 §12.5.1), and {@code Vary: Accept} on both answers so no
 * cache mixes them up.
 *
 * <p>The files are read once, at start-up; every answer carries a Content-Security-Policy that
 * allows only this origin's scripts, styles and connections (no inline script), as a second line
 * of defence behind the page's own rule of inserting server data with {@code textContent} only.
 */
final class ShopPage {
    /** The page's files by the path they are served at, with their content types. */
    private static final Map<String, String> FILES = Map.of(
            "/", "text/html; charset=utf-8",
            "/shop.css", "text/css; charset=utf-8",
            "/shop.js", "text/javascript; charset=utf-8");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, byte[]> bodies;

    private ShopPage(Map<String, byte[]> bodies) {
        this.bodies = bodies;
    }

    /**
     * Reads the page's files from the class path.
     *
     * @throws IllegalStateException if one is missing from the build
     */
    static ShopPage load() {
        return new ShopPage(Map.of(
                "/", resource("index.html"),
                "/shop.css", resource("shop.css"),
                "/shop.js", resource("shop.js")));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ShopPage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the shop page's " + name + " is not on the class path (page/"
                        + name + " next to " + ShopPage.class.getName() + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths this serves, each to be routed as {@code GET <path>} (the page itself at {@code /}). */
    static Iterable<String> paths() {
        return FILES.keySet();
    }

    /** Answers with the file served at {@code path}, one of {@link #paths()}. */
    void serve(String path, ResponseWriter response) throws IOException {
        byte[] body = bodies.get(path);
        if (body == null) {
            throw new IllegalArgumentException("the shop page has no file at " + path);
        }
        response.headers().set("Content-Security-Policy", CSP);
        response.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().set("Cache-Control", "no-cache");
        response.bytes(200, FILES.get(path), body);
    }

    /**
     * Whether the client prefers HTML to JSON: its {@code Accept} lists {@code text/html} with a
     * quality above zero and at least that of {@code application/json}. A browser's navigation
     * does; curl's {@code *}{@code /*}, no {@code Accept} at all, or {@code application/json} do not
     * (wildcards count for neither, so a client that accepts anything keeps the JSON it always got).
     */
    static boolean wantsHtml(Optional<String> accept) {
        if (accept.isEmpty()) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.get().split(",", -1)) {
            String[] parts = range.split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }

    /** The {@code q} parameter of a media range, 1 if absent, 0 if malformed (RFC 9110 §12.4.2). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(param.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
