package dev.transformers4j.models.io;

import static dev.transformers4j.models.testing.TorchBin.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pytorch_model.bin into model.safetensors: every tensor once, the same values, a folder Marian loads. */
class PyTorchConverterTest {

    private static final String SHARED = "model.shared.weight";

    @TempDir
    Path tmp;

    @Test
    void everyTensorIsWrittenOnceWithItsValues() {
        Path out = tmp.resolve("model.safetensors");
        PyTorchConverter.Result r = PyTorchConverter.convertFile(TorchBin.file("tiny.bin"), out);
        assertThat(r.aliases()).isEqualTo(Map.of("tied_a", "shared_a"));
        try (PyTorchCheckpoint bin = PyTorchCheckpoint.open(TorchBin.file("tiny.bin"));
             SafeTensors st = SafeTensors.open(out)) {
            Set<String> expected = new HashSet<>(bin.names());
            expected.remove("tied_a");
            assertThat(st.names()).containsExactlyInAnyOrderElementsOf(expected).hasSize(r.tensors());
            assertThat(st.metadata()).isEqualTo(Map.of("format", "pt"));
            for (String name : st.names()) {
                var want = bin.tensor(name);
                assertSameBits(name, st.tensor(name), want.shape(), want.toArray());
            }
        }
    }

    @Test
    void aMarianFolderBecomesTheGoldenSafetensorsFolder() {
        Path source = TorchBin.marianFolder(tmp.resolve("opus-mt"));
        Path out = tmp.resolve("converted");
        PyTorchConverter.Result r = PyTorchConverter.convert(source, null, out);
        // as HF's safetensors conversion: the embedding once, under model.shared.weight (its _tied_weights_keys)
        assertThat(r.aliases()).isEqualTo(Map.of("model.encoder.embed_tokens.weight", SHARED,
                "model.decoder.embed_tokens.weight", SHARED, "lm_head.weight", SHARED));
        assertThat(r.copied()).containsExactly("config.json", "generation_config.json");
        try (SafeTensors golden = SafeTensors.open(Golden.dir("marian-mt").resolve("model.safetensors"));
             SafeTensors ours = SafeTensors.open(out.resolve("model.safetensors"))) {
            Set<String> expected = new HashSet<>(golden.names());
            expected.addAll(List.of("model.encoder.embed_positions.weight", "model.decoder.embed_positions.weight"));
            assertThat(ours.names()).containsExactlyInAnyOrderElementsOf(expected);
            for (String name : golden.names()) {
                var want = golden.tensor(name);
                assertSameBits(name, ours.tensor(name), want.shape(), want.toArray());
            }
        }
        MarianMTModel loaded = MarianMTModel.fromPretrained(out);
        MarianMTModel reference = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        loaded.namedParameters().forEach((name, p) -> assertThat(p.value().toArray()).as(name)
                .containsExactly(reference.namedParameters().get(name).value().toArray()));
    }

    @Test
    void convertingIntoTheCheckpointsOwnFolderIsRefusedAndLeavesItAlone() throws IOException {
        Path source = TorchBin.marianFolder(tmp.resolve("opus-mt"));
        long size = Files.size(source.resolve("pytorch_model.bin"));
        for (Path out : List.of(source, tmp)) {
            assertThatThrownBy(() -> PyTorchConverter.convert(source, null, out))
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("writing the converted folder there would replace it");
        }
        assertThat(Files.size(source.resolve("pytorch_model.bin"))).isEqualTo(size);
    }

    @Test
    void aHostileCheckpointLeavesNoFolderBehind() throws IOException {
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> PyTorchConverter.convert(TorchBin.file("evil-os-system.bin"), null, out))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("refuses to load");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }
}
