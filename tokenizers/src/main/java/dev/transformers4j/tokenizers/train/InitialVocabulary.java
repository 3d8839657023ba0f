package dev.transformers4j.tokenizers.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps 2 and 3 of HF's {@code BpeTrainer::do_train}: the alphabet (the characters of the corpus, plus the
 * initial alphabet, minus the rarest beyond {@code limit_alphabet}) joins the vocabulary in code point order,
 * then every word is cut into single-character symbols.
 */
final class InitialVocabulary {
    private InitialVocabulary() {
    }

    /**
     * HF's {@code compute_alphabet}. Each character counts as often as the words it is in occur; those of
     * {@code initialAlphabet} count as infinitely frequent. With {@code limitAlphabet} ({@code null}: no limit)
     * the rarest characters beyond the limit are dropped: ties are broken by dropping the higher code point
     * first (HF's order among ties is that of a hash map, i.e. arbitrary).
     */
    static void addAlphabet(WordCounts words, Set<Integer> initialAlphabet, Integer limitAlphabet,
            TrainingVocab vocab) {
        Map<Integer, Long> alphabet = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            long count = words.count(w);
            words.word(w).codePoints().forEach(c -> alphabet.merge(c, count, Long::sum));
        }
        initialAlphabet.forEach(c -> alphabet.put(c, Long.MAX_VALUE));
        List<Map.Entry<Integer, Long>> kept = new ArrayList<>(alphabet.entrySet());
        int toRemove = limitAlphabet == null ? 0 : Math.max(0, alphabet.size() - limitAlphabet);
        if (toRemove > 0) {
            kept.sort(Map.Entry.<Integer, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
            kept = kept.subList(toRemove, kept.size());
        }
        kept.stream().map(Map.Entry::getKey).sorted()
                .forEach(c -> vocab.idOrAdd(Character.toString(c)));
    }

    /**
     * HF's {@code tokenize_words}: each word as one symbol per character that is in the vocabulary (others,
     * dropped from the alphabet, are skipped), every symbol but the first prefixed with
     * {@code continuingSubwordPrefix} and the last suffixed with {@code endOfWordSuffix} (either may be
     * {@code null}); such affixed symbols join the vocabulary as they are first met.
     */
    static List<TrainingWord> split(WordCounts words, String continuingSubwordPrefix, String endOfWordSuffix,
            TrainingVocab vocab) {
        List<TrainingWord> result = new ArrayList<>(words.size());
        for (int w = 0; w < words.size(); w++) {
            String word = words.word(w);
            TrainingWord symbols = new TrainingWord();
            for (int i = 0; i < word.length(); ) {
                int c = word.codePointAt(i);
                i += Character.charCount(c);
                String s = Character.toString(c);
                if (!vocab.contains(s)) {
                    continue;
                }
                if (i > Character.charCount(c) && continuingSubwordPrefix != null) {
                    s = continuingSubwordPrefix + s;
                }
                if (i == word.length() && endOfWordSuffix != null) {
                    s = s + endOfWordSuffix;
                }
                symbols.add(vocab.idOrAdd(s));
            }
            result.add(symbols);
        }
        return result;
    }
}
