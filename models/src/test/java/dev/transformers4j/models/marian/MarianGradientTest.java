package dev.transformers4j.models.marian;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Gradient parity with Hugging Face for {@code MarianMTModel} ({@code marian-mt.train.json}, eval mode, a padded
 * source batch, labels -100 after the shorter target): the loss and the listed gradients, including the 3-way
 * tied {@code model.shared.weight}, whose gradient sums the source embedding's (scaled by √d_model), the target
 * embedding's and the output projection's.
 */
class MarianGradientTest {

    static Stream<Kernels> backends() {
        return Backends.all();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("backends")
    void lossAndGradientsMatchHuggingFace(Kernels kernels) {
        JsonNode golden = Golden.json("marian-mt.train.json");
        MarianMTModel model = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        model.eval().requiresGrad(true);
        JsonNode in = golden.get("inputs");
        TokenBatch source = source(in);
        GradientGolden check = new GradientGolden();
        double[] lossError = new double[1];
        Backends.with(kernels, () -> {
            Tensor loss = model.loss(source, Golden.ints(in.get("labels")));
            loss.backward();
            double want = Golden.floats(golden.get("loss"))[0];
            assertThat((double) loss.item()).as("loss").isCloseTo(want, within(1e-5));
            lossError[0] = Math.abs(loss.item() - want);
            check.assertMatches(golden.get("grads"), model.namedParameters());
        });
        LoggerFactory.getLogger(MarianGradientTest.class).info(
                "Marian gradients on {}: |loss − HF| = {}, max |x − g| = {} at {}",
                kernels.name(), lossError[0], check.maxAbsError(), check.worst());
    }

    @Test
    void theFixtureDecoderInputIsTheLabelsShiftedRight() {
        JsonNode in = Golden.json("marian-mt.train.json").get("inputs");
        MarianMTModel model = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        assertThat(model.shiftTokensRight(Golden.ints(in.get("labels")), 2))
                .containsExactly(Golden.ints(in.get("decoder_input_ids")));
    }

    static TokenBatch source(JsonNode in) {
        int[] shape = Golden.shape(in.get("input_ids"));
        return new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")), new int[shape[0] * shape[1]],
                Golden.ints(in.get("attention_mask")));
    }
}
