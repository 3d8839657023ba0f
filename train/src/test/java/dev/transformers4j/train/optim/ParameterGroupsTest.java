package dev.transformers4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterGroupsTest {

    /** HF's rule on GPT-2: ln_1/ln_2/ln_f (LayerNorm modules) and every bias get no decay; wte/wpe/c_attn do. */
    @Test
    void gpt2BiasesAndLayerNormsGetNoDecay() {
        GPT2LMHeadModel m = new GPT2LMHeadModel(tinyGpt2(2));
        m.requiresGrad(true);
        List<ParamGroup> groups = ParameterGroups.withDecay(m, 0.1);
        assertThat(groups.get(0).weightDecay()).isEqualTo(0.1);
        assertThat(groups.get(0).parameters().keySet()).contains("transformer.wte.weight", "transformer.wpe.weight",
                "transformer.h.0.attn.c_attn.weight", "transformer.h.1.mlp.c_proj.weight")
                .noneMatch(n -> n.contains("bias") || n.contains("ln_"));
        assertThat(groups.get(1).weightDecay()).isEqualTo(0.0);
        assertThat(groups.get(1).parameters().keySet()).contains("transformer.ln_f.weight", "transformer.ln_f.bias",
                "transformer.h.0.ln_1.weight", "transformer.h.0.attn.c_attn.bias");
        int total = groups.get(0).parameters().size() + groups.get(1).parameters().size();
        assertThat(total).isEqualTo(m.namedParameters().size());
    }

    /** On BERT: embeddings.LayerNorm.weight and the classifier bias get no decay, the classifier weight does. */
    @Test
    void bertLayerNormWeightsGetNoDecay() {
        BertConfig c = BertConfig.base(40).toBuilder().hiddenSize(8).numHiddenLayers(1).numAttentionHeads(2)
                .intermediateSize(37).hiddenDropoutProb(0).attentionProbsDropoutProb(0).maxPositionEmbeddings(16)
                .architectures(List.of("BertForSequenceClassification")).id2label(Map.of(0, "neg", 1, "pos")).build();
        BertForSequenceClassification m = new BertForSequenceClassification(c);
        m.requiresGrad(true);
        List<ParamGroup> groups = ParameterGroups.withDecay(m, 0.01);
        assertThat(groups.get(1).parameters()).containsKeys("bert.embeddings.LayerNorm.weight",
                "bert.encoder.layer.0.output.LayerNorm.weight", "classifier.bias");
        assertThat(groups.get(0).parameters()).containsKeys("classifier.weight",
                "bert.embeddings.word_embeddings.weight", "bert.encoder.layer.0.attention.self.query.weight");
    }

    @Test
    void frozenParametersAreLeftOut() {
        GPT2LMHeadModel m = new GPT2LMHeadModel(tinyGpt2(1));
        m.namedParameters().get("transformer.wte.weight").requiresGrad(true);
        assertThat(ParameterGroups.trainable(m)).containsOnlyKeys("transformer.wte.weight");
    }

    /** V = 50, 16 positions, C = 16, 2 heads, F = 37, no dropout. */
    private static GPT2Config tinyGpt2(int layers) {
        return GPT2Config.small().toBuilder().vocabSize(50).nPositions(16).nEmbd(16).nLayer(layers).nHead(2).nInner(37)
                .residPdrop(0).embdPdrop(0).attnPdrop(0).bosTokenId(0).eosTokenId(0).build();
    }
}
