package dev.transformers4j.generation;

import dev.transformers4j.models.io.ModelFolder;
import java.nio.file.Path;
import java.util.List;

/**
 * How to generate: HF's {@code GenerationConfig}, with its field meanings and defaults (transformers 4.57),
 * validated when built. Read one from {@code generation_config.json} with {@link #fromJson(Path)} and override
 * fields with {@link #toBuilder()}.
 *
 * @param maxNewTokens       {@code max_new_tokens}: tokens to generate after the (padded) prompt; null = use maxLength
 * @param maxLength          {@code max_length} (20): prompt + new tokens, used when maxNewTokens is null
 * @param minNewTokens       {@code min_new_tokens} (0): EOS is forbidden before this many new tokens
 * @param doSample           {@code do_sample}: sample from the processed distribution instead of taking the argmax
 * @param temperature        {@code temperature} (1.0): logits are divided by it when sampling
 * @param topK               {@code top_k} (50, applied only when sampling; 0 = off)
 * @param topP               {@code top_p} (1.0 = off): nucleus sampling
 * @param minP               {@code min_p} (null = off): drop tokens below min_p × the top probability
 * @param typicalP           {@code typical_p} (1.0 = off): locally typical sampling
 * @param repetitionPenalty  {@code repetition_penalty} (1.0 = off)
 * @param noRepeatNgramSize  {@code no_repeat_ngram_size} (0 = off)
 * @param badWordsIds        {@code bad_words_ids}: token sequences that may never be generated (empty = none)
 * @param eosTokenIds        {@code eos_token_id}: one or several end-of-sequence ids (empty = none)
 * @param padTokenId         {@code pad_token_id}: fills finished rows; null = the first EOS id, as HF does
 * @param bosTokenId         {@code bos_token_id} (informational)
 * @param decoderStartTokenId {@code decoder_start_token_id}: the first decoder token of an encoder-decoder model
 *                           (null = the model's own)
 * @param forcedEosTokenId   {@code forced_eos_token_id}: forced as the last token at max_length (null = off)
 * @param numBeams           {@code num_beams} (1 = no beam search)
 * @param lengthPenalty      {@code length_penalty} (1.0): beam score = sum of log-probs / length^length_penalty
 * @param earlyStopping      {@code early_stopping} (False = {@link EarlyStopping#HEURISTIC})
 * @param numReturnSequences {@code num_return_sequences} (1): sequences returned per prompt
 * @param seed               the sampling seed (ours; null = a fresh random seed each call)
 * @param stopStrings        {@code stop_strings}: stop a row once its new text contains one of these
 * @param outputScores       {@code output_scores}: return the processed scores of every step
 */
