package dev.spindle.http.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event: one request served, from the moment its head was parsed to the end of its response
 * (the handler, the body drain and the write). Off unless a recording enables it; by default only
 * requests of 20 ms or more are kept, like the JDK's socket events.
 */
@Name("dev.spindle.HttpRequest")
@Label("HTTP Request")
@Category({"Spindle", "HTTP"})
@Description("A request served by http-lite: method, route pattern, path, status")
@Threshold("20 ms")
@StackTrace(false)
final class HttpRequestEvent extends jdk.jfr.Event {
    @Label("Method")
    String method;

    @Label("Route")
    @Description("The pattern of the route that served it; null when none matched")
    String route;

    @Label("Path")
    String path;

    @Label("Status")
    int status;

    @Label("Exception")
    @Description("What the handler threw, if it threw")
    Class<?> exception;
}
