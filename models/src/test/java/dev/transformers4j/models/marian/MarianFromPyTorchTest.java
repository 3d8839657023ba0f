package dev.transformers4j.models.marian;

import static dev.transformers4j.models.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.TorchBin;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden Marian from a folder that has only {@code pytorch_model.bin} (as many Helsinki-NLP/opus-mt-* do):
 * the same parameters as from model.safetensors, and HF's logits.
 */
class MarianFromPyTorchTest {

    @Test
    void loadsFromPytorchModelBinAndMatchesHuggingFace(@TempDir Path tmp) {
        MarianMTModel fromBin = (MarianMTModel) AutoModel.fromPretrained(TorchBin.marianFolder(tmp.resolve("opus")));
        MarianMTModel fromSafetensors = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        var expected = fromSafetensors.namedParameters();
        assertThat(fromBin.namedParameters().keySet()).containsExactlyElementsOf(expected.keySet());
        fromBin.namedParameters().forEach((name, p) -> assertThat(p.value().toArray()).as(name)
                .containsExactly(expected.get(name).value().toArray()));

        JsonNode c = Golden.testCase(Golden.json("marian-mt.json"), "padded_batch");
        JsonNode in = c.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        TokenBatch source = new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(in.get("attention_mask")));
        Seq2SeqLMOutput out = fromBin.forward(source, Golden.ints(in.get("decoder_input_ids")), ForwardOptions.DEFAULT);
        assertClose("logits", out.logits(), c.get("outputs").get("logits"));
    }
}
