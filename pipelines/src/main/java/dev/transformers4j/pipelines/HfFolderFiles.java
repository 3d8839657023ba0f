package dev.transformers4j.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files beside config.json and model.safetensors that make a trained model's folder load in Python as it
 * does here: {@code tokenizer_config.json} (which tokenizer class, its special tokens, its maximum length) and,
 * for language and translation models, {@code generation_config.json} (which {@link TextGenerationPipeline} and
 * {@link TranslationPipeline} read back as their defaults). The training commands write them after
 * {@code savePretrained}:
 *
 * <pre>{@code
 * model.savePretrained(dir);                                         // config.json, model.safetensors
 * HfFolderFiles.writeTokenizerConfig(dir, tokenizer, "PreTrainedTokenizerFast", config.nPositions());
 * HfFolderFiles.writeGenerationConfig(dir, config.bosTokenId(), config.eosTokenId(), config.nPositions());
 * }</pre>
 */
public final class HfFolderFiles {

    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private HfFolderFiles() {
    }

    /**
     * Copies the tokenizer files of the model folder {@code source} ({@code tokenizer.json}, {@code vocab.txt},
     * {@code vocab.json}, {@code merges.txt}, {@code special_tokens_map.json}, {@code tokenizer_config.json}, those
     * it has), writing a minimal tokenizer_config.json when it has none.
     */
    public static void copyTokenizer(Path source, Path dir, Tokenizer tokenizer, String tokenizerClass,
                                     int maxLength) {
        for (String f : List.of("tokenizer.json", "vocab.txt", "vocab.json", "merges.txt", "special_tokens_map.json")) {
            if (Files.isRegularFile(source.resolve(f))) {
                copy(source.resolve(f), dir.resolve(f));
            }
        }
        if (Files.isRegularFile(source.resolve(TOKENIZER_CONFIG))) {
            copy(source.resolve(TOKENIZER_CONFIG), dir.resolve(TOKENIZER_CONFIG));
        } else {
            writeTokenizerConfig(dir, tokenizer, tokenizerClass, maxLength);
        }
    }

    /**
     * A minimal {@code tokenizer_config.json}: the class, {@code model_max_length}, and those of the usual special
     * tokens ({@code [CLS] [SEP] [PAD] [UNK] [MASK]}, {@code <|endoftext|>}, {@code <unk>}) the vocabulary has.
     */
    public static void writeTokenizerConfig(Path dir, Tokenizer tokenizer, String tokenizerClass, int maxLength) {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("tokenizer_class", tokenizerClass);
        o.put("model_max_length", maxLength);
        specialTokens(tokenizer).forEach(o::put);
        o.put("clean_up_tokenization_spaces", false);
        ConfigJson.write(dir.resolve(TOKENIZER_CONFIG), o);
    }

    /**
     * The {@code tokenizer_config.json} of a tokenizer trained from scratch ({@code t4j train tokenizer}): the fast
     * tokenizer class, which loads {@code tokenizer.json}, and the special tokens in their roles ({@code <pad>},
     * {@code </s>}, {@code <unk>}, {@code <s>}, {@code <mask>} and BERT's bracketed names); others are
     * {@code additional_special_tokens}. No {@code model_max_length}: no model is tied to it yet.
     */
    public static void writeTrainedTokenizerConfig(Path dir, List<String> specialTokens) {
        Map<String, String> roles = Map.of("<pad>", "pad_token", "</s>", "eos_token", "<unk>", "unk_token",
                "<s>", "bos_token", "<mask>", "mask_token", "[PAD]", "pad_token", "[UNK]", "unk_token",
                "[CLS]", "cls_token", "[SEP]", "sep_token", "[MASK]", "mask_token");
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("tokenizer_class", "PreTrainedTokenizerFast");
        var additional = o.arrayNode();
        for (String token : specialTokens) {
            String role = roles.get(token);
            if (role != null && !o.has(role)) {
                o.put(role, token);
            } else {
                additional.add(token);
            }
        }
        if (!additional.isEmpty()) {
            o.set("additional_special_tokens", additional);
        }
        o.put("clean_up_tokenization_spaces", false);
        ConfigJson.write(dir.resolve(TOKENIZER_CONFIG), o);
    }

    /**
     * HF's {@code generation_config.json}: the special ids, and sampling settings that suit a small model. The
     * default length leaves room for a short prompt within the model's {@code n_positions}.
     */
    public static void writeGenerationConfig(Path dir, int bosTokenId, int eosTokenId, int positions) {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("bos_token_id", bosTokenId);
        o.put("eos_token_id", eosTokenId);
        o.put("do_sample", true);
        o.put("temperature", 0.8);
        o.put("top_k", 40);
        o.put("max_new_tokens", Math.min(200, positions * 3 / 4));
        ConfigJson.write(dir.resolve("generation_config.json"), o);
    }

    /**
     * The {@code generation_config.json} of a translation model, as opus-mt's: the decoder starts with
     * {@code decoder_start_token_id}, {@code <pad>} is never generated ({@code bad_words_ids}), {@code </s>} ends
     * and is forced at {@code max_length}; beam search with 4 beams (§6.1).
     */
    public static void writeTranslationGenerationConfig(Path dir, MarianConfig c) {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.putArray("bad_words_ids").addArray().add(c.padTokenId());
        o.put("decoder_start_token_id", c.decoderStartTokenId());
        o.put("eos_token_id", c.eosTokenId());
        o.put("forced_eos_token_id", c.eosTokenId());
        o.put("max_length", c.maxPositionEmbeddings());
        o.put("num_beams", 4);
        o.put("pad_token_id", c.padTokenId());
        ConfigJson.write(dir.resolve("generation_config.json"), o);
    }

    private static Map<String, String> specialTokens(Tokenizer tokenizer) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("cls_token", "[CLS]");
        wanted.put("sep_token", "[SEP]");
        wanted.put("pad_token", "[PAD]");
        wanted.put("unk_token", "[UNK]");
        wanted.put("mask_token", "[MASK]");
        Map<String, String> out = new LinkedHashMap<>();
        wanted.forEach((role, token) -> {
            if (tokenizer.tokenToId(token).isPresent()) {
                out.put(role, token);
            }
        });
        if (tokenizer.tokenToId("<|endoftext|>").isPresent()) {
            out.put("bos_token", "<|endoftext|>");
            out.put("eos_token", "<|endoftext|>");
            out.put("unk_token", "<|endoftext|>");
        } else if (tokenizer.tokenToId("<unk>").isPresent()) {
            out.put("unk_token", "<unk>");
        }
        if (tokenizer.tokenToId("</s>").isPresent()) {
            out.put("eos_token", "</s>");
        }
        if (tokenizer.tokenToId("<pad>").isPresent()) {
            out.put("pad_token", "<pad>");
        }
        return out;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(to + ": cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
