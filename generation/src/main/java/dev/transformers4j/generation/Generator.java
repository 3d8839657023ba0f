package dev.transformers4j.generation;

import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;
import java.util.List;

/**
 * Text generation with a causal language model, as HF's {@code generate()}: greedy search, multinomial sampling
 * or beam search, chosen by the {@link GenerationConfig}, over left-padded prompt batches, with a KV cache allocated
 * once per call ({@code capacity = P + max_new_tokens} positions for each of {@code batch × num_beams} rows).
 */
public final class Generator {

    private final CausalLM model;
    private final TokenDecoder decoder;

    /** A generator without a decoder (stop strings are then not available). */
    public Generator(CausalLM model) {
        this(model, null);
    }

    /** @param decoder turns new tokens into text for stop strings; may be null */
    public Generator(CausalLM model, TokenDecoder decoder) {
        this.model = model;
        this.decoder = decoder;
    }

    /** {@code model.generate(input_ids, attention_mask, generation_config, streamer)} without a decoder. */
    public static GenerateOutput generate(CausalLM model, TokenBatch leftPaddedPrompts, GenerationConfig config,
            Streamer streamer) {
        return new Generator(model).generate(leftPaddedPrompts, config, streamer);
    }

    public GenerateOutput generate(TokenBatch leftPaddedPrompts, GenerationConfig config) {
        return generate(leftPaddedPrompts, config, null);
    }

    /**
     * Generates for every prompt of the batch.
     *
     * @param leftPaddedPrompts {@code [B, P]}, padding (mask 0) before each prompt's tokens
     * @param streamer          receives tokens as they are chosen; null for none (not available with beam search)
     */
    public GenerateOutput generate(TokenBatch leftPaddedPrompts, GenerationConfig config, Streamer streamer) {
        GenerationPlan plan = GenerationPlan.of(model, leftPaddedPrompts, config);
        StoppingCriteria stopping = new StoppingCriteria(config, plan.promptLength(), plan.maxLength(), decoder);
        if (config.isBeamSearch()) {
            if (streamer != null) {
                throw new IllegalArgumentException("a streamer cannot be used with beam search (num_beams "
                        + config.numBeams() + "); set num_beams to 1");
            }
            return new BeamSearch(model, config, plan, stopping).run();
        }
        return new SampleSearch(model, config, plan, stopping, streamer).run();
    }

    /** Prompts of different lengths padded on the LEFT with {@code padId} (mask 0), as decoder-only generation needs. */
    public static TokenBatch leftPadded(List<int[]> prompts, int padId) {
        int b = prompts.size();
        int t = prompts.stream().mapToInt(s -> s.length).max().orElse(0);
        int[] ids = new int[b * t];
        int[] mask = new int[b * t];
        Arrays.fill(ids, padId);
        for (int i = 0; i < b; i++) {
            int[] s = prompts.get(i);
            int start = i * t + t - s.length;
            System.arraycopy(s, 0, ids, start, s.length);
            Arrays.fill(mask, start, (i + 1) * t, 1);
        }
        return new TokenBatch(b, t, ids, new int[b * t], mask);
    }
}
