package dev.transformers4j.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code generation_config.json}: the one place where HF's JSON names meet {@link GenerationConfig}. */
final class GenerationConfigJson {

    private GenerationConfigJson() {
    }

    static GenerationConfig read(Path file) {
        ConfigJson json = ConfigJson.read(file);
        GenerationConfigBuilder b = GenerationConfig.builder()
                .maxNewTokens(json.getIntOrNull("max_new_tokens"))
                .maxLength(json.getInt("max_length", 20))
                .minNewTokens(json.getInt("min_new_tokens", 0))
                .doSample(json.getBoolean("do_sample", false))
                .temperature(json.getDouble("temperature", 1.0))
                .topK(json.root().has("top_k") && json.root().get("top_k").isNull() ? 0 : json.getInt("top_k", 50))
                .topP(json.getDouble("top_p", 1.0))
                .minP(json.has("min_p") ? json.getDouble("min_p", 0) : null)
                .typicalP(json.getDouble("typical_p", 1.0))
                .repetitionPenalty(json.getDouble("repetition_penalty", 1.0))
                .noRepeatNgramSize(json.getInt("no_repeat_ngram_size", 0))
                .badWordsIds(badWords(json))
                .eosTokenIds(intOrList(json, "eos_token_id"))
                .padTokenId(json.getIntOrNull("pad_token_id"))
                .bosTokenId(json.getIntOrNull("bos_token_id"))
                .decoderStartTokenId(json.getIntOrNull("decoder_start_token_id"))
                .forcedEosTokenId(json.getIntOrNull("forced_eos_token_id"))
                .numBeams(json.getInt("num_beams", 1))
                .lengthPenalty(json.getDouble("length_penalty", 1.0))
                .earlyStopping(earlyStopping(json))
                .numReturnSequences(json.getInt("num_return_sequences", 1))
                .seed(json.has("seed") ? (long) json.requireInt("seed") : null)
                .stopStrings(stopStrings(json))
                .outputScores(json.getBoolean("output_scores", false));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
    }

    /** {@code eos_token_id}: an integer or a list of integers. */
    private static List<Integer> intOrList(ConfigJson json, String field) {
        JsonNode n = json.root().get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isArray()) {
            return ints(json, field, n);
        }
        return List.of(json.requireInt(field));
    }

    private static List<List<Integer>> badWords(ConfigJson json) {
        JsonNode n = json.root().get("bad_words_ids");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw json.error("bad_words_ids", "expected a list of lists of token ids but was " + n);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (JsonNode word : n) {
            if (!word.isArray()) {
                throw json.error("bad_words_ids", "expected a list of lists of token ids but found " + word);
            }
            out.add(ints(json, "bad_words_ids", word));
        }
        return out;
    }

    private static List<Integer> ints(ConfigJson json, String field, JsonNode array) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw json.error(field, "expected token ids (integers) but found " + v);
            }
            out.add(v.asInt());
        }
        return out;
    }

    /** {@code early_stopping}: true, false or "never". */
    private static EarlyStopping earlyStopping(ConfigJson json) {
        JsonNode n = json.root().get("early_stopping");
        if (n == null || n.isNull()) {
            return EarlyStopping.HEURISTIC;
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? EarlyStopping.WHEN_BEAMS_FULL : EarlyStopping.HEURISTIC;
        }
        if (n.isTextual() && n.asText().equals("never")) {
            return EarlyStopping.NEVER;
        }
        throw json.error("early_stopping", "expected true, false or \"never\" but was " + n);
    }

    /** {@code stop_strings}: a string or a list of strings. */
    private static List<String> stopStrings(ConfigJson json) {
        JsonNode n = json.root().get("stop_strings");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n.isArray() ? n : List.<JsonNode>of()) {
            if (!s.isTextual()) {
                throw json.error("stop_strings", "expected strings but found " + s);
            }
            out.add(s.asText());
        }
        if (!n.isArray()) {
            throw json.error("stop_strings", "expected a string or a list of strings but was " + n);
        }
        return out;
    }
}
