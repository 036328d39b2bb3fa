package dev.spindle.http.internal;

import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import java.io.IOException;

/** The method check of handlers that only read (files, the debug page): GET and HEAD, else 405. */
final class ReadOnly {
    private ReadOnly() {
    }

    /**
     * Answers 405 with {@code Allow: GET, HEAD} unless the request is a GET or a HEAD.
     *
     * @return whether the request was refused (the response is sent)
     */
    static boolean refused(Request request, ResponseWriter response) throws IOException {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return false;
        }
        response.headers().set("Allow", "GET, HEAD");
        response.error(405, "405 method not allowed");
        return true;
    }
}
