package dev.spindle.http.internal;

/** Reason phrases of RFC 9110 section 15, for status lines and error bodies. */
public final class StatusText {
    private StatusText() {
    }

    /**
     * Checks a status a handler sets: the rule shared by every {@code ResponseWriter}.
     *
     * @param code the new status
     * @param committed whether the response is already committed
     * @param current the status set so far, for the message
     * @return {@code code}
     * @throws IllegalArgumentException if {@code code} is not in 200..999
     * @throws IllegalStateException if the response is committed
     */
    public static int checkSettable(int code, boolean committed, int current) {
        if (code < 200 || code > 999) {
            throw new IllegalArgumentException("status must be in 200..999, got " + code);
        }
        if (committed) {
            throw new IllegalStateException("status(" + code + ") after the response was committed with " + current);
        }
        return code;
    }

    /**
     * The reason phrase of {@code status}.
     *
     * @param status a status code
     * @return its phrase, or {@code "Status N"} for an unregistered code
     */
    public static String of(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
