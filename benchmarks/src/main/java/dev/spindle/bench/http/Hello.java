package dev.spindle.bench.http;

import java.nio.charset.StandardCharsets;

/** The one response every server of {@code benchmarks/http/run.sh} sends. */
final class Hello {
    /** {@code Hello, World!}: 13 bytes. */
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    /** The same Content-Type for every server. */
    static final String CONTENT_TYPE = "text/plain";

    private Hello() {
    }
}
