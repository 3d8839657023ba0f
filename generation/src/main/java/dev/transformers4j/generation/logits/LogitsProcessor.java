package dev.transformers4j.generation.logits;

/**
 * Changes next-token scores before a token is chosen: HF's {@code LogitsProcessor.__call__(input_ids, scores)}.
 * {@code scores} is row-major {@code [rows, V]} and is modified in place; {@code inputIds[r]} are all tokens of
 * row r so far (the prompt with its padding, then the generated tokens), as HF's {@code input_ids}.
 */
public interface LogitsProcessor {

    /** Processes every row. */
    default void process(int[][] inputIds, float[] scores) {
        int vocab = scores.length / inputIds.length;
        for (int r = 0; r < inputIds.length; r++) {
            processRow(inputIds[r], scores, r * vocab, vocab);
        }
    }

    /** Processes one row: {@code scores[offset, offset + vocab)}, with that row's tokens so far. */
    void processRow(int[] inputIds, float[] scores, int offset, int vocab);
}
