package dev.transformers4j.core.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A glob over parameter names, for choosing parameters to look at, freeze or train ({@code encoder.layer.0.*},
 * {@code transformer.w*}, {@code shared.weight}): {@code *} stands for any characters, dots included, {@code ?}
 * for any one character; anything else matches itself. So a glob ending in {@code .*} selects every parameter
 * below a module.
 *
 * <p>It is a {@link ModulePattern} whose {@code *} may also span dots: {@code a*b} matches when the module
 * pattern {@code a*b} (no dot between) or {@code a*.**.*b} (one or more dots between) does, and {@code ?} when
 * {@code ?} or a literal dot does. Every match of a module pattern (hooks' {@code **}, {@code *} within a
 * segment) is also a match here.
 *
 * <p>A task model's parameters also match behind its base model's prefix (HF's {@code base_model_prefix}):
 * with prefix {@code bert}, {@code encoder.layer.0.*} selects {@code bert.encoder.layer.0.*}, as HF loads a base
 * checkpoint into a task model.
 */
public final class ParameterGlob {

    /** Each wildcard doubles the module patterns tried; more than this many is refused. */
    static final int MAX_WILDCARDS = 12;

    private final String text;
    private final List<ModulePattern> patterns;

    /** @throws IllegalArgumentException for a glob with more than 12 wildcards (runs of {@code *} count once) */
    public ParameterGlob(String glob) {
        this.text = glob;
        String collapsed = glob.replaceAll("\\*+", "*");
        if (collapsed.chars().filter(c -> c == '*' || c == '?').count() > MAX_WILDCARDS) {
            throw new IllegalArgumentException("parameter glob '" + glob + "': more than " + MAX_WILDCARDS
                    + " wildcards");
        }
        List<String> alternatives = new ArrayList<>();
        expand(collapsed, 0, new StringBuilder(), alternatives);
        this.patterns = alternatives.stream().filter(ParameterGlob::hasNoEmptySegment).map(ModulePattern::new)
                .toList();
    }

    /** Whether {@code name} (a dotted parameter name) matches. */
    public boolean matches(String name) {
        return patterns.stream().anyMatch(p -> p.matches(name));
    }

    /** Whether {@code name} matches, or matches once {@code basePrefix.} is taken off its start. */
    public boolean matches(String name, String basePrefix) {
        String prefix = basePrefix + ".";
        return matches(name) || !basePrefix.isEmpty() && name.startsWith(prefix)
                && matches(name.substring(prefix.length()));
    }

    /**
     * The parameters that {@code globs} name (all of them when there is none): glob by glob, each in the model's
     * order, a parameter kept once.
     *
     * @param basePrefix the model's {@code base_model_prefix} ({@code ""} for a base model)
     * @throws IllegalArgumentException {@code 'GLOB' matches no parameter (names look like 'NAME')}
     */
    public static Map<String, Parameter> select(Map<String, Parameter> parameters, String basePrefix,
                                                List<String> globs) {
        if (globs.isEmpty()) {
            return parameters;
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String g : globs) {
            ParameterGlob glob = new ParameterGlob(g);
            List<String> names = parameters.keySet().stream().filter(n -> glob.matches(n, basePrefix)).toList();
            if (names.isEmpty()) {
                String example = parameters.isEmpty() ? "" : parameters.keySet().iterator().next();
                throw new IllegalArgumentException("'" + g + "' matches no parameter (names look like '" + example
                        + "')");
            }
            names.forEach(n -> out.putIfAbsent(n, parameters.get(n)));
        }
        return out;
    }

    /** Every module pattern the glob stands for: each {@code *} within a segment or across dots, each {@code ?}. */
    private static void expand(String glob, int from, StringBuilder head, List<String> out) {
        int i = from;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        if (i == glob.length()) {
            out.add(head + glob.substring(from));
            return;
        }
        String literal = glob.substring(from, i);
        List<String> choices = glob.charAt(i) == '*' ? List.of("*", "*.**.*") : List.of("?", ".");
        for (String choice : choices) {
            expand(glob, i + 1, new StringBuilder(head).append(literal).append(choice), out);
        }
    }

    /** A name has no empty segment, so a pattern with one (a {@code ?} taken as a dot beside a dot) matches none. */
    private static boolean hasNoEmptySegment(String pattern) {
        return !pattern.isEmpty() && !pattern.startsWith(".") && !pattern.endsWith(".") && !pattern.contains("..");
    }

    @Override
    public String toString() {
        return text;
    }
}
