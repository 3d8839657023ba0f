package dev.transformers4j.models.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PyTorch checkpoint fixtures of {@code torch-bin/} in the test resources, written by its
 * {@code make_fixtures.py} with Python's own pickler (no PyTorch needed).
 */
public final class TorchBin {

    private TorchBin() {
    }

    /** A fixture file; fails when the build did not provide it. */
    public static Path file(String name) {
        var url = TorchBin.class.getResource("/torch-bin/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource torch-bin/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An HF folder in {@code dir} of the golden Marian with its weights as {@code pytorch_model.bin} only:
     * config.json and generation_config.json from {@code golden/marian-mt}, the .bin from {@code torch-bin}.
     */
    public static Path marianFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {"config.json", "generation_config.json"}) {
                Files.copy(Golden.dir("marian-mt").resolve(f), dir.resolve(f));
            }
            Files.copy(file("marian-mt.bin"), dir.resolve("pytorch_model.bin"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts equal shapes and bit-identical values (so -0.0 differs from 0.0). */
    public static void assertSameBits(String what, Tensor actual, int[] shape, float[] values) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(shape);
        float[] x = actual.toArray();
        assertThat(x).as(what + " length").hasSize(values.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(x[i])).as("%s[%d]: %s vs %s", what, i, x[i], values[i])
                    .isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }
}
