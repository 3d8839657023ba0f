package dev.transformers4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.Activation;
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
        GPT2LMHeadModel m = new GPT2LMHeadModel(new GPT2Config(50, 16, 16, 2, 2, 37, Activation.GELU_NEW, 0, 0, 0,
                1e-5, 0.02, true, false, 0, 0));
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
        BertConfig c = new BertConfig(40, 8, 1, 2, 37, Activation.GELU, 0, 0, 16, 2, 0.02, 1e-12, 0,
                List.of("BertForSequenceClassification"), Map.of(0, "neg", 1, "pos"));
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
        GPT2LMHeadModel m = new GPT2LMHeadModel(new GPT2Config(50, 16, 16, 1, 2, 37, Activation.GELU_NEW, 0, 0, 0,
                1e-5, 0.02, true, false, 0, 0));
        m.namedParameters().get("transformer.wte.weight").requiresGrad(true);
        assertThat(ParameterGroups.trainable(m)).containsOnlyKeys("transformer.wte.weight");
    }
}
