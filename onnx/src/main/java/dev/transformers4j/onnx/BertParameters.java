package dev.transformers4j.onnx;

import dev.transformers4j.models.bert.BertConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of HF's {@code BertModel}, by state-dict name and shape, in module order:
 * {@code BertEmbeddings → BertLayer × L (BertSelfAttention, BertSelfOutput, BertIntermediate, BertOutput)
 * → BertPooler}.
 */
final class BertParameters {

    /**
     * One parameter.
     *
     * @param linearModule for the weight of an {@code nn.Linear}, the module path ({@code ...query}); else null
     */
    record Parameter(String name, int[] shape, String linearModule) {
    }

    private BertParameters() {
    }

    /** Every parameter of a {@code BertModel} with this config, the pooler only when asked for. */
    static List<Parameter> of(BertConfig c, boolean pooler) {
        int hidden = c.hiddenSize();         // C
        int ffn = c.intermediateSize();     // F
        List<Parameter> out = new ArrayList<>();
        out.add(plain("embeddings.word_embeddings.weight", c.vocabSize(), hidden));   // [V, C]
        out.add(plain("embeddings.position_embeddings.weight", c.maxPositionEmbeddings(), hidden));
        out.add(plain("embeddings.token_type_embeddings.weight", c.typeVocabSize(), hidden));
        layerNorm(out, "embeddings.LayerNorm", hidden);
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String layer = "encoder.layer." + i + ".";
            linear(out, layer + "attention.self.query", hidden, hidden);
            linear(out, layer + "attention.self.key", hidden, hidden);
            linear(out, layer + "attention.self.value", hidden, hidden);
            linear(out, layer + "attention.output.dense", hidden, hidden);
            layerNorm(out, layer + "attention.output.LayerNorm", hidden);
            linear(out, layer + "intermediate.dense", ffn, hidden);   // [F, C]
            linear(out, layer + "output.dense", hidden, ffn);   // [C, F]
            layerNorm(out, layer + "output.LayerNorm", hidden);
        }
        if (pooler) {
            linear(out, "pooler.dense", hidden, hidden);
        }
        return out;
    }

    private static Parameter plain(String name, int... shape) {
        return new Parameter(name, shape, null);
    }

    // nn.Linear(in, out): weight [out, in], bias [out]
    private static void linear(List<Parameter> out, String module, int outFeatures, int inFeatures) {
        out.add(new Parameter(module + ".weight", new int[] {outFeatures, inFeatures}, module));
        out.add(plain(module + ".bias", outFeatures));
    }

    private static void layerNorm(List<Parameter> out, String module, int width) {
        out.add(plain(module + ".weight", width));
        out.add(plain(module + ".bias", width));
    }
}
