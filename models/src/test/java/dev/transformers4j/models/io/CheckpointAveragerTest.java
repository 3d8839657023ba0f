package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint averaging (§6.1) on folders whose means are worked out by hand. */
class CheckpointAveragerTest {

    @TempDir
    Path tmp;

    @Test
    void averagesEveryTensorAndCopiesTheFolderFiles() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("tokenizer.json"), "{}");                     // the run's tokenizer
        Path a = folder(run.resolve("checkpoint-1"), new float[] {1, 2, 3, 4}, new float[] {0.5f});
        Path b = folder(run.resolve("checkpoint-2"), new float[] {3, 2, 1, 0}, new float[] {1.5f});
        Path c = folder(run.resolve("checkpoint-3"), new float[] {2, 5, 8, -1}, new float[] {-2f});
        Path out = tmp.resolve("averaged");

        CheckpointAverager.Result r = CheckpointAverager.averageFolders(List.of(a, b, c), out);

        assertThat(r.tensors()).isEqualTo(2);
        assertThat(r.copied()).containsExactly("config.json", "tokenizer.json");
        try (SafeTensors st = SafeTensors.open(out.resolve("model.safetensors"))) {
            assertThat(st.tensor("w").toArray()).containsExactly(2f, 3f, 4f, 1f);   // (1+3+2)/3, (2+2+5)/3, ...
            assertThat(st.tensor("w").shape()).containsExactly(2, 2);
            assertThat(st.tensor("b").toArray()).containsExactly(0f);                // (0.5 + 1.5 − 2)/3
        }
        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo(Files.readString(a.resolve("config.json")));
    }

    @Test
    void refusesCheckpointsOfDifferentModels() throws IOException {
        Path a = folder(tmp.resolve("a"), new float[] {1, 2, 3, 4}, new float[] {0});
        Path wide = tmp.resolve("wide");
        Files.createDirectories(wide);
        Files.writeString(wide.resolve("config.json"), Files.readString(a.resolve("config.json")));
        SafeTensors.write(wide.resolve("model.safetensors"), Map.of("w", Tensor.of(new float[6], 2, 3),
                "b", Tensor.of(new float[1], 1)));
        assertThatThrownBy(() -> CheckpointAverager.averageFolders(List.of(a, wide), tmp.resolve("out")))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("wide").hasMessageContaining("tensor 'w': expected shape [2, 2] but was [2, 3]");
        assertThat(tmp.resolve("out")).doesNotExist();

        Path other = folder(tmp.resolve("other"), new float[] {1, 2, 3, 4}, new float[] {0});
        Files.writeString(other.resolve("config.json"), "{\"model_type\": \"bert\"}");
        assertThatThrownBy(() -> CheckpointAverager.averageFolders(List.of(a, other), tmp.resolve("out")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("other")
                .hasMessageContaining("only checkpoints of one model can be averaged");
        assertThatThrownBy(() -> CheckpointAverager.average(List.of(a)))
                .hasMessageContaining("expected at least 2 checkpoints but got 1");
    }

    private static Path folder(Path dir, float[] w, float[] b) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"marian\", \"d_model\": 2}");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(w, 2, 2));
        tensors.put("b", Tensor.of(b, 1));
        SafeTensors.write(dir.resolve("model.safetensors"), tensors);
        return dir;
    }
}
