package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.Pipeline;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.added.AddedVocabulary;
import dev.transformers4j.tokenizers.decoders.ByteLevelDecoder;
import dev.transformers4j.tokenizers.models.BPE;
import dev.transformers4j.tokenizers.pretokenizers.ByteLevel;
import dev.transformers4j.tokenizers.processors.ByteLevelProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPT-2's original ("slow") tokenizer files: {@code vocab.json} ({@code {token: id}}, OpenAI's
 * {@code encoder.json}) and {@code merges.txt} (a {@code #version} line, then one merge {@code "a b"}
 * per line, highest priority first; OpenAI's {@code vocab.bpe}). Builds the pipeline HF's
 * {@code GPT2TokenizerFast} converts them to: ByteLevel pre-tokenizer (no prefix space), BPE, ByteLevel
 * post-processor ({@code trim_offsets=false}, as HF's {@code GPT2Converter} sets it), ByteLevel decoder,
 * and {@code <|endoftext|>} as a special added token.
 */
public final class VocabAndMerges {
    /** GPT-2's one special token: end of text, also its BOS and unknown token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VocabAndMerges() {
    }

    /**
     * @param vocabJson  content of {@code vocab.json}; @param vocabName its name for error messages
     * @param mergesTxt  content of {@code merges.txt}; @param mergesName its name for error messages
     */
    public static Pipeline gpt2(String vocabJson, String vocabName, String mergesTxt, String mergesName) {
        Map<String, Integer> vocab = vocab(vocabJson, vocabName);
        List<Integer> lines = new ArrayList<>();
        List<BPE.Merge> merges = merges(mergesTxt, mergesName, lines);
        BPE model;
        try {
            model = new BPE(vocab, merges, BPE.Options.gpt2());
        } catch (BPE.MergeOutOfVocabulary e) {
            throw new IllegalArgumentException(mergesName + ": line " + lines.get(e.index()) + ": " + e.getMessage()
                    + " (" + vocabName + ")", e);
        }
        AddedToken endOfText = new AddedToken(vocab.getOrDefault(END_OF_TEXT, vocab.size()), END_OF_TEXT,
                false, false, false, true, true);
        return new Pipeline(
                new AddedVocabulary(AddedVocabulary.assignIds(List.of(endOfText), model), null),
                null, ByteLevel.gpt2(), model, new ByteLevelProcessor(true, false), ByteLevelDecoder.INSTANCE);
    }

    private static Map<String, Integer> vocab(String json, String name) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": invalid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a JSON object {token: id}");
        }
        Map<String, Integer> vocab = new HashMap<>(root.size() * 2);
        root.properties().forEach(e -> {
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
                throw new IllegalArgumentException(name + ": token '" + e.getKey() + "': expected an integer id but was "
                        + e.getValue());
            }
            vocab.put(e.getKey(), e.getValue().asInt());
        });
        return vocab;
    }

    /**
     * The merges in order, as HF's {@code BPE::read_file}: {@code #version} lines skipped, every other
     * line exactly two tokens separated by one space. Blank lines are skipped (HF rejects them; the
     * slow tokenizer drops a trailing one). {@code lines} receives each merge's 1-based line number.
     */
    private static List<BPE.Merge> merges(String text, String name, List<Integer> lines) {
        List<BPE.Merge> merges = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].endsWith("\r") ? all[i].substring(0, all[i].length() - 1) : all[i];
            if (line.startsWith("#version") || line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException(name + ": line " + (i + 1)
                        + ": expected two tokens separated by one space but was '" + line + "'");
            }
            merges.add(new BPE.Merge(parts[0], parts[1]));
            lines.add(i + 1);
        }
        return merges;
    }
}
