package dev.spindle.http.internal;

import java.io.IOException;

/**
 * Parses one request head from an {@link HttpInput}: the request line (RFC 9112 section 3) and the
 * field lines (section 5), then hands the fields to {@link MessageFraming} for the semantic checks.
 *
 * <p>Strict where the RFC allows a choice, because a lenient parser in front of or behind another
 * server is how requests get smuggled: single SP between request-line parts; CR LF line ends; no
 * whitespace between a field name and its colon; no obs-fold (a field line starting with
 * whitespace); no control character (NUL, bare CR, DEL, ...) anywhere but HTAB in a field value.
 * Up to {@value #MAX_LEADING_EMPTY_LINES} empty lines before a request line are skipped, as
 * section 2.2 asks.
 *
 * <p>Statuses: a request line longer than the limit is 414; a header section over its byte or
 * field-count limit is 431; a version other than 1.x is 505; all other malformations are 400.
 */
public final class RequestParser {
    static final int MAX_LEADING_EMPTY_LINES = 4;

    private RequestParser() {
    }

    /**
     * Reads and validates one request head.
     *
     * @param in the connection's input, positioned at the start of a request
     * @param config the limits
     * @param fields the connection's field table, which the head's fields are read into
     * @return the head, or {@code null} if the stream ended cleanly before a request began
     * @throws HttpException if the head is malformed or over a limit
     * @throws IOException if the socket fails or the deadline passes
     */
    public static RequestHead parse(HttpInput in, ServerConfig config, FieldTable fields) throws IOException {
        int lf;
        int empty = 0;
        while (true) {
            lf = LineReader.findLineEnd(in, config.maxRequestLineBytes() + 2, true);
            if (lf == LineReader.TOO_LONG) {
                throw new HttpException(414, "uri-too-long",
                        "request line longer than " + config.maxRequestLineBytes() + " bytes");
            }
            if (lf < 0) {
                return null;
            }
            if (lf - in.pos() == 1 && empty < MAX_LEADING_EMPTY_LINES) {
                LineReader.consume(in, lf);
                empty++;
                continue;
            }
            break;
        }
        byte[] b = in.buffer();
        int start = in.pos();
        int end = lf - 1;
        int sp1 = indexOfSpace(b, start, end);
        if (sp1 <= start) {
            throw HttpException.badRequest("bad-request-line", "request line has no method");
        }
        int sp2 = indexOfSpace(b, sp1 + 1, end);
        if (sp2 < 0 || sp2 == sp1 + 1) {
            throw HttpException.badRequest("bad-request-line",
                    "request line is not \"method SP request-target SP HTTP-version\"");
        }
        String method = method(b, start, sp1);
        if (method.equals("CONNECT")) {
            throw new HttpException(501, "not-implemented", "CONNECT is not implemented");
        }
        RequestTarget target = RequestTarget.parse(b, sp1 + 1, sp2);
        String rawTarget = target.rawQuery() == null && target.authority() == null && sp2 - sp1 - 1 == target.path().length()
                ? target.path() : RequestTarget.latin1(b, sp1 + 1, sp2);
        boolean http11 = version(b, sp2 + 1, end);
        LineReader.consume(in, lf);

        fields.start();
        readFields(in, config, fields, false);
        return MessageFraming.head(method, rawTarget, target, http11, fields.finish(), fields.known, config);
    }

    /**
     * Reads field lines up to and including the empty line that ends them: the header section, or
     * the trailer section of a chunked body.
     *
     * @param in the input
     * @param config the limits (header bytes and count)
     * @param into where to add the fields, {@linkplain FieldTable#start() started}
     * @param trailer whether this is a trailer section (its framing fields are not noted)
     * @throws HttpException if a line is malformed or a limit is passed
     * @throws IOException if the socket fails or the deadline passes
     */
    static void readFields(HttpInput in, ServerConfig config, FieldTable into, boolean trailer) throws IOException {
        int budget = config.maxHeaderBytes() + 2;
        int count = 0;
        while (true) {
            int lf = LineReader.findLineEnd(in, budget, false);
            if (lf == LineReader.TOO_LONG) {
                throw new HttpException(431, "header-too-large",
                        section(trailer) + " larger than " + config.maxHeaderBytes() + " bytes");
            }
            int start = in.pos();
            int length = lf + 1 - start;
            budget -= length;
            if (length == 2) {
                LineReader.consume(in, lf);
                return;
            }
            if (++count > config.maxHeaderCount()) {
                throw new HttpException(431, "too-many-headers",
                        section(trailer) + " has more than " + config.maxHeaderCount() + " fields");
            }
            field(in.buffer(), start, lf - 1, into, trailer);
            LineReader.consume(in, lf);
        }
    }

