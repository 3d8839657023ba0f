package dev.transformers4j.tokenizers.processors;

import dev.transformers4j.tokenizers.encoding.TokenSequence;

/** Fourth pipeline step: adds special tokens and merges a pair (HF's {@code PostProcessor}). */
public interface PostProcessor {
    /** How many tokens {@link #process} adds, so that truncation can leave room for them. */
    int addedTokens(boolean isPair);

    /**
     * The final sequence for {@code first} and the optional {@code second} ({@code null} when single).
     * Before calling, HF marks each sequence's tokens with its sequence id (0, 1).
     */
    TokenSequence process(TokenSequence first, TokenSequence second, boolean addSpecialTokens);

    /** What HF does without a post-processor: concatenate the pair, add nothing. */
    PostProcessor NONE = new PostProcessor() {
        @Override
        public int addedTokens(boolean isPair) {
            return 0;
        }

        @Override
        public TokenSequence process(TokenSequence first, TokenSequence second, boolean addSpecialTokens) {
            return second == null ? first : first.mergeWith(second);
        }
    };
}
