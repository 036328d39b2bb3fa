package dev.spindle.http.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Go 1.22 routing pattern, {@code [METHOD ][HOST]/[PATH]}, parsed, and the relations between
 * patterns that decide precedence and conflicts; our form of Go's {@code net/http/pattern.go}.
 *
 * <p>Representation (as in Go): the path is a list of segments. A literal segment holds its
 * unescaped text; {@code {$}} is the literal segment {@code "/"}; {@code {name}} is a single
 * wildcard; {@code {name...}} is a multi wildcard; a trailing slash is an anonymous multi wildcard
 * (name {@code ""}). Invariants: only the last segment may be a multi wildcard or {@code "/"};
 * wildcard names are unique Java identifiers; {@code method} is {@code ""} (any) or a token;
 * {@code host} is {@code ""} (any) or lower-case.
 *
 * <p>Relations ({@link Relation}): P1 is more specific than P2 if P1 matches a strict subset of
 * P2's requests. Two patterns conflict if they have the same host and match a common request
 * without either being more specific ({@code EQUIVALENT} or {@code OVERLAPS}). As in Go, a
 * pattern with a host never conflicts with one without: the one with the host wins.
 */
public final class Pattern {
    /** How two patterns' sets of requests relate. */
    public enum Relation {
        /** They match the same requests. */
        EQUIVALENT,
        /** The first matches a strict superset of the second's requests. */
        MORE_GENERAL,
        /** The first matches a strict subset of the second's requests. */
        MORE_SPECIFIC,
        /** No request matches both. */
        DISJOINT,
        /** Some request matches both, and neither is more specific. */
        OVERLAPS
    }

    /**
     * One path segment.
     *
     * @param s the unescaped literal, {@code "/"} for {@code {$}}, or the wildcard's name
     * @param wild whether it is a wildcard
     * @param multi whether it is a multi wildcard (matches the rest of the path)
     */
    public record Segment(String s, boolean wild, boolean multi) {
    }

    private final String text;
    private final String method;
    private final String host;
    private final List<Segment> segments;
    /** The names of the wildcards, computed once (a match reads them on every request). */
    private final List<String> wildcardNames;

    private Pattern(String text, String method, String host, List<Segment> segments) {
        this.text = text;
        this.method = method;
        this.host = host;
        this.segments = segments;
        this.wildcardNames = names(segments);
    }

    /**
     * Parses a pattern.
     *
     * @param text the pattern, e.g. {@code "GET example.com/items/{id}"}
     * @return the pattern
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static Pattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty routing pattern");
        }
        String rest = text;
        String method = "";
        int space = indexOfBlank(rest);
        if (space >= 0) {
            method = rest.substring(0, space);
            rest = rest.substring(space).stripLeading();
            if (!Ascii.isToken(method)) {
                throw bad(text, "invalid method \"" + method + "\"");
            }
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad(text, "host/path missing /");
        }
        String host = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        if (host.indexOf('{') >= 0) {
            throw bad(text, "host contains '{' (missing initial '/'?)");
        }
        String path = rest.substring(slash);
        if (!Paths.isClean(path)) {
            throw bad(text, "non-canonical path (has '//', '.' or '..' segments); it could never match");
        }
        return new Pattern(text, method, host, segments(text, path));
    }

    private static List<Segment> segments(String text, String path) {
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String rest = path;
        while (!rest.isEmpty()) {
            rest = rest.substring(1);
            if (rest.isEmpty()) {
                segments.add(new Segment("", true, true));
                break;
            }
            int i = rest.indexOf('/');
            if (i < 0) {
                i = rest.length();
            }
            String seg = rest.substring(0, i);
            rest = rest.substring(i);
            int brace = seg.indexOf('{');
            if (brace < 0) {
                segments.add(new Segment(QueryParser.decode(seg, false), false, false));
                continue;
            }
            if (brace != 0) {
                throw bad(text, "bad wildcard segment \"" + seg + "\" (must start with '{')");
            }
            if (seg.charAt(seg.length() - 1) != '}') {
                throw bad(text, "bad wildcard segment \"" + seg + "\" (must end with '}')");
            }
            String name = seg.substring(1, seg.length() - 1);
            if (name.equals("$")) {
                if (!rest.isEmpty()) {
                    throw bad(text, "{$} not at end");
                }
                segments.add(new Segment("/", false, false));
                break;
            }
            boolean multi = name.endsWith("...");
            if (multi) {
                name = name.substring(0, name.length() - 3);
                if (!rest.isEmpty()) {
                    throw bad(text, "{" + name + "...} wildcard not at end");
                }
            }
            if (name.isEmpty()) {
                throw bad(text, "empty wildcard name");
            }
            if (!isIdentifier(name)) {
                throw bad(text, "bad wildcard name \"" + name + "\"");
            }
            if (!names.add(name)) {
                throw bad(text, "duplicate wildcard name \"" + name + "\"");
            }
            segments.add(new Segment(name, true, multi));
        }
        return List.copyOf(segments);
    }

    private static boolean isIdentifier(String name) {
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid routing pattern \"" + text + "\": " + why);
    }

    /**
     * Whether this pattern and {@code other} conflict: same host, and a request both match with
     * neither more specific.
     *
     * @param other the other pattern
     * @return {@code true} if registering both must fail
     */
    public boolean conflictsWith(Pattern other) {
        if (!host.equals(other.host)) {
            return false;
        }
        Relation r = compareMethodsAndPaths(other);
        return r == Relation.EQUIVALENT || r == Relation.OVERLAPS;
    }

