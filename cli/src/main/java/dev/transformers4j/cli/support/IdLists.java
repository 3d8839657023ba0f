package dev.transformers4j.cli.support;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code --ids 101,7592,102} style options. */
public final class IdLists {

    private IdLists() {
    }

    public static int[] parse(String option, String text) {
        String[] parts = text.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": expected comma-separated integers but found '"
                        + parts[i].trim() + "' in '" + text + "'");
            }
        }
        return out;
    }

    public static List<int[]> parseAll(String option, List<String> texts) {
        List<int[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(parse(option, t));
        }
        return out;
    }
}
