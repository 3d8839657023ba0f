package dev.transformers4j.core.nn;

import java.util.regex.Pattern;

/**
 * A glob over dotted module names, matched segment by segment: {@code *} stands for any characters within one
 * segment ({@code encoder.layer.*.attention.self}, {@code h.1*}), {@code ?} for one character, and a segment that
 * is exactly {@code **} for any number of segments, none included ({@code **.mlp}, {@code **} = every module,
 * the root too). Anything else matches itself. The empty pattern names the root module.
 */
public final class ModulePattern {

    private final String text;
    private final String[] segments;
    private final Pattern[] globs;        // null for "**"

    public ModulePattern(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("module pattern: expected a dotted name or glob but was null");
        }
        this.text = pattern;
        this.segments = split(pattern);
        this.globs = new Pattern[segments.length];
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                throw new IllegalArgumentException("module pattern '" + pattern + "': empty segment (two dots,"
                        + " or a dot at an end)");
            }
            globs[i] = segments[i].equals("**") ? null : Pattern.compile(toRegex(segments[i]));
        }
    }

    /** Whether {@code name} (a dotted module path, {@code ""} for the root) matches. */
    public boolean matches(String name) {
        return matches(0, split(name), 0);
    }

    private boolean matches(int p, String[] name, int n) {
        if (p == segments.length) {
            return n == name.length;
        }
        if (globs[p] == null) {                                   // "**": zero or more segments
            for (int skip = n; skip <= name.length; skip++) {
                if (matches(p + 1, name, skip)) {
                    return true;
                }
            }
            return false;
        }
        return n < name.length && globs[p].matcher(name[n]).matches() && matches(p + 1, name, n + 1);
    }

    private static String[] split(String dotted) {
        return dotted.isEmpty() ? new String[0] : dotted.split("\\.", -1);
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^.]*");
                case '?' -> re.append("[^.]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
