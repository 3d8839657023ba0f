package dev.transformers4j.generation.logits;

import java.util.List;

/**
 * HF's {@code NoBadWordsLogitsProcessor} (a {@code SequenceBiasLogitsProcessor} with bias −inf): a one-token bad
 * word is always −inf; for a longer one, its last token is −inf when the row ends with the rest of it. As in HF,
 * a bad word that is just an EOS id is dropped (EOS cannot be banned this way).
 */
public final class NoBadWordsLogitsProcessor implements LogitsProcessor {

    private final List<int[]> words;

    public NoBadWordsLogitsProcessor(List<List<Integer>> badWordsIds, List<Integer> eosTokenIds) {
        this.words = badWordsIds.stream()
                .filter(w -> !(w.size() == 1 && eosTokenIds.contains(w.get(0))))
                .map(w -> w.stream().mapToInt(Integer::intValue).toArray())
                .toList();
        for (int[] w : words) {
            if (w.length == 0) {
                throw new IllegalArgumentException("bad_words_ids: a bad word has no tokens");
            }
        }
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        for (int[] word : words) {
            int last = word[word.length - 1];
            if (last >= vocab) {
                throw new IllegalArgumentException("bad_words_ids: token " + last + " is outside the vocabulary of "
                        + vocab);
            }
            if (word.length <= ids.length && endsWithPrefix(ids, word)) {
                scores[offset + last] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Does the row end with {@code word} minus its last token? */
    private static boolean endsWithPrefix(int[] ids, int[] word) {
        int p = word.length - 1;
        for (int i = 0; i < p; i++) {
            if (ids[ids.length - p + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
