package dev.transformers4j.tokenizers.added;

/**
 * An entry of {@code tokenizer.json}'s {@code "added_tokens"} (HF's {@code AddedToken}).
 *
 * @param singleWord only match when not inside a word ({@code \w} on neither side)
 * @param lstrip     also swallow the whitespace on its left
 * @param rstrip     also swallow the whitespace on its right
 * @param normalized match against the normalized text (else against the raw text, before normalization)
 * @param special    skipped by {@code decode(ids, skipSpecialTokens = true)}
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
        boolean normalized, boolean special) {
}
