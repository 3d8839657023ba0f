package dev.transformers4j.train;

import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Random;

/**
 * For trainer tests: a tiny GPT-2 (vocab 50, 2 layers, width 16, feed-forward 37) and a token-window dataset; a
 * tiny Marian (vocab 14, 2 + 1 layers, width 16, feed-forward 37) and a reversal task of random sentence pairs.
 */
final class TinyModels {

    static final int CONTEXT = 16;

    private TinyModels() {
    }

    static GPT2Config config(int width, double dropout) {
        return GPT2Config.small().toBuilder().vocabSize(50).nPositions(32).nEmbd(width).nLayer(2).nHead(2).nInner(37)
                .residPdrop(dropout).embdPdrop(dropout).attnPdrop(dropout).bosTokenId(0).eosTokenId(0).build();
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

    /** Marian's special ids in the tiny vocabulary: {@code </s>} 0, {@code <pad>} 1 (also the decoder start). */
    static final int EOS = 0;
    static final int PAD = 1;

    /** A tiny Marian with HF's initial weights. */
    static MarianMTModel marian(double dropout, long seed) {
        MarianConfig config = MarianConfig.base(14).toBuilder().dModel(16).encoderLayers(2).decoderLayers(1)
                .encoderAttentionHeads(2).decoderAttentionHeads(2).encoderFfnDim(37).decoderFfnDim(37)
                .maxPositionEmbeddings(32).dropout(dropout).initStd(0.1).padTokenId(PAD).eosTokenId(EOS)
                .decoderStartTokenId(PAD).forcedEosTokenId(EOS).build();
        return MarianMTModel.initialized(config, seed);
    }

    /** {@code n} pairs: a random sentence of 1..8 tokens in [2, 14) and its reversal, both ending in {@code </s>}. */
    static TranslationDataset reversals(int n, long seed) {
        return pairs(n, seed, true);
    }

    /** {@code n} pairs: a random sentence of 1..8 tokens in [2, 14) twice, both ending in {@code </s>}. */
    static TranslationDataset copies(int n, long seed) {
        return pairs(n, seed, false);
    }

    private static TranslationDataset pairs(int n, long seed, boolean reverse) {
        Random r = new Random(seed);
        List<int[]> src = new ArrayList<>();
        List<int[]> tgt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(8);
            int[] s = new int[len + 1];
            int[] t = new int[len + 1];
            for (int j = 0; j < len; j++) {
                s[j] = 2 + r.nextInt(12);
            }
            for (int j = 0; j < len; j++) {
                t[j] = reverse ? s[len - 1 - j] : s[j];
            }
            src.add(s);
            tgt.add(t);                                  // s[len] = t[len] = EOS = 0
        }
        return new TranslationDataset(src, tgt, PAD, PAD);
    }
}
