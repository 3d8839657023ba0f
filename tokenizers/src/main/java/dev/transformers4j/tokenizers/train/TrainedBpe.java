package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.models.BPE;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link BpeTrainer} learned: the vocabulary by id (special tokens, then the alphabet, then the tokens the
 * merges made; two merges may make the same token) and the merges by rank, as HF's trained {@code BPE} model
 * holds them.
 *
 * @param vocab                   the tokens; a token's id is its index
 * @param merges                  the merge rules, highest priority first
 * @param alphabetSize            how many tokens the alphabet step added (characters and their affixed forms)
 * @param continuingSubwordPrefix the trainer's, {@code null} for none
 * @param endOfWordSuffix         the trainer's, {@code null} for none
 */
public record TrainedBpe(List<String> vocab, List<BPE.Merge> merges, int alphabetSize, String continuingSubwordPrefix,
        String endOfWordSuffix) {
    public TrainedBpe {
        vocab = List.copyOf(vocab);
        merges = List.copyOf(merges);
    }

    /** {@code {token: id}} in id order. */
    public Map<String, Integer> vocabMap() {
        Map<String, Integer> map = new LinkedHashMap<>(vocab.size() * 2);
        for (int id = 0; id < vocab.size(); id++) {
            map.put(vocab.get(id), id);
        }
        return map;
    }

    /** The BPE model, with the given options for everything the trainer does not decide (unknown token...). */
    public BPE model(BPE.Options options) {
        return new BPE(vocabMap(), merges, options);
    }
}
