package dev.transformers4j.tokenizers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.tokenizers.models.BPE;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trainer's options on hand-worked examples (HF's {@code do_train}, step by step). */
class BpeTrainerTest {

    private static WordCounts words(Object... wordsAndCounts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndCounts.length; i += 2) {
            map.put((String) wordsAndCounts[i], (Integer) wordsAndCounts[i + 1]);
        }
        return WordCounts.of(map);
    }

    /** Specials first in their order, then the alphabet by code point (a special equal to a character keeps its id). */
    @Test
    void specialTokensThenAlphabet() {
        TrainedBpe bpe = BpeTrainer.defaults().withSpecialTokens(List.of("<pad>", "b", "</s>"))
                .withVocabSize(5).train(words("cab", 1));
        assertThat(bpe.vocab()).containsExactly("<pad>", "b", "</s>", "a", "c");
        assertThat(bpe.alphabetSize()).isEqualTo(2);
        assertThat(bpe.merges()).isEmpty();
    }

    /** "ab" ×2, "b": a, b, then ##b for b after a's; the merge a + ##b drops the prefix. */
    @Test
    void continuingSubwordPrefix() {
        TrainedBpe bpe = BpeTrainer.defaults().withAffixes("##", null).train(words("ab", 2, "b", 1));
        assertThat(bpe.vocab()).containsExactly("a", "b", "##b", "ab");
        assertThat(bpe.merges()).containsExactly(new BPE.Merge("a", "##b"));
        assertThat(bpe.continuingSubwordPrefix()).isEqualTo("##");
    }

    /** The last symbol of each word carries the suffix, and keeps it when merged. */
    @Test
    void endOfWordSuffix() {
        TrainedBpe bpe = BpeTrainer.defaults().withAffixes(null, "</w>").train(words("ab", 2));
        assertThat(bpe.vocab()).containsExactly("a", "b", "b</w>", "ab</w>");
        assertThat(bpe.merges()).containsExactly(new BPE.Merge("a", "b</w>"));
    }

    /**
     * Counts a, b, c: 3; d, x: 1. A limit of 4 drops one of the rarest, x (ties: the higher code point); its
     * occurrences are skipped, so "xd" is just d. A limit of 3 drops both.
     */
    @Test
    void limitAlphabetDropsTheRarest() {
        WordCounts words = words("abc", 3, "xd", 1);
        assertThat(BpeTrainer.defaults().withVocabSize(4).withLimitAlphabet(4).train(words).vocab())
                .containsExactly("a", "b", "c", "d");
        assertThat(BpeTrainer.defaults().withVocabSize(3).withLimitAlphabet(3).train(words).vocab())
                .containsExactly("a", "b", "c");
        // the initial alphabet counts as most frequent: z is kept, and of a, b, c (all 3) the lowest code point
        assertThat(BpeTrainer.defaults().withVocabSize(2).withLimitAlphabet(2).withInitialAlphabet(Set.of((int) 'z'))
                .train(words).vocab()).containsExactly("a", "z");
    }

    /** Unseen initial characters join the alphabet (in code point order with the seen ones) before the merges. */
    @Test
    void initialAlphabetIsAlwaysIn() {
        TrainedBpe bpe = BpeTrainer.defaults().withInitialAlphabet(Set.of((int) 'z', 0x1F600)).train(words("ab", 1));
        assertThat(bpe.vocab()).containsExactly("a", "b", "z", "😀", "ab");
    }

    /** Characters are code points: a supplementary character is one symbol and sorts after U+FFFD. */
    @Test
    void supplementaryCharactersAreOneSymbol() {
        TrainedBpe bpe = BpeTrainer.defaults().train(words("😀\uFFFD😀\uFFFD", 2));
        assertThat(bpe.vocab()).containsExactly("\uFFFD", "😀", "😀\uFFFD", "😀\uFFFD😀\uFFFD");
    }

    /** HF stops at the vocabulary size even if special tokens and alphabet alone exceed it: nothing is cut. */
    @Test
    void vocabSmallerThanAlphabetKeepsTheAlphabet() {
        TrainedBpe bpe = BpeTrainer.defaults().withVocabSize(2).withSpecialTokens(List.of("<pad>"))
                .train(words("abc", 5));
        assertThat(bpe.vocab()).containsExactly("<pad>", "a", "b", "c");
        assertThat(bpe.merges()).isEmpty();
    }

    @Test
    void emptyWordCountsLeaveSpecialsAndInitialAlphabet() {
        TrainedBpe bpe = BpeTrainer.defaults().withSpecialTokens(List.of("<unk>"))
                .withInitialAlphabet(Set.of((int) 'q')).train(new WordCounts());
        assertThat(bpe.vocab()).containsExactly("<unk>", "q");
    }

    @Test
    void invalidSettingsNameTheField() {
        assertThatThrownBy(() -> BpeTrainer.defaults().withVocabSize(0))
                .hasMessage("BpeTrainer vocab_size: expected >= 1 but was 0");
        assertThatThrownBy(() -> BpeTrainer.defaults().withMinFrequency(-1)).hasMessageContaining("min_frequency");
        assertThatThrownBy(() -> BpeTrainer.defaults().withSpecialTokens(List.of("<pad>", "<pad>")))
                .hasMessageContaining("special_tokens").hasMessageContaining("'<pad>' twice");
        assertThatThrownBy(() -> BpeTrainer.defaults().withSpecialTokens(List.of(""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> BpeTrainer.defaults().withMaxTokenLength(0)).hasMessageContaining("max_token_length");
        assertThatThrownBy(() -> new WordCounts().add("a", 0)).hasMessageContaining("expected >= 1");
    }
}
