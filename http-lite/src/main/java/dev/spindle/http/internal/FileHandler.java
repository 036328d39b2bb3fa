package dev.spindle.http.internal;

import dev.spindle.http.Handler;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Serves files under a root directory; behind {@code Handler.files(Path)}.
 *
 * <p>Containment, in layers: (1) the raw path may not hold an encoded slash, backslash or NUL
 * ({@code %2F}, {@code %5C}, {@code %00}: 404, 400 for NUL); (2) after decoding, no segment may be
 * {@code .} or {@code ..} and no backslash may appear (404); (3) the resolved path, normalized,
 * must be under the root; (4) its real path (symbolic links followed) must be under the root's
 * real path (404 otherwise). Invariant: {@code root} is a real path, fixed at creation.
 */
public final class FileHandler implements Handler {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("xml", "text/xml; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"), Map.entry("csv", "text/csv; charset=utf-8"));

    private final Path root;

    private FileHandler(Path root) {
        this.root = root;
    }

    /**
     * Creates the handler.
     *
     * @param root the directory to serve
     * @return the handler
     * @throws IllegalArgumentException if {@code root} is not a readable directory
     */
    public static FileHandler create(Path root) {
        java.util.Objects.requireNonNull(root, "root");
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real) || !Files.isReadable(real)) {
                throw new IllegalArgumentException("files root is not a readable directory: " + root);
            }
            return new FileHandler(real);
        } catch (IOException e) {
            throw new IllegalArgumentException("files root cannot be resolved: " + root + " (" + e + ")", e);
        }
    }

    @Override
    public void serve(Request request, ResponseWriter response) throws IOException {
        if (ReadOnly.refused(request, response)) {
            return;
        }
        String raw = request.path().toLowerCase(Locale.ROOT);
        if (raw.contains("%00")) {
            response.error(400, "400 bad request");
            return;
        }
        if (raw.contains("%2f") || raw.contains("%5c")) {
            response.error(404, "404 page not found");
            return;
        }
        String relative = RoutedRequest.restValue(request);
        if (relative == null) {
            relative = QueryParser.decode(request.path(), false);
        }
        Path file = resolve(relative);
        if (file == null) {
            response.error(404, "404 page not found");
            return;
        }
        send(request, response, file);
    }

    /** Returns the real file under the root for {@code relative}, or null if there is none. */
    private Path resolve(String relative) throws IOException {
        if (relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0) {
            return null;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        String stripped = relative.startsWith("/") ? relative.substring(1) : relative;
        Path candidate;
        try {
            candidate = root.resolve(stripped).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (!candidate.startsWith(root)) {
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                return null;
            }
            if (Files.isDirectory(real)) {
                Path index = real.resolve("index.html");
                if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                return index;
            }
            return Files.isRegularFile(real) && Files.isReadable(real) ? real : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void send(Request request, ResponseWriter response, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        response.headers().set("Last-Modified", HttpDate.format(modified));
        String since = request.headers().firstOrNull("If-Modified-Since");
        if (since != null && notModifiedSince(since, modified)) {
            response.status(304);
            return;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        response.headers().set("Content-Type", type == null ? "application/octet-stream" : type);
        response.headers().set("Content-Length", Long.toString(attributes.size()));
        if (request.method().equals("HEAD")) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            OutputStream out = response.body();
            in.transferTo(out);
        }
    }

    private static boolean notModifiedSince(String header, Instant modified) {
        try {
            Instant since = ZonedDateTime.parse(header, HttpDate.FORMAT).toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