public record GenerationConfig(Integer maxNewTokens, int maxLength, int minNewTokens, boolean doSample,
        double temperature, int topK, double topP, Double minP, double typicalP, double repetitionPenalty,
        int noRepeatNgramSize, List<List<Integer>> badWordsIds, List<Integer> eosTokenIds, Integer padTokenId,
        Integer bosTokenId, Integer decoderStartTokenId, Integer forcedEosTokenId, int numBeams, double lengthPenalty,
        EarlyStopping earlyStopping, int numReturnSequences, Long seed, List<String> stopStrings,
        boolean outputScores) {

    public GenerationConfig {
        badWordsIds = badWordsIds == null ? List.of() : badWordsIds.stream().map(List::copyOf).toList();
        eosTokenIds = eosTokenIds == null ? List.of() : List.copyOf(eosTokenIds);
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        earlyStopping = earlyStopping == null ? EarlyStopping.HEURISTIC : earlyStopping;
        validate(maxNewTokens, maxLength, minNewTokens, noRepeatNgramSize);
        validateSampling(doSample, temperature, topK, topP, minP, typicalP, repetitionPenalty);
        validateSearch(doSample, numBeams, numReturnSequences, lengthPenalty);
        validateTokens(badWordsIds, eosTokenIds, padTokenId, forcedEosTokenId, stopStrings);
        check(decoderStartTokenId == null || decoderStartTokenId >= 0, "decoder_start_token_id", "a token id ≥ 0",
                decoderStartTokenId);
    }

    /** HF's defaults: greedy search, at most 20 tokens in all. */
    public static GenerationConfig defaults() {
        return builder().build();
    }

    public static GenerationConfigBuilder builder() {
        return new GenerationConfigBuilder();
    }

    /** A builder starting from this config, to override some fields. */
    public GenerationConfigBuilder toBuilder() {
        return new GenerationConfigBuilder(this);
    }

    /** Reads {@code generation_config.json}; unknown fields are ignored, errors name the file and field. */
    public static GenerationConfig fromJson(Path file) {
        return GenerationConfigJson.read(file);
    }

    /** A model folder's defaults: its {@code generation_config.json} when it has one, else {@link #defaults()}. */
    public static GenerationConfig fromFolder(ModelFolder folder) {
        return folder.hasGenerationConfig() ? fromJson(folder.generationConfig()) : defaults();
    }

    /** The pad id finished rows are filled with: {@code pad_token_id}, else the first EOS id (HF), else -1. */
    public int effectivePadTokenId() {
        return padTokenId != null ? padTokenId : eosTokenIds.isEmpty() ? -1 : eosTokenIds.get(0);
    }

    public boolean isBeamSearch() {
        return numBeams > 1;
    }

    private static void validate(Integer maxNewTokens, int maxLength, int minNewTokens, int noRepeatNgramSize) {
        check(maxNewTokens == null || maxNewTokens >= 1, "max_new_tokens", "≥ 1", maxNewTokens);
        check(maxLength >= 1, "max_length", "≥ 1", maxLength);
        check(minNewTokens >= 0, "min_new_tokens", "≥ 0", minNewTokens);
        check(noRepeatNgramSize >= 0, "no_repeat_ngram_size", "≥ 0 (0 = off)", noRepeatNgramSize);
    }

    private static void validateSampling(boolean doSample, double temperature, int topK, double topP, Double minP,
            double typicalP, double repetitionPenalty) {
        check(!doSample || temperature > 0 && Double.isFinite(temperature), "temperature",
                "> 0 when do_sample is true (for greedy decoding set do_sample false)", temperature);
        check(topK >= 0, "top_k", "≥ 0 (0 = off)", topK);
        check(topP > 0 && topP <= 1, "top_p", "in (0, 1] (1 = off)", topP);
        check(minP == null || minP >= 0 && minP <= 1, "min_p", "in [0, 1]", minP);
        check(typicalP > 0 && typicalP <= 1, "typical_p", "in (0, 1] (1 = off)", typicalP);
        check(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty), "repetition_penalty",
                "> 0 (1 = off)", repetitionPenalty);
    }

    private static void validateSearch(boolean doSample, int numBeams, int numReturnSequences, double lengthPenalty) {
        check(numBeams >= 1, "num_beams", "≥ 1", numBeams);
        check(!(doSample && numBeams > 1), "do_sample",
                "false when num_beams > 1 (beam-sample is not supported)", doSample);
        check(numReturnSequences >= 1, "num_return_sequences", "≥ 1", numReturnSequences);
        check(numBeams == 1 || numReturnSequences <= numBeams, "num_return_sequences",
                "≤ num_beams (" + numBeams + ")", numReturnSequences);
        check(numBeams > 1 || doSample || numReturnSequences == 1, "num_return_sequences",
                "1 for greedy search (use sampling or beam search to return several)", numReturnSequences);
        check(Double.isFinite(lengthPenalty), "length_penalty", "a finite number", lengthPenalty);
    }

    private static void validateTokens(List<List<Integer>> badWordsIds, List<Integer> eosTokenIds, Integer padTokenId,
            Integer forcedEosTokenId, List<String> stopStrings) {
        for (List<Integer> word : badWordsIds) {
            check(!word.isEmpty() && word.stream().allMatch(t -> t != null && t >= 0), "bad_words_ids",
                    "non-empty lists of token ids ≥ 0", badWordsIds);
        }
        check(eosTokenIds.stream().allMatch(t -> t != null && t >= 0), "eos_token_id", "token ids ≥ 0", eosTokenIds);
        check(padTokenId == null || padTokenId >= 0, "pad_token_id", "a token id ≥ 0", padTokenId);
        check(forcedEosTokenId == null || forcedEosTokenId >= 0, "forced_eos_token_id", "a token id ≥ 0",
                forcedEosTokenId);
        check(stopStrings.stream().allMatch(s -> s != null && !s.isEmpty()), "stop_strings", "non-empty strings",
                stopStrings);
    }

    private static void check(boolean ok, String setting, String allowed, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("generation config: " + setting + " must be " + allowed + " but was "
                    + value);
        }
    }
}
