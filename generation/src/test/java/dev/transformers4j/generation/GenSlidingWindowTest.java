package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generation past {@code n_positions} (128 for the golden GPT-2): every step's logits equal a plain forward pass,
 * without a cache, over the last 127 tokens at positions 0…126 (nanoGPT's {@code idx[:, -block_size:]}, one
 * shorter); before the window fills, the session is the ordinary cached one.
 */
class GenSlidingWindowTest {

    private static final int WINDOW = 127;     // n_positions − 1: the last position is never trained

    @Test
    void stepsPastTheWindowEqualAPlainForwardOverTheLastWindowTokens() {
        int[] prompt = new int[120];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = (i * 37 + 11) % 999;
        }
        TokenBatch prompts = TokenBatch.of(prompt);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(20).outputScores(true).eosTokenIds(List.of())
                .build();
        GenerateOutput out = Generator.slidingWindow(GenGoldenTest.MODEL, null).generate(prompts, c);
        assertThat(out.ids(0)).hasSize(140);
        for (int s = 0; s < 20; s++) {
            int[] seen = Arrays.copyOf(out.ids(0), 120 + s);                   // prompt + s new tokens
            int[] window = Arrays.copyOfRange(seen, Math.max(0, seen.length - WINDOW), seen.length);
            Tensor logits = GenGoldenTest.MODEL.forward(TokenBatch.of(window), ForwardOptions.DEFAULT).logits();
            float[] expected = logits.select(1, window.length - 1).contiguous().toArray();
            float[] actual = out.scores().get(s).toArray();
            for (int v = 0; v < expected.length; v++) {
                assertThat((double) actual[v]).as("step %d, logit %d", s, v)
                        .isCloseTo(expected[v], org.assertj.core.data.Offset.offset(1e-4 + 1e-4 * Math.abs(expected[v])));
            }
        }
    }

    @Test
    void withinTheWindowItIsTheOrdinaryGenerator() {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {266, 380, 640, 14, 877}, new int[] {584, 420}),
                999);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(10).numBeams(3).build();
        GenerateOutput window = Generator.slidingWindow(GenGoldenTest.MODEL, null).generate(prompts, c);
        GenerateOutput plain = new Generator(GenGoldenTest.MODEL).generate(prompts, c);
        for (int r = 0; r < 2; r++) {
            assertThat(window.ids(r)).isEqualTo(plain.ids(r));
        }
    }

    @Test
    void beamSearchAndBatchesSlideToo() {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {266, 380, 640, 14, 877}, new int[] {584, 420}),
                999);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(140).numBeams(2).eosTokenIds(List.of()).build();
        GenerateOutput out = Generator.slidingWindow(GenGoldenTest.MODEL, null).generate(prompts, c);
        assertThat(out.ids(0)).hasSize(145);
        assertThatThrownBy(() -> new Generator(GenGoldenTest.MODEL).generate(prompts, c))
                .hasMessageContaining("exceeds the model's n_positions 128").hasMessageContaining("--sliding-window");
    }
}
