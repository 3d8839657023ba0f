package dev.transformers4j.models.marian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.Activation;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarianConfigTest {

    @Test
    void basePresetHasThePapersHyperParameters() {
        MarianConfig c = MarianConfig.base(37000);
        assertThat(c.encoderLayers()).isEqualTo(6);
        assertThat(c.decoderLayers()).isEqualTo(6);
        assertThat(c.dModel()).isEqualTo(512);
        assertThat(c.encoderFfnDim()).isEqualTo(2048);
        assertThat(c.encoderAttentionHeads()).isEqualTo(8);
        assertThat(c.dropout()).isEqualTo(0.1);
        assertThat(c.activation()).isEqualTo(Activation.RELU);
        assertThat(c.scaleEmbedding()).isTrue();
    }

    @Test
    void goldenConfigIsReadWithItsNames() {
        MarianConfig c = MarianConfig.read(Golden.dir("marian-mt").resolve("config.json"));
        assertThat(c.dModel()).isEqualTo(64);
        assertThat(c.activation()).isEqualTo(Activation.SWISH);
        assertThat(c.padTokenId()).isEqualTo(999);
        assertThat(c.decoderStartTokenId()).isEqualTo(999);
        assertThat(c.eosTokenId()).isEqualTo(0);
        assertThat(c.forcedEosTokenId()).isEqualTo(-1);
        assertThat(MarianConfig.fromJson(new ConfigJson(Path.of("x.json"), c.toJson()))).isEqualTo(c);
    }

    @Test
    void invalidConfigsSayWhatIsWrong() {
        assertThatThrownBy(() -> tiny().encoderAttentionHeads(5).build()).hasMessageContaining("encoder_attention_heads");
        assertThatThrownBy(() -> tiny().padTokenId(100).build()).hasMessageContaining("pad_token_id");
    }

    /** V = 100, C = 64, 2 + 2 layers, 4 heads, F = 128, 128 positions, SiLU; ids as opus-mt, no forced EOS. */
    private static MarianConfigBuilder tiny() {
        return MarianConfig.base(100).toBuilder().dModel(64).encoderLayers(2).decoderLayers(2).encoderAttentionHeads(4)
                .decoderAttentionHeads(4).encoderFfnDim(128).decoderFfnDim(128).maxPositionEmbeddings(128)
                .activation(Activation.SWISH).forcedEosTokenId(-1);
    }

    @Test
    void autoModelLoadsMarianAndTheEmbeddingIsTiedThreeWays(@TempDir Path dir) {
        MarianMTModel m = (MarianMTModel) AutoModel.fromPretrained(Golden.dir("marian-mt"));
        assertThat(m.model().encoder.embedTokens).isSameAs(m.model().shared());
        assertThat(m.model().decoder.embedTokens).isSameAs(m.model().shared());
        assertThat(m.namedParameters()).containsKeys("model.shared.weight", "final_logits_bias",
                "model.decoder.layers.1.encoder_attn.q_proj.weight").doesNotContainKey("model.encoder.embed_tokens.weight");
        m.savePretrained(dir);
        MarianMTModel again = MarianMTModel.fromPretrained(dir);
        TokenBatch src = TokenBatch.of(5, 6, 7, 0);
        assertThat(again.loss(src, new int[] {8, 9, 0}).item()).isEqualTo(m.loss(src, new int[] {8, 9, 0}).item());
    }

    @Test
    void tooLongSourceIsRefused() {
        MarianMTModel m = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        assertThatThrownBy(() -> m.encode(TokenBatch.of(new int[129])))
                .hasMessageContaining("max_position_embeddings = 128");
    }
}
