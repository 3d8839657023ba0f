package dev.transformers4j.train.metrics;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.split()} and {@code str.rstrip()}, whose whitespace differs from Java's (it includes NBSP). */
final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one character: Unicode White_Space, as CPython defines it. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code text.split()}: runs of whitespace separate the words; no empty words. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isSpace(text.charAt(i))) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** {@code text.rstrip()}. */
    static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
