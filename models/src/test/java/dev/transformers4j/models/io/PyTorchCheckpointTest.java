package dev.transformers4j.models.io;

import static dev.transformers4j.models.testing.TorchBin.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.TorchBin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading {@code torch.save} state dicts written by Python's pickler ({@code torch-bin/make_fixtures.py}) and by PyTorch
 * 2.13 itself ({@code make_real_torch_fixture.py}, the same content): every
 * value is compared bit for bit with what the script computed from the logical content.
 */
class PyTorchCheckpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny.bin", "tiny-protocol4.bin", "tiny-real-torch.bin"})
    void readsEveryDtypeStridedViewsAndSharedStoragesExactly(String fixture) {
        JsonNode expected = TorchBin.json("tiny.expected.json").get("tensors");
        try (PyTorchCheckpoint ckpt = PyTorchCheckpoint.open(TorchBin.file(fixture))) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            assertThat(ckpt.names()).containsExactlyElementsOf(names);
            for (String name : names) {
                JsonNode e = expected.get(name);
                assertSameBits(name, ckpt.tensor(name), Golden.shape(e), floats(e.get("values")));
            }
        }
    }

    @Test
    void aNameForTheSameViewOfAStorageIsAnAlias() {
        try (PyTorchCheckpoint ckpt = PyTorchCheckpoint.open(TorchBin.file("tiny.bin"))) {
            // shared_b views the same storage as shared_a at another offset: a different tensor, not an alias
            assertThat(ckpt.aliases()).isEqualTo(Map.of("tied_a", "shared_a"));
            assertThat(ckpt.shape("transposed")).containsExactly(3, 2);
        }
    }

    @Test
    void theMarianBinHoldsExactlyTheGoldenSafetensorsWeights() {
        try (PyTorchCheckpoint bin = PyTorchCheckpoint.open(TorchBin.file("marian-mt.bin"));
             SafeTensors st = SafeTensors.open(Golden.dir("marian-mt").resolve("model.safetensors"))) {
            assertThat(bin.names()).containsAll(st.names());
            for (String name : st.names()) {
                var want = st.tensor(name);
                assertSameBits(name, bin.tensor(name), want.shape(), want.toArray());
            }
            var shared = st.tensor("model.shared.weight");
            for (String tied : List.of("model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight",
                    "lm_head.weight")) {
                assertSameBits(tied, bin.tensor(tied), shared.shape(), shared.toArray());
                assertThat(bin.aliases()).containsEntry(tied, "model.shared.weight");
            }
            assertThat(bin.aliases()).hasSize(3);
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }
}
