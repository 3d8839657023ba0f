package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.pipelines.data.CharTokenizerBuilder;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer_config.json and generation_config.json written beside a trained model, as HF names their fields. */
class HfFolderFilesTest {

    @TempDir
    Path tmp;

    @Test
    void tokenizerConfigNamesTheSpecialTokensTheVocabularyHas() {
        Tokenizer bertLike = CharTokenizerBuilder.fromText("abc")
                .withSpecialTokens(List.of("[CLS]", "[SEP]", "[PAD]"), null).build();
        HfFolderFiles.writeTokenizerConfig(tmp, bertLike, "BertTokenizer", 64);
        JsonNode o = read(HfFolderFiles.TOKENIZER_CONFIG);
        assertThat(o.get("tokenizer_class").asText()).isEqualTo("BertTokenizer");
        assertThat(o.get("model_max_length").asInt()).isEqualTo(64);
        assertThat(o.get("cls_token").asText()).isEqualTo("[CLS]");
        assertThat(o.get("pad_token").asText()).isEqualTo("[PAD]");
        assertThat(o.has("mask_token")).isFalse();
        assertThat(o.get("unk_token").asText()).isEqualTo("<unk>");              // the character tokenizer's
        assertThat(o.get("clean_up_tokenization_spaces").asBoolean()).isFalse();
    }

    @Test
    void trainedTokenizerConfigPutsKnownTokensInTheirRolesAndTheRestAsAdditional() {
        HfFolderFiles.writeTrainedTokenizerConfig(tmp, List.of("<pad>", "</s>", "<unk>", "<s>", "<2de>"));
        JsonNode o = read(HfFolderFiles.TOKENIZER_CONFIG);
        assertThat(o.get("tokenizer_class").asText()).isEqualTo("PreTrainedTokenizerFast");
        assertThat(o.get("pad_token").asText()).isEqualTo("<pad>");
        assertThat(o.get("eos_token").asText()).isEqualTo("</s>");
        assertThat(o.get("bos_token").asText()).isEqualTo("<s>");
        assertThat(o.get("additional_special_tokens").toString()).isEqualTo("[\"<2de>\"]");
        assertThat(o.has("model_max_length")).isFalse();
    }

    @Test
    void copyTokenizerCopiesTheSourceFilesOrWritesAMinimalConfig() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("vocab.txt"), "[PAD]\n");
        Tokenizer chars = CharTokenizerBuilder.fromText("ab").build();
        Path a = Files.createDirectories(tmp.resolve("a"));
        HfFolderFiles.copyTokenizer(source, a, chars, "BertTokenizer", 32);
        assertThat(a.resolve("vocab.txt")).hasContent("[PAD]");
        assertThat(ConfigJson.read(a.resolve(HfFolderFiles.TOKENIZER_CONFIG)).root().get("model_max_length").asInt())
                .isEqualTo(32);
        Files.writeString(source.resolve(HfFolderFiles.TOKENIZER_CONFIG), "{\"tokenizer_class\": \"Mine\"}");
        Path b = Files.createDirectories(tmp.resolve("b"));
        HfFolderFiles.copyTokenizer(source, b, chars, "BertTokenizer", 32);
        assertThat(b.resolve(HfFolderFiles.TOKENIZER_CONFIG)).hasContent("{\"tokenizer_class\": \"Mine\"}");
    }

    @Test
    void generationConfigOfALanguageModelSamplesAndLeavesRoomForAPrompt() {
        HfFolderFiles.writeGenerationConfig(tmp, 7, 7, 128);
        JsonNode o = read("generation_config.json");
        assertThat(o.get("bos_token_id").asInt()).isEqualTo(7);
        assertThat(o.get("do_sample").asBoolean()).isTrue();
        assertThat(o.get("top_k").asInt()).isEqualTo(40);
        assertThat(o.get("max_new_tokens").asInt()).isEqualTo(96);                      // 3/4 of 128
        HfFolderFiles.writeGenerationConfig(tmp, 7, 7, 1024);
        assertThat(read("generation_config.json").get("max_new_tokens").asInt()).isEqualTo(200);
    }

    @Test
    void generationConfigOfATranslationModelIsOpusMts() {
        MarianConfig c = MarianConfig.small(40);
        HfFolderFiles.writeTranslationGenerationConfig(tmp, c);
        JsonNode o = read("generation_config.json");
        assertThat(o.get("bad_words_ids").toString()).isEqualTo("[[" + c.padTokenId() + "]]");
        assertThat(o.get("decoder_start_token_id").asInt()).isEqualTo(c.decoderStartTokenId());
        assertThat(o.get("forced_eos_token_id").asInt()).isEqualTo(c.eosTokenId());
        assertThat(o.get("max_length").asInt()).isEqualTo(c.maxPositionEmbeddings());
        assertThat(o.get("num_beams").asInt()).isEqualTo(4);
    }

    private JsonNode read(String file) {
        return ConfigJson.read(tmp.resolve(file)).root();
    }
}
