package dev.spindle.http.internal;

import java.util.List;
import java.util.Locale;

/**
 * The semantic checks of a request head that decide how its body is framed and whether the
 * connection stays open (RFC 9112 sections 6, 7 and 9; RFC 9110 sections 7.2, 8.6, 10.1.1).
 *
 * <p>Rejected with 400: Content-Length together with Transfer-Encoding; a malformed Content-Length,
 * or several that differ (identical repeats, as fields or as a list, are accepted as one value);
 * Transfer-Encoding in an HTTP/1.0 request; a malformed or empty Transfer-Encoding, or one with
 * {@code chunked} twice; a missing Host in HTTP/1.1, more than one Host, or an invalid one.
 * Rejected with 501: any transfer coding other than {@code chunked}, wherever it stands (RFC 9112
 * section 6.1: a server SHOULD answer 501 to a coding it does not understand; Go does too), which
 * also covers a final coding that is not {@code chunked}; CONNECT is refused with 501 by the parser. Rejected with 413: a Content-Length above the body limit.
 * Rejected with 417: an Expect other than {@code 100-continue}.
 */
final class MessageFraming {
    private MessageFraming() {
    }

    static RequestHead head(String method, String rawTarget, RequestTarget target, boolean http11,
                            String[] fields, KnownFields known, ServerConfig config) throws HttpException {
        if (target.path().equals("*") && !method.equals("OPTIONS")) {
            throw HttpException.badRequest("bad-target", "the asterisk-form target is only for OPTIONS");
        }
        String host = host(known, http11, target);
        List<String> te = known.all(KnownFields.TRANSFER_ENCODING, fields);
        List<String> cl = known.all(KnownFields.CONTENT_LENGTH, fields);
        boolean chunked = false;
        long length = 0;
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw HttpException.badRequest("cl-and-te", "Content-Length together with Transfer-Encoding");
            }
            if (!http11) {
                throw HttpException.badRequest("te-in-http10", "Transfer-Encoding in an HTTP/1.0 request");
            }
            chunked = transferCodings(te);
            length = -1;
        } else if (!cl.isEmpty()) {
            length = contentLength(cl);
        }
        if (length > config.maxBodyBytes()) {
            throw new HttpException(413, "body-too-large", "Content-Length " + length
                    + " is larger than the limit of " + config.maxBodyBytes() + " bytes");
        }
        boolean keepAlive = keepAlive(known.all(KnownFields.CONNECTION, fields), http11);
        boolean expectContinue = expectContinue(known.all(KnownFields.EXPECT, fields), http11);
        return new RequestHead(method, rawTarget, target.path(), target.rawQuery(), http11, fields,
                host, length, chunked, keepAlive, expectContinue);
    }

    private static String host(KnownFields known, boolean http11, RequestTarget target) throws HttpException {
        if (known.count(KnownFields.HOST) > 1) {
            throw HttpException.badRequest("bad-host", "more than one Host field");
        }
        String host = known.first(KnownFields.HOST);
        if (host == null) {
            if (http11) {
                throw HttpException.badRequest("missing-host", "HTTP/1.1 request without a Host field");
            }
            return target.authority() != null ? target.authority() : "";
        }
        if (!HostValidator.isValidAuthority(host)) {
            throw HttpException.badRequest("bad-host", "invalid Host field value");
        }
        return target.authority() != null ? target.authority() : host;
    }

    /** Returns true (chunked) or throws: the only framing we implement is a final chunked. */
    private static boolean transferCodings(List<String> fields) throws HttpException {
        int count = 0;
        boolean chunkedSeen = false;
        String unknown = null;
        for (String field : fields) {
            for (String element : field.split(",", -1)) {
                String coding = element.strip();
                int semi = coding.indexOf(';');
                if (semi >= 0) {
                    coding = coding.substring(0, semi).strip();
                }
                if (coding.isEmpty()) {
                    continue;
                }
                if (!Ascii.isToken(coding)) {
                    throw HttpException.badRequest("bad-transfer-encoding", "malformed Transfer-Encoding");
                }
                coding = coding.toLowerCase(Locale.ROOT);
                count++;
                if (coding.equals("chunked")) {
                    if (chunkedSeen) {
                        throw HttpException.badRequest("bad-transfer-encoding", "chunked applied more than once");
                    }
                    chunkedSeen = true;
                } else if (unknown == null) {
                    unknown = coding;
                }
            }
        }
        if (count == 0) {
            throw HttpException.badRequest("bad-transfer-encoding", "empty Transfer-Encoding");
        }
        if (unknown != null) {
            throw new HttpException(501, "unsupported-transfer-coding",
                    "transfer coding \"" + unknown + "\" is not implemented");
        }
        // Only chunked is known and it appeared once, so the list is exactly "chunked": it is final.
        return true;
    }

    private static long contentLength(List<String> fields) throws HttpException {
        long value = -1;
        for (String field : fields) {
            for (String element : field.split(",", -1)) {
                long v = parseLength(element.strip());
                if (value >= 0 && v != value) {
                    throw HttpException.badRequest("bad-content-length", "differing Content-Length values");
                }
                value = v;
            }
        }
        return value;
    }

    private static long parseLength(String s) throws HttpException {
        long v = Ascii.parseLength(s);
        if (v < 0) {
            throw HttpException.badRequest("bad-content-length", "Content-Length is not a decimal number below 10^18");
        }
        return v;
    }

    private static boolean keepAlive(List<String> connection, boolean http11) {
        boolean close = false;
        boolean keepAlive = false;
        for (String field : connection) {
            for (String option : field.split(",", -1)) {
                String o = option.strip();
                if (o.equalsIgnoreCase("close")) {
                    close = true;
                } else if (o.equalsIgnoreCase("keep-alive")) {
                    keepAlive = true;
                }
            }
        }
        if (close) {
            return false;
        }
        return http11 || keepAlive;
    }

    private static boolean expectContinue(List<String> expect, boolean http11) throws HttpException {
        if (expect.isEmpty() || !http11) {
            return false; // RFC 9110 10.1.1: a server MUST ignore 100-continue in an HTTP/1.0 request
        }
        for (String e : expect) {
            if (!e.equalsIgnoreCase("100-continue")) {
                throw new HttpException(417, "expectation-failed", "unsupported expectation");
            }
        }
        return true;
    }
}
