package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;
import java.util.List;

/**
 * HF's {@code Metaspace} pre-tokenizer, SentencePiece's view of spaces: every space becomes the
 * {@code replacement} character ({@code ▁}, U+2581), a {@code ▁} is put in front of the text as
 * {@code prependScheme} says, and (with {@code split}) the text is cut before every {@code ▁}, so that
 * {@code "Hey friend!"} becomes {@code ["▁Hey", "▁friend!"]}.
 *
 * @param replacement   the code point standing for a space
 * @param prependScheme when to put a {@code ▁} in front of a piece that does not start with one
 * @param split         cut before each {@code ▁} ({@code SplitBehavior.MERGED_WITH_NEXT})
 */
public record Metaspace(int replacement, PrependScheme prependScheme, boolean split) implements PreTokenizer {
    /** SentencePiece's meta symbol for a space, U+2581 LOWER ONE EIGHTH BLOCK. */
    public static final int SPACE_SYMBOL = '\u2581';

    /** When to prepend the replacement (HF's {@code PrependScheme}). */
    public enum PrependScheme {
        /** Before every piece of text (the pieces between added tokens). */
        ALWAYS,
        /** Only before the piece that starts the text. */
        FIRST,
        /** Never. */
        NEVER;

        /** The JSON name ({@code "always"}, {@code "first"}, {@code "never"}), or {@code null}. */
        public static PrependScheme byJsonName(String name) {
            return switch (name) {
                case "always" -> ALWAYS;
                case "first" -> FIRST;
                case "never" -> NEVER;
                default -> null;
            };
        }
    }

    /** SentencePiece's default: {@code ▁}, prepended always, split. */
    public static Metaspace sentencePiece() {
        return new Metaspace(SPACE_SYMBOL, PrependScheme.ALWAYS, true);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        String rep = Character.toString(replacement);
        text.splitNormalized(s -> {
            s.map(cp -> cp == ' ' ? replacement : cp);
            boolean needsPrefix = !s.get().startsWith(rep);
            if (needsPrefix && (prependScheme == PrependScheme.ALWAYS
                    || prependScheme == PrependScheme.FIRST && s.originalStart() == 0)) {
                s.prepend(rep);
            }
            return split ? s.split(Match.ofChars(s.get(), cp -> cp == replacement), SplitBehavior.MERGED_WITH_NEXT)
                    : List.of(s);
        });
    }
}
