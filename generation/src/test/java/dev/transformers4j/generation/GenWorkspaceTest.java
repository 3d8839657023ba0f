package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.Workspace;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generation with the KV cache gives the same tokens and the same scores, bit for bit, with the forward passes'
 * {@link Workspace} on (the default; the tests run it in poison mode) and off: the cache's buffers and what a step
 * hands to the next never come from the workspace. On the reference kernels: the Vector API kernels' results still
 * depend on the JIT's state (issue 12, part 7), so only there are two runs equal bit for bit.
 */
class GenWorkspaceTest {

    @Test
    void gpt2GreedyAndBeamSearchAreIdenticalWithTheWorkspaceOnAndOff() {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {266, 380, 640, 14, 877}, new int[] {584, 420}),
                999);
        for (GenerationConfig c : List.of(
                GenerationConfig.builder().maxNewTokens(10).outputScores(true).build(),
                GenerationConfig.builder().maxNewTokens(8).numBeams(3).outputScores(true).build())) {
            assertSame(() -> new Generator(GenGoldenTest.MODEL).generate(prompts, c));
        }
    }

    @Test
    void marianGreedyAndBeamSearchAreIdenticalWithTheWorkspaceOnAndOff() {
        TokenBatch sources = TokenBatch.rightPadded(List.of(new int[] {5, 17, 23, 9, 0}, new int[] {31, 8, 0}), null,
                GenMarianGoldenTest.MODEL.config().padTokenId());
        for (GenerationConfig c : List.of(
                GenerationConfig.builder().maxNewTokens(6).outputScores(true).build(),
                GenerationConfig.builder().maxNewTokens(6).numBeams(3).outputScores(true).build())) {
            assertSame(() -> new Generator(GenMarianGoldenTest.MODEL).generate(sources, c));
        }
    }

    private static void assertSame(Supplier<GenerateOutput> generate) {
        Backends.with(Backend.create(Backend.REFERENCE, 1), () -> assertSameOnThisBackend(generate));
    }

    private static void assertSameOnThisBackend(Supplier<GenerateOutput> generate) {
        GenerateOutput off;
        try (Workspace.Off o = Workspace.disabled()) {
            off = generate.get();
        }
        for (int run = 0; run < 3; run++) {                      // warm arenas: recycled arrays in later runs
            GenerateOutput on = generate.get();
            assertThat(on.sequences()).hasSameSizeAs(off.sequences());
            for (int i = 0; i < off.sequences().size(); i++) {
                assertThat(on.ids(i)).as("sequence %d, run %d", i, run).containsExactly(off.ids(i));
            }
            assertThat(on.scores()).hasSameSizeAs(off.scores());
            for (int s = 0; s < off.scores().size(); s++) {
                Tensor a = on.scores().get(s);
                assertThat(a.toArray()).as("scores of step %d, run %d", s, run).containsExactly(off.scores().get(s).toArray());
            }
        }
    }
}
