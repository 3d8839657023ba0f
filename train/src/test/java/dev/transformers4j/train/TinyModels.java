package dev.transformers4j.train;

import dev.transformers4j.models.Activation;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import java.nio.file.Path;
import java.util.Random;

/** A tiny GPT-2 (vocab 50, 2 layers, width 16, feed-forward 37) and a token-window dataset for trainer tests. */
final class TinyModels {

    static final int CONTEXT = 16;

    private TinyModels() {
    }

    static GPT2Config config(int width, double dropout) {
        return new GPT2Config(50, 32, width, 2, 2, 37, Activation.GELU_NEW, dropout, dropout, dropout, 1e-5, 0.02,
                true, false, 0, 0);
    }

    /** A GPT-2 initialised as HF does, from {@code seed}. */
    static GPT2LMHeadModel gpt2(int width, double dropout, long seed) {
        GPT2LMHeadModel m = new GPT2LMHeadModel(config(width, dropout));
        Init.initialize(m, m.namedParameters().keySet(), 0.02, seed);
        return m;
    }

    /** {@code n} random tokens in [1, 50). */
    static int[] randomTokens(int n, long seed) {
        Random r = new Random(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 1 + r.nextInt(49);
        }
        return out;
    }

    /** Example i is {@code tokens[i .. i + CONTEXT)}, labels the ids (the model shifts them). */
    static Dataset<Batch> windows(int[] tokens) {
        return new Dataset<>() {
            @Override
            public int size() {
                return tokens.length - CONTEXT;
            }

            @Override
            public Batch batch(int[] indices) {
                int[] ids = new int[indices.length * CONTEXT];
                for (int b = 0; b < indices.length; b++) {
                    System.arraycopy(tokens, indices[b], ids, b * CONTEXT, CONTEXT);
                }
                int[] ones = new int[ids.length];
                java.util.Arrays.fill(ones, 1);
                return new Batch(new TokenBatch(indices.length, CONTEXT, ids, new int[ids.length], ones), ids.clone());
            }
        };
    }

    static TrainingArguments.Builder args(Path out) {
        return TrainingArguments.builder(out).learningRate(1e-2).batchSize(4).evalBatchSize(8).warmupSteps(2)
                .progressBar(false).seed(7);
    }
}
