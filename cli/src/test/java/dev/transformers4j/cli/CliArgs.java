package dev.transformers4j.cli;

import java.util.ArrayList;
import java.util.List;

/** Command lines for tests: a base list of flags, some of them replaced. */
final class CliArgs {

    private CliArgs() {
    }

    /**
     * {@code base} with each {@code --flag [value]} of {@code overrides} replacing the flag's value in {@code base},
     * or appended when {@code base} has no such flag (a flag without a value is one not followed by a value).
     */
    static String[] with(List<String> base, String... overrides) {
        List<String> out = new ArrayList<>(base);
        for (int i = 0; i < overrides.length; i++) {
            String flag = overrides[i];
            boolean hasValue = i + 1 < overrides.length && !overrides[i + 1].startsWith("--");
            int at = out.indexOf(flag);
            if (at >= 0 && hasValue) {
                out.set(at + 1, overrides[++i]);
            } else if (at < 0) {
                out.add(flag);
                if (hasValue) {
                    out.add(overrides[++i]);
                }
            }
        }
        return out.toArray(String[]::new);
    }
}
