package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.io.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tensor names and shapes Python {@code transformers} expects in {@code model.safetensors} (its
 * {@code state_dict()} without non-persistent buffers), written out from HF's modules; {@link HfLayoutTest}
 * checks these tables against the golden checkpoints HF wrote.
 */
final class HfLayout {

    private HfLayout() {
    }

    /** {@code BertForSequenceClassification}: {@code bert.*} with the pooler, {@code classifier.*}. */
    static Map<String, int[]> bertForSequenceClassification(int vocab, int hidden, int layers, int intermediate,
                                                           int positions, int typeVocab, int labels) {
        Map<String, int[]> m = new TreeMap<>();
        String e = "bert.embeddings.";
        m.put(e + "word_embeddings.weight", new int[] {vocab, hidden});
        m.put(e + "position_embeddings.weight", new int[] {positions, hidden});
        m.put(e + "token_type_embeddings.weight", new int[] {typeVocab, hidden});
        norm(m, e + "LayerNorm", hidden);
        for (int i = 0; i < layers; i++) {
            String l = "bert.encoder.layer." + i + ".";
            for (String qkv : new String[] {"query", "key", "value"}) {
                linear(m, l + "attention.self." + qkv, hidden, hidden);
            }
            linear(m, l + "attention.output.dense", hidden, hidden);
            norm(m, l + "attention.output.LayerNorm", hidden);
            linear(m, l + "intermediate.dense", hidden, intermediate);
            linear(m, l + "output.dense", intermediate, hidden);
            norm(m, l + "output.LayerNorm", hidden);
        }
        linear(m, "bert.pooler.dense", hidden, hidden);
        linear(m, "classifier", hidden, labels);
        return m;
    }

    /** {@code GPT2LMHeadModel}: {@code transformer.*}, Conv1D weights {@code [in, out]}, no {@code lm_head.weight} (tied). */
    static Map<String, int[]> gpt2LmHeadModel(int vocab, int positions, int hidden, int layers) {
        Map<String, int[]> m = new TreeMap<>();
        m.put("transformer.wte.weight", new int[] {vocab, hidden});
        m.put("transformer.wpe.weight", new int[] {positions, hidden});
        for (int i = 0; i < layers; i++) {
            String h = "transformer.h." + i + ".";
            norm(m, h + "ln_1", hidden);
            conv1d(m, h + "attn.c_attn", hidden, 3 * hidden);
            conv1d(m, h + "attn.c_proj", hidden, hidden);
            norm(m, h + "ln_2", hidden);
            conv1d(m, h + "mlp.c_fc", hidden, 4 * hidden);
            conv1d(m, h + "mlp.c_proj", 4 * hidden, hidden);
        }
        norm(m, "transformer.ln_f", hidden);
        return m;
    }

    /** Asserts that the file holds exactly these names with these shapes. */
    static void assertLayout(Path safetensors, Map<String, int[]> expected) {
        try (SafeTensors st = SafeTensors.open(safetensors)) {
            assertThat(st.names()).as(safetensors.toString()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((name, shape) -> assertThat(st.entry(name).shape()).as(name).containsExactly(shape));
        }
    }

    private static void linear(Map<String, int[]> m, String name, int in, int out) {
        m.put(name + ".weight", new int[] {out, in});                      // nn.Linear: [out, in]
        m.put(name + ".bias", new int[] {out});
    }

    private static void conv1d(Map<String, int[]> m, String name, int in, int out) {
        m.put(name + ".weight", new int[] {in, out});                      // GPT-2's Conv1D: [in, out]
        m.put(name + ".bias", new int[] {out});
    }

    private static void norm(Map<String, int[]> m, String name, int width) {
        m.put(name + ".weight", new int[] {width});
        m.put(name + ".bias", new int[] {width});
    }
}
