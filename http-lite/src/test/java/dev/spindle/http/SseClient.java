package dev.spindle.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket client of one event stream: sends a GET, reads the response head, then decodes the
 * body (chunked or close-delimited) and splits it into blocks (the lines up to a blank line) and
 * events, following the WHATWG parsing rules that matter here. Every read waits at most 10 s.
 */
final class SseClient implements AutoCloseable {
    /** A parsed event: fields as the browser would see them. */
    record Event(String type, String id, String data, Long retry) {
    }

    final Socket socket;
    private final InputStream in;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int status;
    private boolean chunked;
    /** Bytes left in the current chunk; 0 = read the next chunk-size line. */
    private long chunkLeft;
    /** The body ended with the last chunk (true), or the connection ended (false). */
    private boolean cleanEnd;
    private boolean ended;

    private SseClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects and sends {@code GET path HTTP/1.1} with {@code extraHeaders} (full lines, CRLF-ended). */
    static SseClient get(int port, String path, String extraHeaders) throws IOException {
        SseClient c = new SseClient(new Socket("127.0.0.1", port));
        c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n");
        c.readHead();
        return c;
    }

    /** Connects with a small receive buffer and sends the GET, without reading anything. */
    static SseClient slowReader(int port, String path, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        SseClient c = new SseClient(s);
        c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
        return c;
    }

    void send(String s) throws IOException {
        socket.getOutputStream().write(s.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads a response head (of the stream, or of a later response on the same connection). */
    void readHead() throws IOException {
        headers.clear();
        chunkLeft = 0;
        ended = false;
        cleanEnd = false;
        String statusLine = headLine();
        status = Integer.parseInt(statusLine.substring(9, 12));
        String l;
        while (!(l = headLine()).isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    }

    /** The body of a response with a Content-Length, after {@link #readHead()}. */
    String readFixedBody() throws IOException {
        int n = Integer.parseInt(header("Content-Length"));
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The next block: the lines before the next blank line; null at the end of the body. */
    List<String> nextBlock() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = bodyLine();
            if (line == null) {
                return lines.isEmpty() ? null : lines;
            }
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return lines;
                }
                continue;
            }
            lines.add(line);
        }
    }

    /** The next dispatched event (comment-only and retry-only blocks skipped); null at the end. */
    Event nextEvent() throws IOException {
        while (true) {
            List<String> block = nextBlock();
            if (block == null) {
                return null;
            }
            Event e = parse(block);
            if (e != null) {
                return e;
            }
        }
    }

    /** The WHATWG field rules for one block; null if it dispatches nothing (no data line). */
    static Event parse(List<String> block) {
        String type = null;
        String id = null;
        Long retry = null;
        StringBuilder data = null;
        for (String line : block) {
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (name) {
                case "event" -> type = value;
                case "id" -> id = value;
                case "retry" -> retry = Long.parseLong(value);
                case "data" -> data = (data == null ? new StringBuilder() : data.append('\n')).append(value);
                default -> throw new AssertionError("unknown field line " + line);
            }
        }
        return data == null ? null : new Event(type, id, data.toString(), retry);
    }

    /** Whether the body ended with the last chunk (a clean end) rather than a cut connection. */
    boolean endedCleanly() {
        return ended && cleanEnd;
    }

    /** Reads until the body ends; returns whether it ended cleanly. */
    boolean drainToEnd() throws IOException {
        while (bodyByte() >= 0) {
            // discard
        }
        return cleanEnd;
    }

    /** A body line ended by LF (the server writes LF only); null at the end of the body. */
    private String bodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = bodyByte();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                throw new IOException("CR in the event stream: the server writes LF line ends");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private int bodyByte() throws IOException {
        if (ended) {
            return -1;
        }
        if (!chunked) {
            int b = readOrReset();
            if (b < 0) {
                ended = true;
            }
            return b;
        }
        if (chunkLeft == 0) {
            String size;
            try {
                size = headLine();
            } catch (IOException cut) {
                ended = true;
                return -1;
            }
            chunkLeft = Long.parseLong(size.strip(), 16);
            if (chunkLeft == 0) {
                headLine(); // the CRLF after the last chunk (no trailers)
                ended = true;
                cleanEnd = true;
                return -1;
            }
        }
        int b = readOrReset();
        if (b < 0) {
            ended = true;
            return -1;
        }
        if (--chunkLeft == 0) {
            if (!headLine().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        return b;
    }

    private int readOrReset() throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketTimeoutException timeout) {
            throw timeout;
        } catch (IOException reset) {
            return -1;
        }
    }

    /** A CRLF-ended line of the head or of the chunked framing. */
    private String headLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = readOrReset();
            if (c < 0) {
                throw new IOException("connection closed in the middle of a line: " + sb);
            }
            if (c == '\n') {
                if (sb.isEmpty() || sb.charAt(sb.length() - 1) != '\r') {
                    throw new IOException("bare LF in the HTTP framing");
                }
                sb.setLength(sb.length() - 1);
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
