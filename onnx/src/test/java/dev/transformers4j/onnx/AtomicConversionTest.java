package dev.transformers4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.ModelFolders;
import dev.transformers4j.models.io.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder appears whole or not at all; a failed conversion leaves the previous folder as it was. */
class AtomicConversionTest {

    @TempDir
    Path dir;

    @Test
    void aFailureWhileWritingLeavesThePreviousFolderAndNoTemporaries() throws IOException {
        Path out = Files.createDirectories(dir.resolve("model"));
        Files.writeString(out.resolve("config.json"), "{\"old\": true}");
        Files.writeString(out.resolve(OutputFolder.MARKER), "{}");                 // a folder transformers4j wrote
        Path onnx = RealModels.onnx(RealModels.MINILM);

        assertThatThrownBy(() -> OnnxConverter.convert(onnx, null, out, ModelFolders.IfExists.OVERWRITE, (folder, config) -> {
            assertThat(folder.resolve("model.safetensors")).isRegularFile();   // written, not yet published
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(ModelFileException.class).hasMessageContaining("disk full (simulated)");

        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo("{\"old\": true}");
        assertThat(names(dir)).containsExactly("model");

        OnnxConverter.convert(onnx, null, out, true);   // now replace it for real

        assertThat(names(out)).containsExactlyInAnyOrder("config.json", "model.safetensors", OutputFolder.MARKER);
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"num_hidden_layers\" : 6");
        assertThat(names(dir)).containsExactly("model");
    }

    @Test
    void aFileThatIsNotOnnxCreatesNothing() throws IOException {
        Path notOnnx = Files.writeString(dir.resolve("model.onnx"), "hello");
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> OnnxConverter.convert(notOnnx, null, out)).isInstanceOf(ModelFileException.class);
        assertThat(names(dir)).containsExactly("model.onnx");
    }

    @Test
    void aMissingTokenizerIsNamedBeforeAnyWork() {
        Path tokenizer = dir.resolve("tokenizer.json");
        assertThatThrownBy(() -> OnnxConverter.convert(dir.resolve("model.onnx"), tokenizer, dir.resolve("out")))
                .isInstanceOf(ModelFileException.class).hasMessage(tokenizer + ": file not found");
    }

    @Test
    void publishingKeepsAFolderThatAppearedMeanwhileUnlessReplacing() throws IOException {
        Path target = Files.createDirectories(dir.resolve("m"));
        Files.writeString(target.resolve("config.json"), "theirs");
        Files.writeString(target.resolve("model.safetensors"), "theirs");        // a model folder: may be replaced

        Path ours = ModelFolders.tempSibling(target, "tmp");
        Files.writeString(ours.resolve("config.json"), "ours");
        assertThat(ModelFolders.publish(ours, target, ModelFolders.IfExists.KEEP)).isFalse();
        assertThat(Files.readString(target.resolve("config.json"))).isEqualTo("theirs");
        assertThat(names(dir)).containsExactly("m");

        Path replacement = ModelFolders.tempSibling(target, "tmp");
        Files.writeString(replacement.resolve("model.safetensors"), "new");
        assertThat(ModelFolders.publish(replacement, target, ModelFolders.IfExists.OVERWRITE)).isTrue();
        assertThat(names(target)).containsExactly(OutputFolder.MARKER, "model.safetensors");
        assertThat(names(dir)).containsExactly("m");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
