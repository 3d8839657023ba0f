package dev.transformers4j.train.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How sacreBLEU splits a segment into words before counting n-grams: {@code none} (split on whitespace only) or
 * {@code 13a}, the tokenizer of NIST's {@code mteval-v13a.pl} that WMT uses (sacreBLEU's default).
 */
public enum BleuTokenizer {

    /** The text as given, split on whitespace ({@code tokenize='none'}). */
    NONE("none"),
    /** mteval-v13a ({@code tokenize='13a'}): unescapes a few entities, splits off punctuation. */
    V13A("13a");

    // mteval-v13a's language-dependent part, as sacreBLEU's TokenizerRegexp applies it, in this order
    private static final Pattern PUNCTUATION = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private final String signature;

    BleuTokenizer(String signature) {
        this.signature = signature;
    }

    /** The name in sacreBLEU's signature ({@code tok:13a}). */
    public String signature() {
        return signature;
    }

    /** The words of one segment (already right-stripped and, if asked, lowercased). */
    public List<String> words(String segment) {
        return PythonText.split(this == NONE ? segment : tokenize13a(segment));
    }

    /**
     * mteval-v13a: drop {@code <skipped>}, join words hyphenated across lines, unescape {@code &quot; &amp; &lt;
     * &gt;} (in that order), then pad every ASCII punctuation mark except {@code ' - . ,} with spaces; a period or
     * comma is split off unless it sits between digits ({@code 3.14}, {@code 1,000} stay whole); a dash is split off
     * after a digit. Returns the words joined by single spaces.
     */
    public static String tokenize13a(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = " " + s + " ";
        s = PUNCTUATION.matcher(s).replaceAll(" $1 ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", PythonText.split(s));
    }
}
