package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.io.SafeTensors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j average-checkpoints} on two tiny Marian models: the result loads, and each weight is the mean. */
class AverageCheckpointsCliTest {

    @TempDir
    Path tmp;

    @Test
    void averagesTwoModelsIntoALoadableFolder() {
        MarianConfig config = MarianConfig.small(11).toBuilder().dModel(8).encoderLayers(1).decoderLayers(1)
                .encoderAttentionHeads(2).decoderAttentionHeads(2).encoderFfnDim(16).decoderFfnDim(16)
                .maxPositionEmbeddings(32).dropout(0).build();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        MarianMTModel.initialized(config, 1).savePretrained(a);
        MarianMTModel.initialized(config, 2).savePretrained(b);
        Path out = tmp.resolve("avg");

        CliRun r = CliRun.of("average-checkpoints", a.toString(), b.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + out + ": the mean of 2 checkpoints, ").contains("config.json");
        String name = "model.encoder.layers.0.fc1.weight";
        float[] x = read(a, name);
        float[] y = read(b, name);
        float[] m = MarianMTModel.fromPretrained(out).module().namedParameters().get(name).value().toArray();
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i]).isEqualTo((float) (((double) x[i] + y[i]) / 2));
        }
    }

    @Test
    void oneCheckpointIsAUsageError() {
        CliRun r = CliRun.of("average-checkpoints", tmp.toString(), "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    private static float[] read(Path dir, String name) {
        try (SafeTensors st = SafeTensors.open(dir.resolve("model.safetensors"))) {
            return st.tensor(name).toArray();
        }
    }
}
