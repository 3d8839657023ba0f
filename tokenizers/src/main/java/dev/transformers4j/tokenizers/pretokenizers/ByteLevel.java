package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.BytesToUnicode;
import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.NormalizedString;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;
import dev.transformers4j.tokenizers.text.Utf8;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HF's {@code ByteLevel} pre-tokenizer (GPT-2 §2.2): words are cut with GPT-2's regex, then every word
 * is rewritten as its UTF-8 bytes in the {@link BytesToUnicode} alphabet ({@code " world"} →
 * {@code "Ġworld"}), each byte character aligned to the character it came from.
 *
 * <p>The regex keeps a single leading space with the word after it, splits off English contractions,
 * and leaves a whitespace run before a word without its last space ({@code \s+(?!\S)}), so that the
 * word gets it. {@code \p{L}}, {@code \p{N}} and {@code \s} (with {@link Pattern#UNICODE_CHARACTER_CLASS}:
 * the White_Space property) classify every code point as HF's Oniguruma regex does — checked over all
 * code points against HF (Java 25 and DJL's tokenizers both use Unicode 16).
 *
 * @param addPrefixSpace put a space before each piece of text that does not start with one, so that
 *                       the first word is tokenized like the others
 * @param useRegex       split with the regex; {@code false}: only map to bytes (an earlier
 *                       {@code Split} did the cutting)
 */
public record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
    /** GPT-2's pre-tokenization pattern ({@code encoder.py}), as HF uses it. */
    public static final Pattern GPT2_PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** GPT-2's: no prefix space, split with the regex. */
    public static ByteLevel gpt2() {
        return new ByteLevel(false, true);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.splitNormalized(s -> {
            if (addPrefixSpace && !s.get().startsWith(" ")) {
                s.prepend(" ");
            }
            return useRegex ? s.split(Match.ofRegex(s.get(), GPT2_PATTERN), SplitBehavior.ISOLATED) : List.of(s);
        });
        text.normalize(ByteLevel::toBytes);
    }

    /** Each code point becomes its UTF-8 bytes; the first replaces it, the others are inserted after it. */
    static void toBytes(NormalizedString s) {
        String text = s.get();
        if (isAscii(text)) {
            s.map(BytesToUnicode::charOf); // one byte per character: a plain replacement
            return;
        }
        int[] codePoints = new int[text.length() * 3];
        int[] changes = new int[text.length() * 3];
        int count = 0;
        byte[] utf8 = new byte[4];
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Utf8.encode(cp, utf8);
            for (int k = 0; k < n; k++, count++) {
                codePoints[count] = BytesToUnicode.charOf(utf8[k]);
                changes[count] = k == 0 ? 0 : 1;
            }
            i += Character.charCount(cp);
        }
        s.transform(codePoints, changes, count, 0);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
