package dev.transformers4j.models.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.GradientGolden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Gradient parity with Hugging Face for {@code GPT2LMHeadModel} ({@code gpt2-lm.train.json}, eval mode, a
 * right-padded batch with labels -100 at the padding): the shifted LM loss and the listed gradients,
 * including the tied {@code wte}, whose gradient is the embedding lookup's plus the LM head's.
 */
class GPT2GradientTest {

    static Stream<Kernels> backends() {
        return Backends.all();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("backends")
    void lossAndGradientsMatchHuggingFace(Kernels kernels) {
        JsonNode golden = Golden.json("gpt2-lm.train.json");
        GPT2LMHeadModel model = GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));
        model.eval().requiresGrad(true);
        JsonNode in = golden.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        int[] ids = Golden.ints(in.get("input_ids"));
        TokenBatch batch = new TokenBatch(shape[0], shape[1], ids, new int[ids.length],
                Golden.ints(in.get("attention_mask")));
        GradientGolden check = new GradientGolden();
        double[] lossError = new double[1];
        Backends.with(kernels, () -> {
            Tensor loss = model.loss(batch, Golden.ints(in.get("labels")));
            loss.backward();
            double want = Golden.floats(golden.get("loss"))[0];
            assertThat((double) loss.item()).as("loss").isCloseTo(want, within(1e-5));
            lossError[0] = Math.abs(loss.item() - want);
            check.assertMatches(golden.get("grads"), model.namedParameters());
        });
        LoggerFactory.getLogger(GPT2GradientTest.class).info("GPT-2 gradients on {}: |loss − HF| = {}, max |x − g| = {} at {}",
                kernels.name(), lossError[0], check.maxAbsError(), check.worst());
    }
}
