package dev.transformers4j.tokenizers.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.tokenizers.models.BPE;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unit tests of HF tokenizers' BPE trainer ({@code tokenizers/src/models/bpe/trainer.rs}, module
 * {@code tests}) and word ({@code models/bpe/word.rs}), ported with their expected values.
 */
class BpeTrainerHfTestsTest {

    /** {@code test_train}: min_frequency 2 leaves the alphabet and three merges, 're', 'are', 'is'. */
    @Test
    void testTrain() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("roses", 1);
        counts.put("are", 2);
        counts.put("red", 1);
        counts.put("voilets", 1);
        counts.put("blue", 1);
        counts.put("BERT", 1);
        counts.put("is", 2);
        counts.put("big", 1);
        counts.put("and", 1);
        counts.put("so", 1);
        counts.put("GPT-2", 1);
        TrainedBpe bpe = BpeTrainer.defaults().withMinFrequency(2).train(WordCounts.of(counts));

        assertThat(bpe.vocab()).containsExactly("-", "2", "B", "E", "G", "P", "R", "T", "a", "b", "d", "e", "g", "i",
                "l", "n", "o", "r", "s", "t", "u", "v", "re", "are", "is");
        // HF: ((17, 11), (0, 22)) 'r' + 'e', ((8, 22), (1, 23)) 'a' + 're', ((13, 18), (2, 24)) 'i' + 's'
        assertThat(bpe.merges()).containsExactly(new BPE.Merge("r", "e"), new BPE.Merge("a", "re"),
                new BPE.Merge("i", "s"));
        assertThat(bpe.alphabetSize()).isEqualTo(22);
    }

    /** {@code bpe_test_max_token_length_direct_assert}: max_token_length 2, every word twice. */
    @Test
    void maxTokenLengthDirectAssert() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String w : List.of("sin", "Sin", "Lon", "Ano", "짧은한", "긴한글", "短字符", "长字符", "短い文", "長い文",
                "so", "GP")) {
            counts.put(w, 2);
        }
        TrainedBpe bpe = BpeTrainer.defaults().withMaxTokenLength(2).train(WordCounts.of(counts));

        Map<String, Integer> expected = Map.ofEntries(Map.entry("短", 12), Map.entry("n", 6), Map.entry("i", 5),
                Map.entry("s", 8), Map.entry("字符", 23), Map.entry("長", 14), Map.entry("긴", 17),
                Map.entry("い文", 22), Map.entry("L", 2), Map.entry("in", 21), Map.entry("o", 7),
                Map.entry("은한", 29), Map.entry("S", 4), Map.entry("P", 3), Map.entry("so", 27),
                Map.entry("符", 13), Map.entry("文", 11), Map.entry("字", 10), Map.entry("짧", 19),
                Map.entry("GP", 25), Map.entry("글", 16), Map.entry("G", 1), Map.entry("An", 24),
                Map.entry("长", 15), Map.entry("A", 0), Map.entry("Lo", 26), Map.entry("긴한", 28),
                Map.entry("い", 9), Map.entry("한", 20), Map.entry("은", 18));
        assertThat(bpe.vocabMap()).isEqualTo(expected);
    }

    /** {@code bpe_test_max_token_length_16}: no learned token is longer than 16 characters. */
    @Test
    void maxTokenLength16() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String w : List.of("singlelongtokenwithoutcasechange", "singleLongTokenWithCamelCaseChange",
                "Longsingletokenwithpunctu@t!onwithin", "Anotherlongsingletokenwithnumberw1th1n", "짧은한글문자열짧은한",
                "긴한글문자열긴한글문자열긴한글문", "短字符串短字符串短字", "长字符串长字符串长字符串长字符串", "短い文字列短い文字列",
                "長い文字列長い文字列長い文字列長", "so", "GPT-2")) {
            counts.put(w, 2);
        }
        TrainedBpe bpe = BpeTrainer.defaults().withMaxTokenLength(16).train(WordCounts.of(counts));
        assertThat(bpe.vocab()).allSatisfy(t -> assertThat(t.codePointCount(0, t.length())).isLessThanOrEqualTo(16));
        // and the limit binds: without it, whole 30+-character words become tokens
        TrainedBpe unlimited = BpeTrainer.defaults().train(WordCounts.of(counts));
        assertThat(unlimited.vocab()).contains("singlelongtokenwithoutcasechange");
    }

    /** {@code word.rs test_merge}: merging (l, l) in h e l l o reports -(e,l) +(e,ll) -(l,o) +(ll,o). */
    @Test
    void wordMerge() {
        assertThat(mergeHello(Long.MAX_VALUE)).containsExactly("1,2:-1", "1,4:1", "2,3:-1", "4,3:1");
    }

    /** {@code word.rs test_merge_max_length}: with max length 2 the pairs with 'll' are not counted. */
    @Test
    void wordMergeMaxLength() {
        assertThat(mergeHello(2)).containsExactly("1,2:-1", "2,3:-1");
    }

    private static List<String> mergeHello(long maxLength) {
        TrainingWord word = new TrainingWord();
        for (int id : new int[] {0, 1, 2, 2, 3}) { // h e l l o
            word.add(id);
        }
        List<String> changes = new java.util.ArrayList<>();
        word.merge(2, 2, 4, maxLength, (pair, change) ->
                changes.add(PairCounts.left(pair) + "," + PairCounts.right(pair) + ":" + change));
        assertThat(word.ids()).containsExactly(0, 1, 4, 3);
        return changes;
    }
}
