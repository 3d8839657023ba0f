package dev.transformers4j.generation;

import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;

/**
 * The shape of one generate call, checked against the model before any work: the decoder prompts repeated once
 * per beam or returned sample (HF's {@code _expand_inputs_for_generation}, {@code repeat_interleave}), the padded
 * prompt length P and the total length {@code max_length} (HF: {@code P + max_new_tokens} when that is set).
 * For a decoder-only model the prompts are the user's left-padded ones; for an encoder-decoder model every
 * decoder prompt is the one {@code decoder_start_token_id} (P = 1) and max_length counts decoder tokens.
 *
 * @param prompts       {@code [batch · rowsPerPrompt, P]}
 * @param batch         the number of prompts
 * @param rowsPerPrompt num_beams for beam search, num_return_sequences otherwise
 */
record GenerationPlan(TokenBatch prompts, int batch, int rowsPerPrompt, int promptLength, int maxLength) {

    static GenerationPlan of(CausalLM model, TokenBatch prompts, GenerationConfig c) {
        return forDecoderOnly(model.maxPositions(), prompts, c);
    }

    static GenerationPlan forDecoderOnly(int nPositions, TokenBatch prompts, GenerationConfig c) {
        int p = prompts.length();
        if (prompts.batch() == 0 || p == 0) {
            throw new IllegalArgumentException("generate needs a non-empty prompt but got [" + prompts.batch() + ", "
                    + p + "]");
        }
        checkLeftPadded(prompts);
        int maxLength = c.maxNewTokens() != null ? p + c.maxNewTokens() : c.maxLength();
        if (p > nPositions) {
            throw new IllegalArgumentException("the prompt has " + p + " tokens but the model's n_positions is "
                    + nPositions);
        }
        if (maxLength > nPositions) {
            throw new IllegalArgumentException("max_length " + maxLength + " (prompt " + p + " + "
                    + (maxLength - p) + " new tokens) exceeds the model's n_positions " + nPositions
                    + "; lower max_new_tokens to at most " + (nPositions - p)
                    + " or slide a window over the context (t4j generate --sliding-window)");
        }
        if (p >= maxLength) {
            throw new IllegalArgumentException("the prompt has " + p + " tokens, so max_length " + maxLength
                    + " leaves nothing to generate; set max_new_tokens instead");
        }
        int per = c.isBeamSearch() ? c.numBeams() : c.numReturnSequences();
        return new GenerationPlan(prompts.repeatInterleave(per), prompts.batch(), per, p, maxLength);
    }

    /**
     * An encoder-decoder call: {@code sources [B, S]} right-padded, each decoder row starting with
     * {@code startId}; {@code maxPositions} bounds both the source length and max_length.
     */
    static GenerationPlan forSeq2Seq(int maxPositions, int startId, TokenBatch sources, GenerationConfig c) {
        int s = sources.length();
        if (sources.batch() == 0 || s == 0) {
            throw new IllegalArgumentException("generate needs a non-empty source but got [" + sources.batch() + ", "
                    + s + "]");
        }
        checkRightPadded(sources);
        if (s > maxPositions) {
            throw new IllegalArgumentException("the source has " + s + " tokens but the model's"
                    + " max_position_embeddings is " + maxPositions);
        }
        int maxLength = c.maxNewTokens() != null ? 1 + c.maxNewTokens() : c.maxLength();
        if (maxLength > maxPositions) {
            throw new IllegalArgumentException("max_length " + maxLength + " (decoder start + " + (maxLength - 1)
                    + " new tokens) exceeds the model's max_position_embeddings " + maxPositions
                    + "; lower max_new_tokens to at most " + (maxPositions - 1));
        }
        if (maxLength <= 1) {
            throw new IllegalArgumentException("max_length " + maxLength + " counts the decoder start token, so it"
                    + " leaves nothing to generate; set max_new_tokens instead");
        }
        int per = c.isBeamSearch() ? c.numBeams() : c.numReturnSequences();
        int rows = sources.batch() * per;
        int[] start = new int[rows];
        Arrays.fill(start, startId);
        int[] ones = new int[rows];
        Arrays.fill(ones, 1);
        TokenBatch prompts = new TokenBatch(rows, 1, start, new int[rows], ones);
        return new GenerationPlan(prompts, sources.batch(), per, 1, maxLength);
    }

    int rows() {
        return batch * rowsPerPrompt;
    }

    int maxNewTokens() {
        return maxLength - promptLength;
    }

    /** Decoder-only models need padding on the left: no real token may precede a padded one. */
    private static void checkLeftPadded(TokenBatch prompts) {
        int t = prompts.length();
        for (int b = 0; b < prompts.batch(); b++) {
            for (int i = 1; i < t; i++) {
                if (prompts.attentionMask()[b * t + i - 1] == 1 && prompts.attentionMask()[b * t + i] == 0) {
                    throw new IllegalArgumentException("prompt row " + b + " is right-padded (mask 1 at " + (i - 1)
                            + ", 0 at " + i + "); a decoder-only model generates from LEFT-padded prompts");
                }
            }
        }
    }

    /** Encoder sources need padding on the right (Marian's positions count from the first token). */
    private static void checkRightPadded(TokenBatch sources) {
        int t = sources.length();
        for (int b = 0; b < sources.batch(); b++) {
            for (int i = 1; i < t; i++) {
                if (sources.attentionMask()[b * t + i - 1] == 0 && sources.attentionMask()[b * t + i] == 1) {
                    throw new IllegalArgumentException("source row " + b + " is left-padded (mask 0 at " + (i - 1)
                            + ", 1 at " + i + "); an encoder-decoder model generates from RIGHT-padded sources");
                }
            }
        }
    }

}
