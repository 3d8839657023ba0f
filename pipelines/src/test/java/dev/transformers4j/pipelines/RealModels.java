package dev.transformers4j.pipelines;

import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three pretrained models shipped in the langchain4j jars, each loaded once per test JVM and shared by the
 * test classes: converted by {@link BuiltinModels} into a fresh {@code T4J_HOME} under {@code target/} (so a
 * converter change is always exercised, never a stale cache), and opened as is by ONNX Runtime.
 * A missing jar fails the test with the Maven artifact to add.
 */
final class RealModels {

    static final String MINILM = "all-MiniLM-L6-v2";
    static final String BGE_EN = "bge-small-en-v1.5";
    static final String BGE_ZH = "bge-small-zh-v1.5";
    static final List<String> ALL = List.of(MINILM, BGE_EN, BGE_ZH);

    private static final Path HOME = createHome();
    private static final Map<String, Path> FOLDERS = new HashMap<>();
    private static final Map<String, PretrainedModel> MODELS = new HashMap<>();
    private static final Map<String, Tokenizer> TOKENIZERS = new HashMap<>();
    private static final Map<String, OnnxRuntimeBert> ORT = new HashMap<>();
    private static final Map<String, float[]> ORT_STATES = new HashMap<>();

    private RealModels() {
    }

    /**
     * The pooling of each model's sentence-transformers {@code 1_Pooling/config.json} on the HF hub, written
     * out here independently of {@link BuiltinModels}: mean for all-MiniLM-L6-v2, {@code [CLS]} for bge.
     */
    static Pooling publishedPooling(String name) {
        return name.equals(MINILM) ? Pooling.MEAN : Pooling.CLS;
    }

    /** The built-in model's description; fails when the registry does not know the name. */
    static BuiltinModel builtin(String name) {
        BuiltinModel m = BuiltinModels.find(name);
        if (m == null) {
            throw new IllegalStateException("BuiltinModels does not know '" + name + "'");
        }
        return m;
    }

    /** The HF folder converted from the jar's ONNX graph (converted on the first call of this JVM). */
    static synchronized Path folder(String name) {
        return FOLDERS.computeIfAbsent(name, k -> {
            BuiltinModel m = builtin(k);
            try {
                requireResource(m, m.onnxResource()).close();
                requireResource(m, m.tokenizerResource()).close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ModelResolver.resolve(k);
        });
    }

    /** Our model, loaded from the converted folder. */
    static synchronized PretrainedModel model(String name) {
        Path dir = folder(name);
        return MODELS.computeIfAbsent(name, k -> AutoModel.fromPretrained(dir));
    }

    /** The converted folder's tokenizer, without the padding and truncation its tokenizer.json may carry. */
    static synchronized Tokenizer tokenizer(String name) {
        Path dir = folder(name);
        return TOKENIZERS.computeIfAbsent(name, k ->
                Tokenizer.fromFile(dir.resolve("tokenizer.json")).withPadding(null).withTruncation(null));
    }

    /** The id of {@code [PAD]} in the model's vocabulary. */
    static int padId(String name) {
        return tokenizer(name).tokenToId("[PAD]").orElseThrow(() ->
                new IllegalStateException(name + ": the vocabulary has no [PAD] token"));
    }

    /** Our tokenizer's ids for the texts, right-padded with [PAD], attention mask 0 on the padding. */
    static TokenBatch encode(String name, List<String> texts) {
        Tokenizer tokenizer = tokenizer(name);
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        for (String text : texts) {
            Encoding e = tokenizer.encode(text);
            ids.add(e.ids());
            types.add(e.typeIds());
        }
        return TokenBatch.rightPadded(ids, types, padId(name));
    }

    /** ONNX Runtime's {@code last_hidden_state [B, T, C]} for a batch, computed once per model and batch. */
    static synchronized float[] onnxRuntimeStates(String name, TokenBatch batch) {
        String key = name + " " + batch.length() + " " + Arrays.toString(batch.ids()) + Arrays.toString(batch.typeIds())
                + Arrays.toString(batch.attentionMask());
        return ORT_STATES.computeIfAbsent(key, k -> onnxRuntime(name).lastHiddenState(batch));
    }

    /** ONNX Runtime on the jar's original ONNX graph. */
    static synchronized OnnxRuntimeBert onnxRuntime(String name) {
        return ORT.computeIfAbsent(name, k -> {
            BuiltinModel m = builtin(k);
            try (InputStream in = requireResource(m, m.onnxResource())) {
                return OnnxRuntimeBert.load(k, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static InputStream requireResource(BuiltinModel m, String resource) {
        InputStream in = RealModels.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classpath resource '" + resource + "' of " + m.name()
                    + " is missing: the test needs the Maven artifact " + m.mavenArtifact()
                    + " (a dependency of pipelines/pom.xml)");
        }
        return in;
    }

    /** A fresh {@code T4J_HOME} for this JVM under {@code target/}, deleted when the JVM exits. */
    private static Path createHome() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            Path home = Files.createTempDirectory(target, "t4j-home-");
            System.setProperty("t4j.home", home.toAbsolutePath().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(home)));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit; target/ is cleaned by mvn clean anyway
        }
    }
}
