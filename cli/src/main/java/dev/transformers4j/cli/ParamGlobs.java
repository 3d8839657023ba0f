package dev.transformers4j.cli;

import dev.transformers4j.core.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code --param} globs of {@code t4j gradients}: {@code *} any characters (dots included), {@code ?} one
 * character; a glob also matches behind HF's base-model prefix ({@code encoder.layer.0.*} matches
 * {@code bert.encoder.layer.0.*}, {@code shared.weight} matches Marian's {@code model.shared.weight}).
 */
final class ParamGlobs {

    /** HF's base-model prefixes ({@code base_model_prefix}) of BERT, GPT-2 and Marian. */
    private static final List<String> BASE_PREFIXES = List.of("bert.", "transformer.", "model.");

    private ParamGlobs() {
    }

    /** The parameters that {@code --param} names (all when none is given), in the model's order. */
    static Map<String, Parameter> select(List<String> params, Map<String, Parameter> all) {
        if (params.isEmpty()) {
            return all;
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String pattern : params) {
            Pattern glob = glob(pattern);
            int before = out.size();
            all.forEach((name, p) -> {
                if (matches(glob, name)) {
                    out.put(name, p);
                }
            });
            if (out.size() == before && all.keySet().stream().noneMatch(n -> matches(glob, n))) {
                throw new IllegalArgumentException("--param '" + pattern + "' matches no parameter (names look like '"
                        + all.keySet().iterator().next() + "')");
            }
        }
        return out;
    }

    private static boolean matches(Pattern glob, String name) {
        if (glob.matcher(name).matches()) {
            return true;
        }
        return BASE_PREFIXES.stream().anyMatch(p -> name.startsWith(p) && glob.matcher(name.substring(p.length())).matches());
    }

    /** {@code *} any characters (dots included), {@code ?} one character, everything else literal. */
    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (String part : g.split("(?=[*?])|(?<=[*?])")) {
            re.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(re.toString());
    }
}
