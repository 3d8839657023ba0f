package dev.transformers4j.tokenizers.text;

import dev.transformers4j.tokenizers.encoding.EncodedToken;
import dev.transformers4j.tokenizers.encoding.TokenSequence;
import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.models.ModelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The input text cut into splits (words), each a {@link NormalizedString}, some already tokenized
 * (the added tokens) — HF's {@code PreTokenizedString}.
 */
public final class PreTokenizedString {
    private final String text;
    private List<Split> splits;

    /** One piece of the text; {@code tokens} is {@code null} until the piece is tokenized. */
    public record Split(NormalizedString normalized, List<ModelToken> tokens) {
        public static Split untokenized(NormalizedString normalized) {
            return new Split(normalized, null);
        }
    }

    public PreTokenizedString(String text) {
        this.text = text;
        this.splits = List.of(Split.untokenized(NormalizedString.of(text)));
    }

    /**
     * Replaces every not-yet-tokenized split by the splits {@code splitter} makes of it, dropping empty
     * ones (HF's {@code PreTokenizedString::split}).
     */
    public void split(Function<NormalizedString, List<Split>> splitter) {
        List<Split> next = new ArrayList<>(splits.size() * 2);
        for (Split split : splits) {
            if (split.tokens() != null) {
                next.add(split);
                continue;
            }
            for (Split piece : splitter.apply(split.normalized())) {
                if (!piece.normalized().isEmpty()) {
                    next.add(piece);
                }
            }
        }
        splits = next;
    }

    /** Splits every not-yet-tokenized piece with {@code splitter}, none of the results tokenized. */
    public void splitNormalized(Function<NormalizedString, List<NormalizedString>> splitter) {
        split(normalized -> splitter.apply(normalized).stream().map(Split::untokenized).toList());
    }

    /** Applies {@code normalizer} to every split not yet tokenized (HF's {@code PreTokenizedString::normalize}). */
    public void normalize(Consumer<NormalizedString> normalizer) {
        for (Split split : splits) {
            if (split.tokens() == null) {
                normalizer.accept(split.normalized());
            }
        }
    }

    /** Runs the model on every split not yet tokenized. */
    public void tokenize(Model model) {
        splits = splits.stream()
                .map(s -> s.tokens() != null ? s : new Split(s.normalized(), model.tokenize(s.normalized().get())))
                .toList();
    }

    /**
     * HF's {@code into_encoding}: the tokens with offsets mapped back to the original text; the word id
     * of a token is the index of its split. Every token gets {@code typeId} and {@code sequenceId}.
     */
    public TokenSequence toTokenSequence(int typeId, int sequenceId) {
        int[] codePointIndex = codePointIndex(text);
        List<EncodedToken> tokens = new ArrayList<>(splits.size() + 16);
        for (int word = 0; word < splits.size(); word++) {
            Split split = splits.get(word);
            List<ModelToken> wordTokens = split.tokens();
            for (int t = 0; t < wordTokens.size(); t++) { // indexed: no iterator per word
                ModelToken token = wordTokens.get(t);
                int start = split.normalized().originalStart(token.start(), token.end());
                int end = split.normalized().originalEnd(token.start(), token.end());
                tokens.add(new EncodedToken(token.id(), token.value(), typeId, word, sequenceId, start, end,
                        codePointIndex[start], codePointIndex[end], false, true));
            }
        }
        return TokenSequence.of(tokens);
    }

    public List<Split> splits() {
        return splits;
    }

    /** For every UTF-16 index 0..length, the number of code points before it. */
    private static int[] codePointIndex(String s) {
        int[] index = new int[s.length() + 1];
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            index[i] = count;
            if (!(Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                count++;
            }
        }
        index[s.length()] = count;
        return index;
    }
}
