package dev.transformers4j.generation;

import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.Seq2SeqLM;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;
import java.util.List;

/**
 * Text generation as HF's {@code generate()}: greedy search, multinomial sampling or beam search, chosen by the
 * {@link GenerationConfig}. A decoder-only {@link CausalLM} continues left-padded prompt batches; an encoder-decoder
 * {@link Seq2SeqLM} translates right-padded source batches, its decoder starting from
 * {@code decoder_start_token_id}. Both run through the same search loops over a {@link DecodingSession} whose
 * self-attention cache is allocated once per call ({@code max_length} positions for each of
 * {@code batch × num_beams} rows).
 */
public final class Generator {

    /** How one kind of model starts a call: the plan of the call, then the session its search loop drives. */
    private interface Start {

        GenerationPlan plan(TokenBatch inputs, GenerationConfig config);

        DecodingSession session(TokenBatch inputs, GenerationPlan plan);
    }

    private final Start start;
    private final TokenDecoder decoder;

    /** A generator without a decoder (stop strings are then not available). */
    public Generator(CausalLM model) {
        this(model, null);
    }

    /** @param decoder turns new tokens into text for stop strings; may be null */
    public Generator(CausalLM model, TokenDecoder decoder) {
        this.start = new Start() {
            @Override
            public GenerationPlan plan(TokenBatch prompts, GenerationConfig config) {
                return GenerationPlan.of(model, prompts, config);
            }

            @Override
            public DecodingSession session(TokenBatch prompts, GenerationPlan plan) {
                return new IncrementalDecoder(model, plan.rows(), plan.maxLength());
            }
        };
        this.decoder = decoder;
    }

    /**
     * A decoder-only generator that may run past the model's {@code n_positions}: beyond it, each new token is
     * predicted from the last {@code n_positions − 1} tokens (nanoGPT's cropping of the context), at the cost of a
     * full forward pass over that window per token. One position fewer than nanoGPT keeps: a model trained with HF's
     * shifted labels on {@code n_positions}-token windows never learns to predict from its last position (nor does
     * ordinary generation up to {@code max_length = n_positions} ever ask it to). HF's {@code generate()} refuses
     * such lengths instead.
     *
     * @param decoder turns new tokens into text for stop strings; may be null
     */
    public static Generator slidingWindow(CausalLM model, TokenDecoder decoder) {
        return new Generator(new Start() {
            @Override
            public GenerationPlan plan(TokenBatch prompts, GenerationConfig config) {
                return GenerationPlan.forDecoderOnly(Integer.MAX_VALUE, prompts, config);
            }

            @Override
            public DecodingSession session(TokenBatch prompts, GenerationPlan plan) {
                return new SlidingWindowDecoder(model, plan.rows(), model.maxPositions() - 1);
            }
        }, decoder);
    }

    private Generator(Start start, TokenDecoder decoder) {
        this.start = start;
        this.decoder = decoder;
    }

    /** An encoder-decoder generator without a decoder (stop strings are then not available). */
    public Generator(Seq2SeqLM<?> model) {
        this(model, null);
    }

    /**
     * An encoder-decoder generator: {@link #generate} then takes right-padded sources and returns sequences that
     * start with {@code decoder_start_token_id} (the config's, else the model's), new ids without it.
     *
     * @param decoder turns new tokens into text for stop strings; may be null
     */
    public Generator(Seq2SeqLM<?> model, TokenDecoder decoder) {
        this.start = seq2seq(model);
        this.decoder = decoder;
    }

    private static <M> Start seq2seq(Seq2SeqLM<M> model) {
        return new Start() {
            @Override
            public GenerationPlan plan(TokenBatch sources, GenerationConfig config) {
                int startId = config.decoderStartTokenId() != null ? config.decoderStartTokenId()
                        : model.decoderStartTokenId();
                return GenerationPlan.forSeq2Seq(model.maxPositions(), startId, sources, config);
            }

            @Override
            public DecodingSession session(TokenBatch sources, GenerationPlan plan) {
                return new Seq2SeqDecoder<>(model, sources, plan.rowsPerPrompt(), plan.maxLength());
            }
        };
    }

    /** {@code model.generate(input_ids, attention_mask, generation_config, streamer)} without a decoder. */
    public static GenerateOutput generate(CausalLM model, TokenBatch leftPaddedPrompts, GenerationConfig config,
            Streamer streamer) {
        return new Generator(model).generate(leftPaddedPrompts, config, streamer);
    }

    public GenerateOutput generate(TokenBatch inputs, GenerationConfig config) {
        return generate(inputs, config, null);
    }

    /**
     * Generates for every prompt (decoder-only) or source (encoder-decoder) of the batch.
     *
     * @param inputs   decoder-only: prompts {@code [B, P]} padded on the LEFT (mask 0 before each prompt's tokens);
     *                 encoder-decoder: sources {@code [B, S]} padded on the RIGHT
     * @param streamer receives tokens as they are chosen; null for none (not available with beam search)
     */
    public GenerateOutput generate(TokenBatch inputs, GenerationConfig config, Streamer streamer) {
        GenerationPlan plan = start.plan(inputs, config);
        StoppingCriteria stopping = new StoppingCriteria(config, plan.promptLength(), plan.maxLength(), decoder);
        if (config.isBeamSearch()) {
            if (streamer != null) {
                throw new IllegalArgumentException("a streamer cannot be used with beam search (num_beams "
                        + config.numBeams() + "); set num_beams to 1");
            }
            return new BeamSearch(start.session(inputs, plan), config, plan, stopping).run();
        }
        return new SampleSearch(start.session(inputs, plan), config, plan, stopping, streamer).run();
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
