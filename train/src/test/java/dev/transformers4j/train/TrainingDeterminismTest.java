package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same tiny training (a GPT-2 of width 64, dropout 0.1 everywhere, AdamW with weight decay, 8 steps of 16
 * windows) gives bit-identical weights on the vector backend: twice in this JVM (the second run on code C2 has
 * compiled by then), and in a fresh JVM on one thread against this one on two (its kernels start interpreted).
 */
class TrainingDeterminismTest {

    private static final int[] TOKENS = TinyModels.randomTokens(300, 5);

    /** Trains in {@code args[1]} on the default backend and writes the weights to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        write(train(Path.of(args[1])), Path.of(args[0]));
    }

    @Test
    void twiceInOneJvm(@TempDir Path tmp) {
        assertThat(Backend.current().name()).as("the backend under test").isEqualTo(Backend.VECTOR);
        Map<String, float[]> first = train(tmp.resolve("first"));
        Map<String, float[]> second = train(tmp.resolve("second"));
        assertBitIdentical(second, first);
    }

    @Test
    void inAFreshJvmOnOneThreadAsHereOnTwo(@TempDir Path tmp) throws IOException, InterruptedException {
        Kernels before = Backend.current();
        Map<String, float[]> here;
        try {
            Backend.use(Backend.create(Backend.VECTOR, 2));
            here = train(tmp.resolve("here"));
        } finally {
            Backend.use(before);
        }
        Path weights = tmp.resolve("weights.bin");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Dt4j.backend=vector", "-Dt4j.threads=1", "-cp", System.getProperty("java.class.path"),
                TrainingDeterminismTest.class.getName(), weights.toString(), tmp.resolve("there").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the other JVM finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertBitIdentical(read(weights), here);
    }

    static Map<String, float[]> train(Path out) {
        GPT2LMHeadModel m = TinyModels.gpt2(64, 0.1, 3);
        TrainingArguments args = TinyModels.args(out).maxSteps(8).batchSize(16).weightDecay(0.01).build();
        new Trainer<>(m, new CausalLanguageModelingTask(m), TinyModels.windows(TOKENS),
                TinyModels.windows(Arrays.copyOf(TOKENS, 40)), args).train();
        Map<String, float[]> weights = new TreeMap<>();
        m.namedParameters().forEach((name, p) -> weights.put(name, p.value().toArray()));
        return weights;
    }

    private static void assertBitIdentical(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, w) -> {
            float[] a = actual.get(name);
            assertThat(a).as(name).hasSameSizeAs(w);
            for (int i = 0; i < w.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(w[i])) {
                    throw new AssertionError(name + "[" + i + "]: " + a[i] + " but " + w[i] + " in the other run");
                }
            }
        });
    }

    private static void write(Map<String, float[]> weights, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(weights.size());
            for (Map.Entry<String, float[]> e : weights.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeInt(Float.floatToRawIntBits(f));
                }
            }
        }
    }

    private static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> weights = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            for (int n = in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                float[] w = new float[in.readInt()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = Float.intBitsToFloat(in.readInt());
                }
                weights.put(name, w);
            }
        }
        return weights;
    }
}
