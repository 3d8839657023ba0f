package dev.transformers4j.tokenizers.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One span {@code [start, end)} (UTF-16 indices) of a string and whether it matched a pattern. A
 * pattern's matches cover the whole string, alternating matched and unmatched spans, like HF's
 * {@code Pattern::find_matches}.
 */
public record Match(int start, int end, boolean matched) {

    /** Every code point satisfying {@code predicate} is its own match (HF's {@code Fn(char) -> bool} pattern). */
    public static List<Match> ofChars(String s, IntPredicate predicate) {
        List<Match> matches = new ArrayList<>();
        if (s.isEmpty()) {
            matches.add(new Match(0, 0, false));
            return matches;
        }
        int last = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (predicate.test(cp)) {
                if (last < i) {
                    matches.add(new Match(last, i, false));
                }
                matches.add(new Match(i, next, true));
                last = next;
            }
            i = next;
        }
        if (last < s.length()) {
            matches.add(new Match(last, s.length(), false));
        }
        return matches;
    }

    /** Every regex match is a match, the gaps between them are not (HF's {@code &Regex} pattern). */
    public static List<Match> ofRegex(String s, Pattern regex) {
        List<Match> matches = new ArrayList<>();
        if (s.isEmpty()) {
            matches.add(new Match(0, 0, false));
            return matches;
        }
        int prev = 0;
        Matcher m = regex.matcher(s);
        while (m.find()) {
            if (prev != m.start()) {
                matches.add(new Match(prev, m.start(), false));
            }
            matches.add(new Match(m.start(), m.end(), true));
            prev = m.end();
        }
        if (prev != s.length()) {
            matches.add(new Match(prev, s.length(), false));
        }
        return matches;
    }

    /** HF's {@code Invert}: the same spans with the matched flag flipped. */
    public static List<Match> invert(List<Match> matches) {
        return matches.stream().map(m -> new Match(m.start, m.end, !m.matched)).toList();
    }
}
