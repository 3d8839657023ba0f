package dev.transformers4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.marian.MarianConfig;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config builders: one setter per record component (= {@code config.json} field), validation on build. */
class ConfigBuildersTest {

    @Test
    void aBuilderWithNoChangeGivesBackAnEqualConfig() {
        assertThat(GPT2Config.small().toBuilder().build()).isEqualTo(GPT2Config.small());
        assertThat(BertConfig.base().toBuilder().build()).isEqualTo(BertConfig.base());
        assertThat(MarianConfig.base(100).toBuilder().build()).isEqualTo(MarianConfig.base(100));
    }

    @Test
    void everyRecordComponentHasASetterOfItsNameAndType() throws ReflectiveOperationException {
        for (Record config : List.<Record>of(GPT2Config.small(), BertConfig.base(), MarianConfig.base(100))) {
            Object builder = config.getClass().getMethod("toBuilder").invoke(config);
            for (RecordComponent c : config.getClass().getRecordComponents()) {
                Method setter = builder.getClass().getMethod(c.getName(), c.getType());
                assertThat(setter.getReturnType()).as(c.getName()).isEqualTo(builder.getClass());
            }
        }
    }

    @Test
    void settersChangeOnlyTheirField() {
        GPT2Config g = GPT2Config.small().toBuilder().nLayer(2).attnPdrop(0).build();
        assertThat(g.nLayer()).isEqualTo(2);
        assertThat(g.attnPdrop()).isZero();
        assertThat(g.residPdrop()).isEqualTo(0.1);
        assertThat(g.nEmbd()).isEqualTo(768);
        BertConfig b = BertConfig.base().toBuilder().id2label(Map.of(0, "no", 1, "yes")).build();
        assertThat(b.numLabels()).isEqualTo(2);
        assertThat(b.vocabSize()).isEqualTo(30522);
        MarianConfig m = MarianConfig.base(100).toBuilder().decoderLayers(1).build();
        assertThat(m.decoderLayers()).isEqualTo(1);
        assertThat(m.encoderLayers()).isEqualTo(6);
    }

    @Test
    void buildValidatesAsTheConstructorDoes() {
        assertThatThrownBy(() -> GPT2Config.small().toBuilder().nHead(5).build()).hasMessageContaining("n_head");
        assertThatThrownBy(() -> BertConfig.base().toBuilder().hiddenDropoutProb(1).build())
                .hasMessageContaining("hidden_dropout_prob");
        assertThatThrownBy(() -> MarianConfig.base(100).toBuilder().dModel(511).build())
                .hasMessageContaining("d_model");
    }
}
