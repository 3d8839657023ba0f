package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {

    @Test
    void folderWithoutOnnxAsksForTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxGraph.find(dir.toString(), dir, null))
                .hasMessageContaining("has no ONNX file").hasMessageContaining("--onnx FILE");
    }

    @Test
    void folderOnnxAndExplicitFileAreRead(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("onnx"));
        Files.write(dir.resolve("onnx/model.onnx"), new byte[] {1, 2});
        Files.write(dir.resolve("other.onnx"), new byte[] {3});
        assertThat(OnnxGraph.find(dir.toString(), dir, null).bytes()).containsExactly(1, 2);
        assertThat(OnnxGraph.find(dir.toString(), dir, dir.resolve("other.onnx")).bytes()).containsExactly(3);
    }

    @Test
    void missingExplicitFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxGraph.find("x", dir, dir.resolve("nope.onnx"))).hasMessageContaining("nope.onnx");
    }
}
