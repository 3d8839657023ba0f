package dev.transformers4j.tokenizers.text;

import java.util.ArrayList;
import java.util.List;

/** The span arithmetic of HF's {@code NormalizedString::split} for each {@link SplitBehavior}. */
final class Splitting {
    private Splitting() {
    }

    /** The spans to cut, each flagged {@code true} when it must be dropped. */
    static List<Match> spans(List<Match> matches, SplitBehavior behavior) {
        return switch (behavior) {
            case ISOLATED -> matches.stream().map(m -> new Match(m.start(), m.end(), false)).toList();
            case REMOVED -> matches;
            case CONTIGUOUS -> contiguous(matches);
            case MERGED_WITH_PREVIOUS -> mergedWithPrevious(matches);
            case MERGED_WITH_NEXT -> mergedWithNext(matches);
        };
    }

    private static List<Match> contiguous(List<Match> matches) {
        List<Match> out = new ArrayList<>();
        boolean previousMatch = false;
        for (Match m : matches) {
            if (m.matched() == previousMatch && !out.isEmpty()) {
                Match last = out.removeLast();
                out.add(new Match(last.start(), m.end(), false));
            } else {
                out.add(new Match(m.start(), m.end(), false));
            }
            previousMatch = m.matched();
        }
        return out;
    }

    private static List<Match> mergedWithPrevious(List<Match> matches) {
        List<Match> out = new ArrayList<>();
        boolean previousMatch = false;
        for (Match m : matches) {
            if (m.matched() && !previousMatch && !out.isEmpty()) {
                Match last = out.removeLast();
                out.add(new Match(last.start(), m.end(), false));
            } else {
                out.add(new Match(m.start(), m.end(), false));
            }
            previousMatch = m.matched();
        }
        return out;
    }

    private static List<Match> mergedWithNext(List<Match> matches) {
        List<Match> out = new ArrayList<>();
        boolean previousMatch = false;
        for (Match m : matches.reversed()) {
            if (m.matched() && !previousMatch && !out.isEmpty()) {
                Match last = out.removeLast();
                out.add(new Match(m.start(), last.end(), false));
            } else {
                out.add(new Match(m.start(), m.end(), false));
            }
            previousMatch = m.matched();
        }
        return out.reversed();
    }
}