    /**
     * How this pattern's requests relate to {@code other}'s, hosts aside.
     *
     * @param other the other pattern
     * @return the relation
     */
    public Relation compareMethodsAndPaths(Pattern other) {
        Relation m = compareMethods(other);
        if (m == Relation.DISJOINT) {
            return m;
        }
        return combine(m, comparePaths(other));
    }

    private Relation compareMethods(Pattern other) {
        if (method.equals(other.method)) {
            return Relation.EQUIVALENT;
        }
        if (method.isEmpty()) {
            return Relation.MORE_GENERAL;
        }
        if (other.method.isEmpty()) {
            return Relation.MORE_SPECIFIC;
        }
        if (method.equals("GET") && other.method.equals("HEAD")) {
            return Relation.MORE_GENERAL;
        }
        if (method.equals("HEAD") && other.method.equals("GET")) {
            return Relation.MORE_SPECIFIC;
        }
        return Relation.DISJOINT;
    }

    Relation comparePaths(Pattern other) {
        List<Segment> s1 = segments;
        List<Segment> s2 = other.segments;
        if (s1.size() != s2.size() && !last().multi() && !other.last().multi()) {
            return Relation.DISJOINT;
        }
        Relation rel = Relation.EQUIVALENT;
        int i = 0;
        for (; i < s1.size() && i < s2.size(); i++) {
            rel = combine(rel, compareSegments(s1.get(i), s2.get(i)));
            if (rel == Relation.DISJOINT) {
                return rel;
            }
        }
        if (i == s1.size() && i == s2.size()) {
            return rel;
        }
        if (s1.size() < s2.size() && last().multi()) {
            return combine(rel, Relation.MORE_GENERAL);
        }
        if (s2.size() < s1.size() && other.last().multi()) {
            return combine(rel, Relation.MORE_SPECIFIC);
        }
        return Relation.DISJOINT;
    }

    private static Relation compareSegments(Segment a, Segment b) {
        if (a.multi() && b.multi()) {
            return Relation.EQUIVALENT;
        }
        if (a.multi()) {
            return Relation.MORE_GENERAL;
        }
        if (b.multi()) {
            return Relation.MORE_SPECIFIC;
        }
        if (a.wild() && b.wild()) {
            return Relation.EQUIVALENT;
        }
        if (a.wild()) {
            return b.s().equals("/") ? Relation.DISJOINT : Relation.MORE_GENERAL;
        }
        if (b.wild()) {
            return a.s().equals("/") ? Relation.DISJOINT : Relation.MORE_SPECIFIC;
        }
        return a.s().equals(b.s()) ? Relation.EQUIVALENT : Relation.DISJOINT;
    }

    /** Go's combineRelationships: the relation of two patterns from the relations of two parts. */
    static Relation combine(Relation r1, Relation r2) {
        return switch (r1) {
            case EQUIVALENT -> r2;
            case DISJOINT -> Relation.DISJOINT;
            case OVERLAPS -> r2 == Relation.DISJOINT ? Relation.DISJOINT : Relation.OVERLAPS;
            case MORE_GENERAL, MORE_SPECIFIC -> {
                if (r2 == Relation.EQUIVALENT) {
                    yield r1;
                }
                if (r2 == inverse(r1)) {
                    yield Relation.OVERLAPS;
                }
                yield r2;
            }
        };
    }

    private static Relation inverse(Relation r) {
        return switch (r) {
            case MORE_GENERAL -> Relation.MORE_SPECIFIC;
            case MORE_SPECIFIC -> Relation.MORE_GENERAL;
            default -> r;
        };
    }

    /**
     * The pattern as registered.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The method, or {@code ""} for any.
     *
     * @return the method
     */
    public String method() {
        return method;
    }

    /**
     * The host (lower-case), or {@code ""} for any.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * The path segments.
     *
     * @return the segments, unmodifiable
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The last path segment.
     *
     * @return the segment
     */
    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    /**
     * The names of the wildcards, in path order (the anonymous trailing-slash wildcard excluded).
     *
     * @return the names, unmodifiable
     */
    public List<String> wildcardNames() {
        return wildcardNames;
    }

    private static List<String> names(List<Segment> segments) {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            if (s.wild() && !s.s().isEmpty()) {
                names.add(s.s());
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return text;
    }
}