    private static String section(boolean trailer) {
        return trailer ? "trailer section" : "header section";
    }

    private static void field(byte[] b, int start, int end, FieldTable into, boolean trailer) throws HttpException {
        if (b[start] == ' ' || b[start] == '\t') {
            throw HttpException.badRequest("obs-fold", "obsolete line folding (a field line starting with whitespace)");
        }
        int colon = start;
        while (colon < end && b[colon] != ':') {
            int c = b[colon] & 0xff;
            if (c == ' ' || c == '\t') {
                throw HttpException.badRequest("bad-header", "whitespace between a field name and its colon");
            }
            if (!Ascii.isToken(c)) {
                throw HttpException.badRequest("bad-header", "invalid character (code " + c + ") in a field name");
            }
            colon++;
        }
        if (colon == end) {
            throw HttpException.badRequest("bad-header", "field line without a colon");
        }
        if (colon == start) {
            throw HttpException.badRequest("bad-header", "field line with an empty name");
        }
        int vs = colon + 1;
        int ve = end;
        while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
            ve--;
        }
        for (int i = vs; i < ve; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw HttpException.badRequest("bad-header",
                        "control character (code " + c + ") in the value of a field");
            }
        }
        String name = into.name(b, start, colon);
        String value = into.value(b, vs, ve);
        into.add(name, value);
        if (!trailer) {
            int kind = KnownFields.kind(b, start, colon);
            if (kind != KnownFields.OTHER) {
                into.known.note(kind, value);
            }
        }
    }

    private static String method(byte[] b, int start, int end) throws HttpException {
        for (int i = start; i < end; i++) {
            if (!Ascii.isToken(b[i] & 0xff)) {
                throw HttpException.badRequest("bad-method", "invalid character (code " + (b[i] & 0xff) + ") in the method");
            }
        }
        return switch (end - start) {
            case 3 -> b[start] == 'G' && b[start + 1] == 'E' && b[start + 2] == 'T' ? "GET"
                    : b[start] == 'P' && b[start + 1] == 'U' && b[start + 2] == 'T' ? "PUT"
                    : RequestTarget.latin1(b, start, end);
            case 4 -> b[start] == 'P' && b[start + 1] == 'O' && b[start + 2] == 'S' && b[start + 3] == 'T' ? "POST"
                    : b[start] == 'H' && b[start + 1] == 'E' && b[start + 2] == 'A' && b[start + 3] == 'D' ? "HEAD"
                    : RequestTarget.latin1(b, start, end);
            default -> RequestTarget.latin1(b, start, end);
        };
    }

    /** HTTP-version = "HTTP" "/" DIGIT "." DIGIT; returns true for 1.1 (and 1.x, x &gt; 1). */
    private static boolean version(byte[] b, int start, int end) throws HttpException {
        if (end - start != 8 || b[start] != 'H' || b[start + 1] != 'T' || b[start + 2] != 'T'
                || b[start + 3] != 'P' || b[start + 4] != '/' || !digit(b[start + 5])
                || b[start + 6] != '.' || !digit(b[start + 7])) {
            throw HttpException.badRequest("bad-version", "malformed HTTP-version in the request line");
        }
        if (b[start + 5] != '1') {
            throw new HttpException(505, "version-not-supported",
                    "HTTP/" + (char) b[start + 5] + "." + (char) b[start + 7] + " is not supported; use HTTP/1.1");
        }
        return b[start + 7] != '0';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int indexOfSpace(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
