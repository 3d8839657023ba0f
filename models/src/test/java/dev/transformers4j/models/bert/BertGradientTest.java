package dev.transformers4j.models.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.GradientGolden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Gradient parity with Hugging Face: the loss of {@code BertForSequenceClassification} on a padded batch and
 * its gradient with respect to every parameter ({@code bert-seqcls.train.json}, eval mode), on both
 * backends. The word embeddings' {@code [PAD]} row must stay zero ({@code padding_idx}).
 */
class BertGradientTest {

    static Stream<Kernels> backends() {
        return Backends.all();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("backends")
    void everyParameterGradientMatchesHuggingFace(Kernels kernels) {
        JsonNode golden = Golden.json("bert-seqcls.train.json");
        PretrainedModel model = AutoModel.fromPretrained(Golden.dir("bert-seqcls"));
        model.module().eval().requiresGrad(true);
        TokenBatch in = BertGoldenTest.batch(golden.get("inputs"));
        int[] labels = Golden.ints(golden.get("inputs").get("labels"));
        GradientGolden check = new GradientGolden();
        double[] lossError = new double[1];
        Backends.with(kernels, () -> {
            Tensor loss = model.loss(in, labels);
            loss.backward();
            double want = Golden.floats(golden.get("loss"))[0];
            assertThat((double) loss.item()).as("loss").isCloseTo(want, within(1e-5));
            lossError[0] = Math.abs(loss.item() - want);
            check.assertMatches(golden.get("grads"), model.module().namedParameters());
        });
        LoggerFactory.getLogger(BertGradientTest.class).info("BERT gradients on {}: |loss − HF| = {}, max |x − g| = {} at {}",
                kernels.name(), lossError[0], check.maxAbsError(), check.worst());
    }
}
