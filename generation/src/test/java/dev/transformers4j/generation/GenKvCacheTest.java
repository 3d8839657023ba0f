package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KV-cache decoding equals full recompute: each step's logits from generate() (greedy, no processors, so the
 * scores are the raw logits) equal the logits of a forward pass over the whole left-padded sequence so far
 * without a cache, with HF's positions {@code cumsum(mask) − 1}.
 */
class GenKvCacheTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.transformers4j.models.testing.Backends#all")
    void cachedStepsEqualFullRecompute(Kernels kernels) {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {266, 380, 640, 14, 877}, new int[] {584, 420}),
                999);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(12).outputScores(true).build();
        Backends.with(kernels, () -> {
            GenerateOutput out = new Generator(GenGoldenTest.MODEL).generate(prompts, c);
            for (int s = 0; s < out.scores().size(); s++) {
                float[] cached = out.scores().get(s).toArray();
                float[] full = lastLogits(fullInput(prompts, out, s));
                compare(s, cached, full);
            }
        });
    }

    /** The prompts plus the first {@code s} new tokens, mask extended with 1s, positions cumsum(mask) − 1. */
    static DecoderInput fullInput(TokenBatch prompts, GenerateOutput out, int s) {
        int b = prompts.batch();
        int t = prompts.length() + s;
        int[] ids = new int[b * t];
        int[] mask = new int[b * t];
        int[] pos = new int[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(out.ids(r), 0, ids, r * t, t);
            int seen = 0;
            for (int i = 0; i < t; i++) {
                mask[r * t + i] = i < prompts.length() ? prompts.attentionMask()[r * prompts.length() + i] : 1;
                seen += mask[r * t + i];
                pos[r * t + i] = mask[r * t + i] == 0 ? 1 : seen - 1;
            }
        }
        return new DecoderInput(b, t, ids, pos, mask);
    }

    static float[] lastLogits(DecoderInput in) {
        Tensor logits = GenGoldenTest.MODEL.forward(in, null, ForwardOptions.DEFAULT).logits();   // [B, T, V]
        return logits.select(1, in.length() - 1).contiguous().toArray();                           // [B, V]
    }

    static void compare(int step, float[] cached, float[] full) {
        for (int i = 0; i < full.length; i++) {
            if (!(Math.abs(cached[i] - full[i]) <= 1e-4 + 1e-4 * Math.abs(full[i]))) {
                fail("step " + step + " logit " + i + ": cached " + cached[i] + " vs full recompute " + full[i]);
            }
        }
    }
}
